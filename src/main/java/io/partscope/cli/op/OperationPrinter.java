package io.partscope.cli.op;

import io.partscope.core.db.Database;
import io.partscope.core.ops.Blocker;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.LockNote;
import io.partscope.core.ops.OperationListener;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.StepOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an operation for people (the plan with its SQL and locks, live step lines, the outcome) and builds its
 * JSON (the {@code op --json} contract in docs/cli.md). Shared by every {@code op} subcommand.
 */
public final class OperationPrinter {
    private final PrintWriter out;

    public OperationPrinter(PrintWriter out) {
        this.out = out;
    }

    /** The plan: summary, where, preflight checks, each step with its exact SQL and the locks it takes. */
    public void printPlan(OperationPlan plan, Database db, ExecutionOptions options) {
        out.println(plan.summary());
        out.println("  on " + db.settings().endpoint() + "/" + db.server().database() + " as "
                + db.server().user() + " (PostgreSQL " + db.server().version() + ")");
        out.println();
        out.println("Preflight:");
        for (Check c : plan.preflight()) {
            out.println("  " + pad(c.status().json(), 7) + c.message());
        }
        out.println();
        if (plan.steps().isEmpty()) {
            out.println("Steps: none");
            out.flush();
            return;
        }
        out.println("Steps (lock_timeout " + text(options.lockTimeout()) + ", up to " + options.retries()
                + " retries on a lock timeout; statement_timeout "
                + (options.statementTimeout().isZero() ? "none" : text(options.statementTimeout())) + "):");
        int i = 1;
        for (Step s : plan.steps()) {
            out.println("  " + i++ + ". " + s.title() + (s.transactional() ? "" : "  [autocommit]"));
            long stepTimeout = (s.lockTimeout() != null ? s.lockTimeout() : options.lockTimeout()).toMillis();
            if (s.transactional()) {
                out.println("       BEGIN;");
                out.println("       SET LOCAL lock_timeout = '" + stepTimeout + "ms';");
            } else if (s.lockTimeout() != null) {
                out.println("       SET lock_timeout = '" + stepTimeout + "ms';"
                        + (stepTimeout == 0 ? "  -- no limit: it waits as long as the transactions it waits for" : ""));
            }
            for (String sql : s.statements()) {
                out.println("       " + sql + ";");
            }
            if (s.transactional()) {
                out.println("       COMMIT;");
            }
            for (LockNote l : s.locks()) {
                out.println("       locks " + l.mode().sql() + " on " + l.relation() + ": " + l.why());
            }
        }
        out.flush();
    }

    /** Live lines while the operation runs. */
    public OperationListener liveListener(int stepCount) {
        return new OperationListener() {
            @Override
            public void stepStarted(int index, Step step) {
                out.println("[" + (index + 1) + "/" + stepCount + "] " + step.title());
                out.flush();
            }

            @Override
            public void retrying(int stepIndex, int attempt, String reason, Duration backoff) {
                out.println("      " + reason + "; attempt " + attempt + " in " + text(backoff));
                out.flush();
            }

            @Override
            public void progress(int stepIndex, String text, double fraction) {
                out.println("      " + (fraction >= 0 ? String.format(Locale.ROOT, "%3.0f%% ", fraction * 100) : "")
                        + text);
                out.flush();
            }

            private java.util.Set<Integer> shown = java.util.Set.of();

            @Override
            public void blockers(int stepIndex, List<Blocker> blockers) {
                java.util.Set<Integer> pids = new java.util.TreeSet<>();
                blockers.forEach(b -> pids.add(b.pid()));
                if (pids.equals(shown)) {
                    return;
                }
                shown = pids;
                if (blockers.isEmpty()) {
                    out.println("      no longer waiting");
                } else {
                    out.println("      waiting for " + blockers.size() + (blockers.size() == 1 ? " session" : " sessions")
                            + " (Ctrl-C cancels):");
                    blockers.forEach(b -> out.println("        " + b.describe()));
                }
                out.flush();
            }

            @Override
            public void stepFinished(int index, StepOutcome o) {
                out.println("      " + o.status().json() + " in " + o.millis() + " ms"
                        + (o.attempts() > 1 ? " (" + o.attempts() + " attempts)" : "")
                        + (o.error() != null ? ": " + o.error() : ""));
                out.flush();
            }
        };
    }

    /** The outcome: status and message, steps that did not finish, and the verification checks. */
    public void printOutcome(OperationOutcome outcome, boolean withChecks) {
        out.println();
        out.println(outcome.status().json().toUpperCase(Locale.ROOT).replace('_', ' ') + ": " + outcome.message());
        if (withChecks && !outcome.verification().isEmpty()) {
            out.println();
            out.println("Verification:");
            for (Check c : outcome.verification()) {
                out.println("  " + pad(c.status().json(), 7) + pad(c.name(), 0) + "  " + c.message());
            }
        }
        out.flush();
    }

    /** The plan as JSON-ready maps. */
    public static Map<String, Object> planJson(OperationPlan plan, ExecutionOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", plan.kind());
        m.put("target", plan.target());
        m.put("summary", plan.summary());
        m.put("refused", plan.refused());
        m.put("preflight", plan.preflight());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lock_timeout_ms", options.lockTimeout().toMillis());
        o.put("retries", options.retries());
        o.put("statement_timeout_ms", options.statementTimeout().toMillis());
        m.put("options", o);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step s : plan.steps()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("title", s.title());
            sm.put("transactional", s.transactional());
            if (s.lockTimeout() != null) {
                sm.put("lock_timeout_ms", s.lockTimeout().toMillis());
            }
            sm.put("statements", s.statements());
            sm.put("locks", s.locks().stream().map(l -> Map.of("relation", l.relation(), "mode", l.mode().sql(),
                    "why", l.why())).toList());
            steps.add(sm);
        }
        m.put("steps", steps);
        return m;
    }

    /** The outcome as JSON-ready maps (null for a plan that did not run). */
    public static Map<String, Object> outcomeJson(OperationOutcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", outcome.status().json());
        m.put("message", outcome.message());
        m.put("error_kind", outcome.errorKind() == null ? null
                : outcome.errorKind().name().toLowerCase(Locale.ROOT));
        m.put("started", outcome.started());
        m.put("finished", outcome.finished());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepOutcome s : outcome.steps()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("title", s.title());
            sm.put("status", s.status().json());
            sm.put("attempts", s.attempts());
            sm.put("millis", s.millis());
            sm.put("statement_millis", s.statementMillis());
            sm.put("error", s.error());
            sm.put("sqlstate", s.sqlState());
            steps.add(sm);
        }
        m.put("steps", steps);
        m.put("verification", outcome.verification());
        return m;
    }

    static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
