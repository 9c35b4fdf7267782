package io.partscope.support;

import io.partscope.core.catalog.BloatStatus;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.SetKind;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.catalog.Totals;
import java.time.OffsetDateTime;
import java.util.List;

/** Catalog members with the numbers a test sets (an own freeze limit, an analyze time), built as the reader would. */
public final class Members {
    public static final long CLUSTER_FREEZE_MAX_AGE = 200_000_000L;

    private Members() {
    }

    /** A leaf of {@code parent} at {@code level} with its own effective freeze max age. */
    public static PartitionMember leaf(String parent, int level, String name, String bound, boolean isDefault,
            long rows, long xidAge, long freezeMaxAge, OffsetDateTime analyzed) {
        return new PartitionMember(name.hashCode(), "public", name, "public", parent, List.of(), level, true,
                isDefault, bound, null, false, RelKind.TABLE, Persistence.PERMANENT, null, List.of(), 8192L, 8192L,
                0L, 0L, rows, rows, 0L, 0L, xidAge, 10L, freezeMaxAge, PartitionMember.DEFAULT_MXID_FREEZE_MAX_AGE,
                0L, 0.0, BloatStatus.ESTIMATED, null, null, analyzed, null, null, false);
    }

    /** A sub-partitioned member (level 1) rolled up over {@code leaves}. */
    public static PartitionMember branch(String parent, String name, String bound, List<PartitionMember> leaves) {
        return new PartitionMember(name.hashCode(), "public", name, "public", parent, List.of(), 1, false, false,
                bound, "LIST (region)", false, RelKind.PARTITIONED_TABLE, Persistence.PERMANENT, null, List.of(), 0L,
                0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null, CLUSTER_FREEZE_MAX_AGE,
                PartitionMember.DEFAULT_MXID_FREEZE_MAX_AGE, null, null, BloatStatus.NOT_APPLICABLE, null, null, null,
                null, totals(leaves, 0), false);
    }

    /** A range set over {@code members} (tree order); partitions counts every member, leaves those with storage. */
    public static PartitionSet set(String name, List<PartitionMember> members) {
        PartitionMember root = new PartitionMember(1, "public", name, null, null, List.of(), 0, false, false, null,
                "RANGE (at)", false, RelKind.PARTITIONED_TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L, 0L,
                0L, 0L, 0L, 0L, 0L, null, null, CLUSTER_FREEZE_MAX_AGE, PartitionMember.DEFAULT_MXID_FREEZE_MAX_AGE,
                null, null, BloatStatus.NOT_APPLICABLE, null, null, null, null, null, false);
        List<PartitionMember> leaves = members.stream().filter(PartitionMember::isLeaf).toList();
        return new PartitionSet(root, SetKind.DECLARATIVE, Strategy.RANGE, "RANGE (at)", members,
                totals(leaves, members.size()));
    }

    private static Totals totals(List<PartitionMember> leaves, int partitions) {
        long bytes = leaves.stream().mapToLong(PartitionMember::totalBytes).sum();
        long live = leaves.stream().mapToLong(PartitionMember::liveTuples).sum();
        Long maxXid = leaves.stream().map(PartitionMember::xidAge).max(Long::compare).orElse(null);
        int defaults = (int) leaves.stream().filter(PartitionMember::isDefault).count();
        long defaultRows = leaves.stream().filter(PartitionMember::isDefault).mapToLong(PartitionMember::liveTuples)
                .sum();
        return new Totals(partitions == 0 ? leaves.size() : partitions, leaves.size(), bytes, bytes, 0, 0, live, live,
                0, maxXid, 10L, 0, defaults, defaultRows, 0);
    }
}
