package io.partscope.core.explain;

import java.util.List;
import java.util.Map;

/**
 * One statement's plan as EXPLAIN (FORMAT JSON) returns it: the root node, the times, and the settings EXPLAIN
 * SETTINGS listed (only those that differ from the built-in default).
 */
public record ExplainPlan(PlanNode root, Double planningTimeMs, Double executionTimeMs, Map<String, String> settings) {
    public ExplainPlan {
        settings = Map.copyOf(settings);
    }

    /** Every node of the plan in pre-order. */
    public List<PlanNode> nodes() {
        List<PlanNode> out = new java.util.ArrayList<>(root.size());
        java.util.ArrayDeque<PlanNode> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PlanNode node = stack.pop();
            out.add(node);
            for (int i = node.children().size() - 1; i >= 0; i--) {
                stack.push(node.children().get(i));
            }
        }
        return out;
    }
}
