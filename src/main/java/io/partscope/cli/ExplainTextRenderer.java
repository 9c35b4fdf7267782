package io.partscope.cli;

import io.partscope.core.catalog.NaturalOrder;
import io.partscope.core.db.Identifiers;
import io.partscope.core.explain.ExplainResult;
import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PlanComparison;
import io.partscope.core.explain.PlanComparison.LeafChange;
import io.partscope.core.explain.PlanComparison.PlanFigures;
import io.partscope.core.explain.PlanComparison.SetComparison;
import io.partscope.core.explain.PlanComparison.SetSide;
import io.partscope.core.explain.PruningFinding;
import io.partscope.core.explain.PruningTarget;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The report of {@code partscope explain} without --json: per partition set what was read, the findings, the plan. */
final class ExplainTextRenderer {
    /** Names shown before "… and N more" unless --list. */
    static final int SHOWN_NAMES = 10;

    private final PrintWriter out;
    private final boolean all;

    /** @param all list every name (--list, --verbose) instead of the first {@value #SHOWN_NAMES} */
    ExplainTextRenderer(PrintWriter out, boolean all) {
        this.out = out;
        this.all = all;
    }

    void render(ExplainResult r) {
        out.println(header(r));
        out.println();
        if (r.targets().isEmpty()) {
            out.println("The query reads no partition set (no partitioned table or inheritance parent).");
        }
        for (PruningTarget t : r.targets()) {
            String prefix = schemaPrefix(t);
            out.println(t.qualifiedName() + ": scanned " + t.scanned().size() + " of " + t.leafCount()
                    + names(t.scanned(), prefix) + ", pruned at plan time: " + t.pruned().size()
                    + (all ? names(t.pruned(), prefix) : ""));
            if (!t.removedAtExecutorStart().isEmpty()) {
                out.println("  removed at executor start: " + t.removedAtExecutorStart().size()
                        + names(t.removedAtExecutorStart(), prefix));
            }
            if (r.analyze()) {
                out.println("  never executed: " + t.neverExecuted().size() + names(t.neverExecuted(), prefix));
            }
        }
        out.println();
        renderFindings(r.findings());
        out.println();
        out.println("Plan: " + planSummary(PlanFigures.of(r), r.analyze()));
    }

    void renderComparison(ExplainResult a, ExplainResult b, PlanComparison c) {
        out.println(header(a));
        out.println("A: " + variant(a));
        out.println("B: " + variant(b));
        out.println();
        boolean analyzed = a.analyze() && b.analyze();
        if (c.sets().isEmpty()) {
            out.println("Neither query reads a partition set.");
            out.println();
        }
        for (SetComparison s : c.sets()) {
            out.println(row(s.qualifiedName() + "  (" + s.kind().json() + ", " + s.leafCount() + " leaves)", "A",
                    "B"));
            sideRow("scanned", s, SetSide::scanned);
            sideRow("pruned at plan time", s, SetSide::prunedAtPlanTime);
            sideRow("removed at executor start", s, SetSide::removedAtExecutorStart);
            if (analyzed) {
                sideRow("never executed", s, SetSide::neverExecuted);
            }
            if (s.a() == null || s.b() == null) {
                out.println("  only " + (s.a() == null ? "B" : "A") + " reads this set");
            } else if (s.changed().isEmpty()) {
                out.println("  every leaf in the same state");
            } else {
                Map<String, List<String>> byTransition = new LinkedHashMap<>();
                String prefix = Identifiers.quoteIfNeeded(s.schema().startsWith("pg_temp_") ? "pg_temp"
                        : s.schema()) + ".";
                for (LeafChange change : s.changed()) {
                    byTransition.computeIfAbsent(label(change.a()) + " -> " + label(change.b()),
                            k -> new ArrayList<>()).add(change.name());
                }
                byTransition.forEach((transition, names) -> out.println("  " + transition + ": " + names.size()
                        + names(names, prefix)));
            }
            out.println();
        }
        PlanFigures fa = c.a();
        PlanFigures fb = c.b();
        out.println(row("plan", "A", "B"));
        out.println(row("  estimated cost", num(fa.totalCost()), num(fb.totalCost())));
        out.println(row("  estimated rows", rows(fa.planRows()), rows(fb.planRows())));
        out.println(row("  planning time (ms)", num(fa.planningTimeMs()), num(fb.planningTimeMs())));
        if (analyzed) {
            out.println(row("  execution time (ms)", num(fa.executionTimeMs()), num(fb.executionTimeMs())));
            out.println(row("  actual rows", rows(fa.actualRows()), rows(fb.actualRows())));
            out.println(row("  actual time (ms)", num(fa.actualTimeMs()), num(fb.actualTimeMs())));
            out.println(row("  shared buffers hit", num(fa.sharedHitBlocks()), num(fb.sharedHitBlocks())));
            out.println(row("  shared buffers read", num(fa.sharedReadBlocks()), num(fb.sharedReadBlocks())));
            out.println(row("  rows from scans", rows(fa.scanRows()), rows(fb.scanRows())));
            out.println(row("  scan buffers hit", num(fa.scanSharedHitBlocks()), num(fb.scanSharedHitBlocks())));
            out.println(row("  scan buffers read", num(fa.scanSharedReadBlocks()), num(fb.scanSharedReadBlocks())));
        }
        List<String> types = new ArrayList<>();
        for (PlanComparison.NodeTypeCount n : c.nodeTypes()) {
            types.add(n.nodeType() + " " + n.a() + " -> " + n.b());
        }
        out.println("  node types: " + String.join(", ", types));
        out.println();
        if (!a.findings().isEmpty() || !b.findings().isEmpty()) {
            out.print("A ");
            renderFindings(a.findings());
            out.print("B ");
            renderFindings(b.findings());
            out.println();
        }
        out.println("Verdict: " + c.verdict());
    }

