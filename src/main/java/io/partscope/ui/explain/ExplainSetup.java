package io.partscope.ui.explain;

import io.partscope.core.explain.ExplainRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The setup toggles of the editor and the free setup statements, turned into an {@link ExplainRequest}.
 *
 * @param setupText setup statements: a statement ends with a line that ends in ';' or at a blank line; without any
 *     ';', every non-blank line is one statement
 */
public record ExplainSetup(PlanCacheMode planCacheMode, boolean partitionPruning, boolean analyze, String setupText) {

    /** plan_cache_mode: the server's default, or forced custom or generic plans of prepared statements. */
    public enum PlanCacheMode {
        AUTO("auto"), FORCE_CUSTOM_PLAN("force_custom_plan"), FORCE_GENERIC_PLAN("force_generic_plan");

        private final String setting;

        PlanCacheMode(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }

        @Override
        public String toString() {
            return setting;
        }
    }

    /** The limit an EXPLAIN started from the app may take; Cancel stops it sooner. */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);

    public ExplainSetup {
        planCacheMode = planCacheMode == null ? PlanCacheMode.AUTO : planCacheMode;
        setupText = setupText == null ? "" : setupText;
    }

    /** The statements that run before the query: the toggles' SETs first, then the user's statements. */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        if (planCacheMode != PlanCacheMode.AUTO) {
            out.add("SET plan_cache_mode = " + planCacheMode.setting());
        }
        if (!partitionPruning) {
            out.add("SET enable_partition_pruning = off");
        }
        out.addAll(split(setupText));
        return out;
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        boolean semicolons = text.contains(";");
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || !semicolons) {
                flush(current, out);
                if (!trimmed.isEmpty()) {
                    out.add(trimmed);
                }
                continue;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
            if (trimmed.endsWith(";")) {
                flush(current, out);
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        String s = current.toString().strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (!s.isEmpty()) {
            out.add(s);
        }
        current.setLength(0);
    }

    public ExplainRequest request(String query) {
        return new ExplainRequest(query, statements(), analyze, STATEMENT_TIMEOUT);
    }

    /** "force_generic_plan · pruning off · ANALYZE · 1 setup statement": how A and B differ at a glance. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(planCacheMode == PlanCacheMode.AUTO ? "plan_cache_mode auto" : planCacheMode.setting());
        parts.add(partitionPruning ? "pruning on" : "pruning off");
        if (analyze) {
            parts.add("ANALYZE");
        }
        int n = split(setupText).size();
        if (n > 0) {
            parts.add(n + (n == 1 ? " setup statement" : " setup statements"));
        }
        return String.join(" · ", parts);
    }
}
