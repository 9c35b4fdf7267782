package io.partscope.core.explain;

import java.util.List;
import java.util.Map;

/**
 * One node of an EXPLAIN plan, with the fields Partscope uses; everything else in the server's JSON is skipped
 * while parsing (see {@link PlanReader}). Numbers the server did not print are null: costs with COSTS off, actual
 * values without ANALYZE, buffers without BUFFERS.
 *
 * @param id the node's position in a pre-order walk of its plan, from 0
 * @param relation the scanned or modified relation as EXPLAIN VERBOSE names it (schema and name), or null
 * @param conditions the node's conditions by EXPLAIN's label ("Filter", "Index Cond", "One-Time Filter"...), as
 *     the server deparsed them
 * @param targetTables a ModifyTable's result relations when it has several (partitioned UPDATE/DELETE/MERGE)
 */
public record PlanNode(
        int id,
        String nodeType,
        String parentRelationship,
        String subplanName,
        RelationRef relation,
        String alias,
        String indexName,
        String joinType,
        String operation,
        Double startupCost,
        Double totalCost,
        Double planRows,
        Double actualStartupTime,
        Double actualTotalTime,
        Double actualRows,
        Long actualLoops,
        Long sharedHitBlocks,
        Long sharedReadBlocks,
        Long sharedDirtiedBlocks,
        Long sharedWrittenBlocks,
        Long tempReadBlocks,
        Long tempWrittenBlocks,
        Long rowsRemovedByFilter,
        Long subplansRemoved,
        Map<String, String> conditions,
        List<RelationRef> targetTables,
        List<PlanNode> children) {

    /** A relation as EXPLAIN VERBOSE prints it: unqualified name plus the schema (a temp schema is pg_temp_N). */
    public record RelationRef(String schema, String name) {
    }

    public PlanNode {
        conditions = Map.copyOf(conditions);
        targetTables = List.copyOf(targetTables);
        children = List.copyOf(children);
    }

    /**
     * Whether this node reads a relation's rows: the scans that name a "Relation Name" (Seq, Index, Index Only,
     * Bitmap Heap, Tid, Tid Range, Sample, Foreign scans). Bitmap Index Scans name an index, not a relation.
     */
    public boolean isRelationScan() {
        return relation != null && !"ModifyTable".equals(nodeType);
    }

    /** Append and Merge Append: where run-time pruning removes subplans. */
    public boolean isAppend() {
        return "Append".equals(nodeType) || "Merge Append".equals(nodeType);
    }

    /** With ANALYZE: the node never ran (EXPLAIN's text format says "never executed"). */
    public boolean neverExecuted() {
        return actualLoops != null && actualLoops == 0;
    }

    /** The number of nodes in this subtree, this one included. */
    public int size() {
        int n = 1;
        for (PlanNode child : children) {
            n += child.size();
        }
        return n;
    }
}
