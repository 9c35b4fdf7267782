package io.partscope.ui.explain;

import io.partscope.core.db.Identifiers;
import io.partscope.core.explain.ExplainPlan;
import io.partscope.core.explain.ExplainResult;
import io.partscope.core.explain.PlanNode;
import io.partscope.core.explain.PruningTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished EXPLAIN as the pane shows it: the request's query and setup, the result, the plan tree's root row,
 * and where each leaf is scanned in the plan. Built off the FX thread.
 */
public final class ExplainRun {
    private final String query;
    private final ExplainSetup setup;
    private final ExplainResult result;
    private final PlanRow root;
    private final PlanTotals totals;
    /** Scan node id by the leaf's qualified name (the first scan of it in pre-order). */
    private final Map<String, Integer> scanByLeaf = new HashMap<>();
    /** Parent node id by node id; -1 for the root. */
    private final int[] parents;
    private final Map<String, RangeLayout> layouts = new HashMap<>();

    /** Cost, times and buffers of the whole statement, for the comparison. */
    public record PlanTotals(Double totalCost, Double planningMs, Double executionMs, Long sharedHit,
            Long sharedRead) {
    }

    public ExplainRun(String query, ExplainSetup setup, ExplainResult result) {
        this.query = query;
        this.setup = setup;
        this.result = result;
        ExplainPlan plan = result.plans().isEmpty() ? null : result.plans().get(0);
        this.root = plan == null ? null : PlanRow.root(plan.root());
        if (root != null) {
            root.prepare();
        }
        List<PlanNode> nodes = plan == null ? List.of() : plan.nodes();
        this.parents = new int[nodes.size()];
        java.util.Arrays.fill(parents, -1);
        for (PlanNode node : nodes) {
            for (PlanNode child : node.children()) {
                if (child.id() < parents.length) {
                    parents[child.id()] = node.id();
                }
            }
            if (node.isRelationScan()) {
                scanByLeaf.putIfAbsent(qualified(node.relation()), node.id());
            }
        }
        for (PruningTarget target : result.targets()) {
            RangeLayout.of(target).ifPresent(l -> layouts.put(target.qualifiedName(), l));
        }
        PlanNode r = plan == null ? null : plan.root();
        this.totals = new PlanTotals(r == null ? null : r.totalCost(), result.planningTimeMs(),
                result.executionTimeMs(), r == null ? null : r.sharedHitBlocks(),
                r == null ? null : r.sharedReadBlocks());
    }

    /** As explain results name leaves: schema.name, quoted where needed, temp schemas as pg_temp. */
    static String qualified(PlanNode.RelationRef relation) {
        String schema = relation.schema() == null ? "public" : relation.schema();
        schema = schema.startsWith("pg_temp_") ? "pg_temp" : schema;
        return Identifiers.quoteIfNeeded(schema) + "." + Identifiers.quoteIfNeeded(relation.name());
    }

    public String query() {
        return query;
    }

    public ExplainSetup setup() {
        return setup;
    }

    public ExplainResult result() {
        return result;
    }

    public List<PruningTarget> targets() {
        return result.targets();
    }

    /** The plan tree's root row; null when the server returned no plan. */
    public PlanRow root() {
        return root;
    }

    /** Where a range set's leaves lie on its key's axis; null for other sets. */
    public RangeLayout layout(PruningTarget target) {
        return target == null ? null : layouts.get(target.qualifiedName());
    }

    public PlanTotals totals() {
        return totals;
    }

    /** The node ids from the root down to the scan of this leaf; empty when the plan has no scan of it. */
    public List<Integer> pathToScanOf(String leafQualifiedName) {
        Integer id = scanByLeaf.get(leafQualifiedName);
        if (id == null) {
            return List.of();
        }
        List<Integer> path = new ArrayList<>();
        for (int at = id; at >= 0; at = parents[at]) {
            path.add(0, at);
        }
        return path;
    }
}
