package io.partscope.core.ops.create;

import java.util.List;

/**
 * One partition to create, with the sub-partitions it gets.
 *
 * @param name        the new table's name (catalog spelling, unquoted), in the set's schema
 * @param bound       the bound as SQL and pg_get_expr write it: {@code FOR VALUES FROM ('...') TO ('...')},
 *                    {@code FOR VALUES IN ('eu')}, {@code DEFAULT}
 * @param predicate   rows of this bound, for counting them in the DEFAULT partition; null when none applies
 * @param check       a CHECK expression that implies the bound (attach method), or null
 * @param unlogged    as the newest sibling
 * @param partitionBy the sub-partitioning ({@code LIST (region)}), or null for a leaf
 * @param children    sub-partitions (for a partitioned new partition)
 */
public record NewPartition(String name, String bound, String predicate, String check, boolean unlogged,
        String partitionBy, List<NewPartition> children) {
    public NewPartition {
        children = List.copyOf(children);
    }

    /** This partition and every sub-partition below it, depth first. */
    public List<NewPartition> flatten() {
        List<NewPartition> all = new java.util.ArrayList<>();
        all.add(this);
        for (NewPartition child : children) {
            all.addAll(child.flatten());
        }
        return all;
    }
}
