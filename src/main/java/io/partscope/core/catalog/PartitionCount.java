package io.partscope.core.catalog;

/**
 * How many partitions a set has, said the same way in the sets table, the partitions panel, the navigator and the
 * CLI: every member below the root ("120 partitions"), then the leaves that hold rows when sub-partitioned members
 * make the two differ ("120 partitions (96 leaves)"). Sorts by partitions, then leaves.
 */
public record PartitionCount(int partitions, int leaves) implements Comparable<PartitionCount> {

    public static PartitionCount of(Totals totals) {
        return totals == null ? new PartitionCount(0, 0)
                : new PartitionCount(totals.partitionCount(), totals.leafCount());
    }

    /** Whether some partitions are sub-partitioned (the leaves are fewer than the partitions). */
    public boolean subPartitioned() {
        return leaves != partitions;
    }

    /** "120 partitions (96 leaves)", "6 partitions", "1 partition". */
    public String text() {
        return String.format(java.util.Locale.ROOT, "%,d %s", partitions, partitions == 1 ? "partition" : "partitions")
                + leavesText();
    }

    /** "120 (96 leaves)" or "6": for a column headed "Partitions". */
    public String compact() {
        return String.format(java.util.Locale.ROOT, "%,d", partitions) + leavesText();
    }

    private String leavesText() {
        return subPartitioned() ? String.format(java.util.Locale.ROOT, " (%,d %s)", leaves,
                leaves == 1 ? "leaf" : "leaves") : "";
    }

    @Override
    public int compareTo(PartitionCount o) {
        int c = Integer.compare(partitions, o.partitions);
        return c != 0 ? c : Integer.compare(leaves, o.leaves);
    }

    @Override
    public String toString() {
        return compact();
    }
}
