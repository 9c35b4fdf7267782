package io.partscope.core.catalog;

import java.util.function.LongFunction;

/**
 * Where a set's DEFAULT partitions are: the top level's (rows outside the top-level ranges go there) and those of
 * sub-partitioned members (rows outside a sub-partition's list or ranges go there; rows outside the top-level
 * ranges still fail without a top-level one). The sets table's "Default rows" counts both, so the timeline and the
 * CLI say which.
 *
 * @param top       the DEFAULT partition of the root, or null
 * @param below     how many DEFAULT partitions sub-partitioned members have
 * @param rows      rows in all of them (the sets table's number)
 * @param rowsBelow rows in those below the top level
 */
public record DefaultPartitions(PartitionMember top, int below, long rows, long rowsBelow) {

    public static DefaultPartitions of(PartitionSet set) {
        PartitionMember top = null;
        int below = 0;
        long rowsBelow = 0;
        for (PartitionMember m : set.partitions()) {
            if (!m.isDefault()) {
                continue;
            }
            if (m.level() <= 1) {
                top = m;
            } else {
                below++;
                rowsBelow += rows(m);
            }
        }
        long all = set.totals() == null ? rowsBelow + (top == null ? 0 : rows(top)) : set.totals().defaultRows();
        return new DefaultPartitions(top, below, all, rowsBelow);
    }

    /** Rows as the set's totals count them for a DEFAULT (a sub-partitioned one counts its leaves). */
    private static long rows(PartitionMember m) {
        if (m.totals() != null) {
            return Math.max(m.totals().liveTuples(), m.totals().rowEstimate());
        }
        return Math.max(m.liveTuples() == null ? 0 : m.liveTuples(), m.rowEstimate() == null ? 0 : m.rowEstimate());
    }

    /**
     * "24 sub-partitions have one (984 rows)"; empty when none below the top level has a DEFAULT. {@code count}
     * writes the row count as the caller's other numbers are written.
     */
    public String belowText(LongFunction<String> count) {
        if (below == 0) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "%,d %s (%s rows)", below,
                below == 1 ? "sub-partition has one" : "sub-partitions have one", count.apply(rowsBelow));
    }

    /**
     * For a line about the whole set: "1,121 rows in DEFAULT", "984 rows in the DEFAULTs of 24 sub-partitions (none
     * at the top level)", "990 rows in DEFAULT partitions (the top level's and 3 sub-partitions')"; empty when the
     * DEFAULTs hold no rows.
     */
    public String rowsText(LongFunction<String> count) {
        if (rows <= 0) {
            return "";
        }
        String n = count.apply(rows) + " rows";
        if (below == 0) {
            return n + " in DEFAULT";
        }
        String subs = String.format(java.util.Locale.ROOT, "%,d %s", below,
                below == 1 ? "sub-partition" : "sub-partitions");
        return top == null ? n + " in the DEFAULTs of " + subs + " (none at the top level)"
                : n + " in DEFAULT partitions (the top level's and " + subs + "')";
    }
}
