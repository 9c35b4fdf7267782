package io.partscope.core.explain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.partscope.core.catalog.NaturalOrder;
import io.partscope.core.catalog.SetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Two EXPLAINs side by side, A and B: two versions of a query, or one query under two setups (custom vs generic
 * plan, pruning on vs off, before and after a rewrite). Pure: built from two {@link ExplainResult}s.
 *
 * @param sets one entry per partition set either side names, ordered by schema and name
 * @param a the plan-level figures of A
 * @param b the plan-level figures of B
 * @param nodeTypes how many nodes of each type each plan has, every type present on either side, by name
 * @param verdict the difference in one line ("B reads 4 of 96 partitions instead of 96; estimated cost 1,234 -> 56")
 */
@JsonPropertyOrder({"verdict", "sets", "a", "b", "node_types"})
public record PlanComparison(List<SetComparison> sets, PlanFigures a, PlanFigures b, List<NodeTypeCount> nodeTypes,
        String verdict) {

    public PlanComparison {
        sets = List.copyOf(sets);
        nodeTypes = List.copyOf(nodeTypes);
    }

    /**
     * One partition set on both sides.
     *
     * @param leafCount the set's leaves (the larger side's count, should the set have changed in between)
     * @param a what A did with it; null when A does not name the set
     * @param b what B did with it; null when B does not name the set
     * @param changed the leaves whose state differs, in the set's order (only when both sides name the set)
     */
    @JsonPropertyOrder({"schema", "name", "kind", "leaf_count", "a", "b", "changed"})
    public record SetComparison(String schema, String name, SetKind kind, int leafCount, SetSide a, SetSide b,
            List<LeafChange> changed) {
        public SetComparison {
            changed = List.copyOf(changed);
        }

        @JsonIgnore
        public String qualifiedName() {
            return QualifiedNames.of(schema, name);
        }
    }

    /**
     * How many leaves of a set one side left in each state. {@code scanned} counts every leaf that appears as a
     * scan node (never-executed ones included), as the explain JSON's {@code scanned} list does.
     */
    @JsonPropertyOrder({"scanned", "pruned_at_plan_time", "removed_at_executor_start", "never_executed"})
    public record SetSide(int scanned, int prunedAtPlanTime, int removedAtExecutorStart, int neverExecuted) {
        static SetSide of(PruningTarget t) {
            return new SetSide(t.scanned().size(), t.pruned().size(), t.removedAtExecutorStart().size(),
                    t.neverExecuted().size());
        }
    }

    /** A leaf whose state differs: its schema-qualified name and its state on each side. */
    public record LeafChange(String name, LeafState a, LeafState b) {
    }

    /** How many nodes of a type each plan has. */
    public record NodeTypeCount(String nodeType, int a, int b) {
        @JsonIgnore
        public boolean differs() {
            return a != b;
        }
    }

    /**
     * One side's plan-level figures. Costs and times are summed over the plans when a statement has several (a
     * rule's extra statements); the actual figures are null without ANALYZE, buffers null without BUFFERS.
     *
     * @param totalCost the root's estimated Total Cost
     * @param planRows the root's estimated rows
     * @param partitionsScanned leaves scanned over every set the side names
     * @param partitions leaves of every set the side names
     * @param actualRows the root's actual rows (times its loops)
     * @param actualTimeMs the root's actual total time
     * @param sharedHitBlocks the root's shared buffer hits (they include the whole plan's)
     * @param sharedReadBlocks the root's shared buffer reads
     * @param scanRows actual rows summed over every relation scan (rows times loops)
     * @param scanSharedHitBlocks shared hits summed over every relation scan
     * @param scanSharedReadBlocks shared reads summed over every relation scan
     */
    @JsonPropertyOrder({"total_cost", "plan_rows", "planning_time_ms", "execution_time_ms", "node_count",
            "partitions_scanned", "partitions", "actual_rows", "actual_time_ms", "shared_hit_blocks",
            "shared_read_blocks", "scan_rows", "scan_shared_hit_blocks", "scan_shared_read_blocks"})
    public record PlanFigures(Double totalCost, Double planRows, Double planningTimeMs, Double executionTimeMs,
            int nodeCount, int partitionsScanned, int partitions, Double actualRows, Double actualTimeMs,
            Long sharedHitBlocks, Long sharedReadBlocks, Double scanRows, Long scanSharedHitBlocks,
            Long scanSharedReadBlocks) {

        /** One side's figures. */
        public static PlanFigures of(ExplainResult result) {
            Double cost = null;
            Double rows = null;
            Double actualRows = null;
            Double actualTime = null;
            Long hit = null;
            Long read = null;
            Double scanRows = null;
            Long scanHit = null;
            Long scanRead = null;
            int nodes = 0;
            for (ExplainPlan plan : result.plans()) {
                PlanNode root = plan.root();
                cost = add(cost, root.totalCost());
                rows = add(rows, root.planRows());
                actualRows = add(actualRows, totalRows(root));
                actualTime = add(actualTime, root.actualTotalTime());
                hit = add(hit, root.sharedHitBlocks());
                read = add(read, root.sharedReadBlocks());
                for (PlanNode node : plan.nodes()) {
                    nodes++;
                    if (node.isRelationScan()) {
                        scanRows = add(scanRows, totalRows(node));
                        scanHit = add(scanHit, node.sharedHitBlocks());
                        scanRead = add(scanRead, node.sharedReadBlocks());
                    }
                }
            }
            int scanned = 0;
            int leaves = 0;
            for (PruningTarget t : result.targets()) {
                scanned += t.scanned().size();
                leaves += t.leafCount();
            }
            return new PlanFigures(cost, rows, result.planningTimeMs(), result.executionTimeMs(), nodes, scanned,
                    leaves, actualRows, actualTime, hit, read, scanRows, scanHit, scanRead);
        }

        /** Shared buffers the whole plan touched (hit + read), or null without BUFFERS. */
        @JsonIgnore
        public Long sharedBlocks() {
            return sharedHitBlocks == null && sharedReadBlocks == null ? null
                    : Objects.requireNonNullElse(sharedHitBlocks, 0L) + Objects.requireNonNullElse(sharedReadBlocks, 0L);
        }

        private static Double totalRows(PlanNode node) {
            if (node.actualRows() == null) {
                return null;
            }
            long loops = node.actualLoops() == null ? 1 : node.actualLoops();
            return node.actualRows() * loops;
        }

        private static Double add(Double sum, Double value) {
            if (value == null) {
                return sum;
            }
            return sum == null ? value : Double.valueOf(sum + value);
        }

        private static Long add(Long sum, Long value) {
            if (value == null) {
                return sum;
            }
            return sum == null ? value : Long.valueOf(sum + value);
        }
    }

    /** Compares A with B. */
    public static PlanComparison of(ExplainResult a, ExplainResult b) {
        Map<String, PruningTarget> left = byName(a.targets());
        Map<String, PruningTarget> right = byName(b.targets());
        Map<String, PruningTarget[]> both = new TreeMap<>(NaturalOrder.INSTANCE);
        left.forEach((k, t) -> both.computeIfAbsent(k, x -> new PruningTarget[2])[0] = t);
        right.forEach((k, t) -> both.computeIfAbsent(k, x -> new PruningTarget[2])[1] = t);
        List<SetComparison> sets = new ArrayList<>();
        for (PruningTarget[] pair : both.values()) {
            sets.add(compareSet(pair[0], pair[1]));
        }
        PlanFigures fa = PlanFigures.of(a);
        PlanFigures fb = PlanFigures.of(b);
        List<NodeTypeCount> nodeTypes = nodeTypes(a, b);
        return new PlanComparison(sets, fa, fb, nodeTypes, verdict(sets, fa, fb, a.analyze() && b.analyze()));
    }

    /** The sets whose leaves changed state, or that only one side names. */
    @JsonIgnore
    public List<SetComparison> changedSets() {
        return sets.stream().filter(s -> s.a() == null || s.b() == null || !s.a().equals(s.b())
                || !s.changed().isEmpty()).toList();
    }

    private static Map<String, PruningTarget> byName(List<PruningTarget> targets) {
        Map<String, PruningTarget> out = new LinkedHashMap<>();
        for (PruningTarget t : targets) {
            out.put(t.qualifiedName(), t); // pg_temp.x on both sides, whatever temp schema each session had
        }
        return out;
    }

    private static SetComparison compareSet(PruningTarget a, PruningTarget b) {
        PruningTarget any = a != null ? a : b;
        int leafCount = Math.max(a == null ? 0 : a.leafCount(), b == null ? 0 : b.leafCount());
        List<LeafChange> changed = new ArrayList<>();
        if (a != null && b != null) {
            Map<String, LeafState> right = new LinkedHashMap<>();
            for (PruningTarget.Leaf leaf : b.leaves()) {
                right.put(leaf.qualifiedName(), leaf.state());
            }
            for (PruningTarget.Leaf leaf : a.leaves()) {
                LeafState other = right.remove(leaf.qualifiedName());
                if (other != leaf.state()) {
                    changed.add(new LeafChange(leaf.qualifiedName(), leaf.state(), other));
                }
            }
            // Leaves only B has (a partition created in between): in B's order, after A's.
            right.forEach((name, state) -> changed.add(new LeafChange(name, null, state)));
        }
        return new SetComparison(any.schema(), any.name(), any.kind(), leafCount, a == null ? null : SetSide.of(a),
                b == null ? null : SetSide.of(b), changed);
    }

    private static List<NodeTypeCount> nodeTypes(ExplainResult a, ExplainResult b) {
        Map<String, int[]> counts = new TreeMap<>();
        for (ExplainPlan plan : a.plans()) {
            for (PlanNode node : plan.nodes()) {
                counts.computeIfAbsent(node.nodeType(), k -> new int[2])[0]++;
            }
        }
        for (ExplainPlan plan : b.plans()) {
            for (PlanNode node : plan.nodes()) {
                counts.computeIfAbsent(node.nodeType(), k -> new int[2])[1]++;
            }
        }
        List<NodeTypeCount> out = new ArrayList<>();
        counts.forEach((type, c) -> out.add(new NodeTypeCount(type, c[0], c[1])));
        return out;
    }

    private static String verdict(List<SetComparison> sets, PlanFigures a, PlanFigures b, boolean analyzed) {
        List<String> parts = new ArrayList<>();
        int leaves = 0;
        int removedA = 0;
        int removedB = 0;
        int neverA = 0;
        int neverB = 0;
        for (SetComparison s : sets) {
            leaves += s.leafCount();
            if (s.a() != null) {
                removedA += s.a().removedAtExecutorStart();
                neverA += s.a().neverExecuted();
            }
            if (s.b() != null) {
                removedB += s.b().removedAtExecutorStart();
                neverB += s.b().neverExecuted();
            }
        }
        boolean sameSets = sets.stream().allMatch(s -> s.a() != null && s.b() != null);
        if (sets.isEmpty()) {
            parts.add("neither side reads a partition set");
        } else if (!sameSets) {
            parts.add(String.format(Locale.ROOT, "A reads %s of %s partitions, B reads %s of %s (not the same sets)",
                    count(a.partitionsScanned()), count(a.partitions()), count(b.partitionsScanned()),
                    count(b.partitions())));
        } else if (a.partitionsScanned() != b.partitionsScanned()) {
            parts.add(String.format(Locale.ROOT, "B reads %s of %s partitions instead of %s",
                    count(b.partitionsScanned()), count(leaves), count(a.partitionsScanned())));
        } else {
            parts.add(String.format(Locale.ROOT, "both read %s of %s partitions", count(a.partitionsScanned()),
                    count(leaves)));
        }
        if (removedA != removedB) {
            parts.add(String.format(Locale.ROOT, "removed at executor start %s -> %s", count(removedA),
                    count(removedB)));
        }
        if (analyzed && neverA != neverB) {
            parts.add(String.format(Locale.ROOT, "never executed %s -> %s", count(neverA), count(neverB)));
        }
        if (a.totalCost() != null && b.totalCost() != null) {
            parts.add("estimated cost " + number(a.totalCost()) + " -> " + number(b.totalCost()));
        }
        if (analyzed && a.executionTimeMs() != null && b.executionTimeMs() != null) {
            parts.add("execution " + number(a.executionTimeMs()) + " ms -> " + number(b.executionTimeMs()) + " ms");
        }
        if (analyzed && a.sharedBlocks() != null && b.sharedBlocks() != null
                && !a.sharedBlocks().equals(b.sharedBlocks())) {
            parts.add("shared buffers " + count(a.sharedBlocks()) + " -> " + count(b.sharedBlocks()));
        }
        return String.join("; ", parts);
    }

    /** 1,234 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A cost or a time: 1,234 from 100 on, 56.78 below. */
    public static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
