package io.partscope.core.ops.split;

import java.util.List;

/**
 * What the DEFAULT partition holds, grouped by the partition each row belongs to: what {@code op split-default}
 * will create, and what stays.
 *
 * @param defaultPartition the DEFAULT partition, schema-qualified as SQL writes it
 * @param defaultRows      rows in it when analysed (exact: one scan of the DEFAULT)
 * @param defaultBytes     its total size (heap, indexes, TOAST)
 * @param grouping         how rows were grouped: "monthly, interval detected from ..." or "by value"
 * @param groups           one per new partition, in key order
 * @param stay             rows that stay in the DEFAULT, by reason
 * @param sizesEstimated   true: a group's size is its share of the DEFAULT's size by row count (not measured)
 */
public record SplitAnalysis(String defaultPartition, long defaultRows, long defaultBytes, String grouping,
        List<Group> groups, List<Stay> stay, boolean sizesEstimated) {
    public SplitAnalysis {
        groups = List.copyOf(groups);
        stay = List.copyOf(stay);
    }

    /**
     * One new partition.
     *
     * @param name            its name (catalog spelling) in the set's schema
     * @param bound           {@code FOR VALUES FROM (...) TO (...)} or {@code FOR VALUES IN (...)}
     * @param predicate       its rows, as SQL on the key column
     * @param rows            rows of it in the DEFAULT when analysed (exact)
     * @param bytesEstimate   their share of the DEFAULT's size
     * @param copyAhead       the rows are copied into the new table before the lock, and only the changes since
     *                        are applied under it
     * @param lockMillisEstimate how long writers of the set are expected to wait for this partition's move
     */
    public record Group(String name, String bound, String predicate, long rows, long bytesEstimate,
            boolean copyAhead, long lockMillisEstimate) {
    }

    /** Rows that stay in the DEFAULT, and why. */
    public record Stay(String reason, long rows) {
    }

    public long rowsToMove() {
        return groups.stream().mapToLong(Group::rows).sum();
    }

    public long rowsStaying() {
        return stay.stream().mapToLong(Stay::rows).sum();
    }

    public long lockMillisEstimate() {
        return groups.stream().mapToLong(Group::lockMillisEstimate).sum();
    }
}
