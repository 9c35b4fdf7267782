package io.partscope.ui.browser;

import io.partscope.core.catalog.AgeShare;
import io.partscope.core.catalog.PartitionCount;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.SetSummary;
import io.partscope.core.catalog.Totals;
import java.util.Locale;

/**
 * One line of the partition-set table: the numbers a DBA scans for, taken from a {@link PartitionSet} once, so
 * sorting and filtering do not recompute them.
 *
 * @param partitions          every member below the root, sub-partitioned ones included
 * @param leaves              the members that hold rows ({@link PartitionCount})
 * @param worstXidAgeFraction the highest XID age over the leaves as a fraction of that leaf's freeze max age
 * @param defaultRows         rows in the DEFAULT partition(s), or null when the set has no DEFAULT partition
 * @param sizesEstimated      some member's sizes are still estimates from pg_class (see {@link SizeText})
 */
public record PartitionSetRow(PartitionSet set, String name, String kind, String strategy, String partitionKey,
        int partitions, int leaves, Long totalBytes, Long worstXidAge, Double worstXidAgeFraction, Long deadTuples,
        Long liveTuples, Long defaultRows, int detachPending, boolean sizesEstimated) {

    /** Share of dead tuples at which the dead-tuple count is flagged. */
    static final double DEAD_TUPLE_WARNING_PCT = 20.0;

    public static PartitionSetRow of(PartitionSet set) {
        AgeShare worst = AgeShare.worstXid(set);
        return of(set, worst == null ? null : worst.fraction());
    }

    /** A set listed before its members are read: the same numbers, from the summary read. */
    public static PartitionSetRow of(SetSummary summary) {
        return of(summary.set(), summary.worstXidAgeFraction());
    }

    private static PartitionSetRow of(PartitionSet set, Double worstFraction) {
        Totals t = set.totals();
        return new PartitionSetRow(set,
                set.relationName().qualified(),
                set.kind() == null ? "" : set.kind().json(),
                set.strategy() == null ? "" : set.strategy().json(),
                set.partitionKey() == null ? "" : set.partitionKey(),
                t == null ? 0 : t.partitionCount(),
                t == null ? 0 : t.leafCount(),
                t == null ? null : t.totalBytes(),
                t == null ? null : t.maxXidAge(),
                worstFraction,
                t == null ? null : t.deadTuples(),
                t == null ? null : t.liveTuples(),
                t == null || t.defaultPartitions() == 0 ? null : t.defaultRows(),
                t == null ? 0 : t.detachPending(),
                set.root().sizesEstimated() || set.partitions().stream().anyMatch(PartitionMember::sizesEstimated));
    }

    /** "120 (96 leaves)": the count as every view says it, sortable. */
    public PartitionCount partitionCount() {
        return new PartitionCount(partitions, leaves);
    }

    /** The total size with its estimate mark, for the sets table; null when unknown. */
    public SizeText.Value totalSize() {
        return totalBytes == null ? null : new SizeText.Value(totalBytes, sizesEstimated);
    }

    /** Dead tuples as a percentage of live + dead; null when unknown. */
    public Double deadTuplePct() {
        if (deadTuples == null || liveTuples == null || deadTuples + liveTuples == 0) {
            return null;
        }
        return 100.0 * deadTuples / (deadTuples + liveTuples);
    }

    /** Whether the filter text (already lower case) matches the name, kind, strategy or key. */
    boolean matches(String needle) {
        return needle.isEmpty()
                || name.toLowerCase(Locale.ROOT).contains(needle)
                || kind.contains(needle)
                || strategy.contains(needle)
                || partitionKey.toLowerCase(Locale.ROOT).contains(needle);
    }
}
