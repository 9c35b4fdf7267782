package io.partscope.core.ops.detach;

import io.partscope.core.catalog.RelationName;

/**
 * The partition to detach as the catalog shows it at planning time.
 *
 * @param parent its direct parent (null: not a partition)
 * @param parentPartitioned the parent is a declaratively partitioned table (relkind p), not an inheritance parent
 * @param pending this partition is already pending detach (an interrupted DETACH CONCURRENTLY)
 * @param defaultPartition the parent's DEFAULT partition, or null
 * @param otherPending another partition of the parent pending detach, or null
 * @param bound pg_get_expr of its bound ("FOR VALUES FROM (...) TO (...)", "DEFAULT")
 * @param rowEstimate pg_class.reltuples (negative: never analysed)
 * @param bytes the heap's size from pg_class.relpages (never waits behind a lock)
 */
public record DetachTarget(RelationName partition, long oid, RelationName parent, long parentOid,
        boolean parentPartitioned, boolean pending, RelationName defaultPartition, RelationName otherPending,
        String bound, long rowEstimate, long bytes) {
}