    private void sideRow(String label, SetComparison s, Function<SetSide, Integer> value) {
        out.println(row("  " + label, s.a() == null ? "-" : Integer.toString(value.apply(s.a())),
                s.b() == null ? "-" : Integer.toString(value.apply(s.b()))));
    }

    private static String row(String label, String a, String b) {
        return String.format(Locale.ROOT, "%-44s %14s %14s", label, a, b).stripTrailing();
    }

    private static String label(LeafState state) {
        return state == null ? "not in the set" : state.label();
    }

    private void renderFindings(List<PruningFinding> findings) {
        if (findings.isEmpty()) {
            out.println("Findings: none");
            return;
        }
        out.println("Findings (" + findings.size() + "):");
        for (PruningFinding f : findings) {
            out.println("  " + (f.kind() == null ? "finding" : f.kind().json()) + (f.target() == null ? ""
                    : " on " + f.target()) + (f.expression() == null ? "" : ": " + f.expression()));
            if (f.message() != null) {
                out.println("    " + f.message());
            }
            if (f.suggestion() != null) {
                out.println("    suggestion: " + f.suggestion());
            }
        }
    }

    private static String header(ExplainResult r) {
        return "PostgreSQL " + r.serverVersion() + ": " + (r.analyze()
                ? "EXPLAIN ANALYZE" + (r.rolledBack() ? " (the statement's changes were rolled back)" : "")
                : "EXPLAIN (plan only; --analyze runs the query)");
    }

    private static String variant(ExplainResult r) {
        String text = oneLine(r.query(), 100);
        if (!r.setup().isEmpty()) {
            List<String> setup = r.setup().stream().map(s -> oneLine(s, 60)).toList();
            text += "   [setup: " + String.join("; ", setup) + "]";
        }
        return text;
    }

    private static String planSummary(PlanFigures f, boolean analyzed) {
        List<String> parts = new ArrayList<>();
        if (f.totalCost() != null) {
            parts.add("estimated cost " + PlanComparison.number(f.totalCost()));
        }
        if (f.planRows() != null) {
            parts.add(rowCount(f.planRows()) + " estimated");
        }
        if (f.planningTimeMs() != null) {
            parts.add("planning " + PlanComparison.number(f.planningTimeMs()) + " ms");
        }
        if (analyzed) {
            if (f.executionTimeMs() != null) {
                parts.add("execution " + PlanComparison.number(f.executionTimeMs()) + " ms");
            }
            if (f.actualRows() != null) {
                parts.add(rowCount(f.actualRows()));
            }
            if (f.sharedHitBlocks() != null || f.sharedReadBlocks() != null) {
                parts.add("shared buffers " + num(f.sharedHitBlocks()) + " hit, " + num(f.sharedReadBlocks())
                        + " read");
            }
        }
        return String.join(", ", parts);
    }

    private static String num(Double v) {
        return v == null ? "-" : PlanComparison.number(v);
    }

    /** "1 row", "1,350 rows". */
    private static String rowCount(double v) {
        long n = Math.round(v);
        return PlanComparison.count(n) + (n == 1 ? " row" : " rows");
    }

    private static String rows(Double v) {
        return v == null ? "-" : PlanComparison.count(Math.round(v));
    }

    private static String num(Long v) {
        return v == null ? "-" : PlanComparison.count(v);
    }

    /** " (a, b, … and 3 more)" in natural order, names in the set's schema without it; "" for none. */
    private String names(List<String> names, String prefix) {
        if (names.isEmpty()) {
            return "";
        }
        names = new ArrayList<>(names);
        names.sort(NaturalOrder.INSTANCE); // m_2 before m_10, as the set's own order
        int shown = all ? names.size() : Math.min(SHOWN_NAMES, names.size());
        List<String> parts = new ArrayList<>(shown + 1);
        for (int i = 0; i < shown; i++) {
            String n = names.get(i);
            parts.add(n.startsWith(prefix) ? n.substring(prefix.length()) : n);
        }
        if (shown < names.size()) {
            parts.add("… and " + (names.size() - shown) + " more");
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private static String schemaPrefix(PruningTarget t) {
        String q = t.qualifiedName();
        return q.substring(0, q.length() - Identifiers.quoteIfNeeded(t.name()).length());
    }

    private static String oneLine(String sql, int max) {
        return Format.ellipsize(sql.replaceAll("\\s+", " ").strip(), max);
    }
}
