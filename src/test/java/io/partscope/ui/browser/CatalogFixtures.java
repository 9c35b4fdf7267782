package io.partscope.ui.browser;

import io.partscope.core.catalog.BloatStatus;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.SetKind;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.catalog.Totals;
import java.util.List;

/** Hand-built catalog objects for tests that need no server. */
final class CatalogFixtures {
    static final long FREEZE_MAX_AGE = 200_000_000L;

    private CatalogFixtures() {
    }

    static PartitionMember root(String name) {
        return new PartitionMember(1, "public", name, null, null, List.of(), 0, false, false, null, "RANGE (at)",
                false, RelKind.PARTITIONED_TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                0L, null, null, FREEZE_MAX_AGE, null, null, BloatStatus.NOT_APPLICABLE, null, null, null, null, null,
                false);
    }

    /** When the fixture's leaves were last analyzed: analyzed leaves have no "stale statistics" problem. */
    static final java.time.OffsetDateTime ANALYZED = java.time.OffsetDateTime.parse("2026-11-01T00:00:00Z");

    static PartitionMember leaf(String parent, String name, String bound, boolean isDefault, long bytes, long live,
            long dead, long xidAge, boolean detachPending) {
        return new PartitionMember(2, "public", name, "public", parent, List.of(), 1, true, isDefault, bound, null,
                detachPending, RelKind.TABLE, Persistence.PERMANENT, null, List.of(), bytes, bytes, 0L, 0L, live,
                live, dead, 0L, xidAge, 10L, FREEZE_MAX_AGE, 0L, 0.0, BloatStatus.ESTIMATED, null, null, ANALYZED,
                null, null, false);
    }

    /** A range set with the given leaves; totals summed here as the reader would. */
    static PartitionSet set(String name, List<PartitionMember> leaves) {
        long bytes = leaves.stream().mapToLong(PartitionMember::totalBytes).sum();
        long live = leaves.stream().mapToLong(PartitionMember::liveTuples).sum();
        long dead = leaves.stream().mapToLong(PartitionMember::deadTuples).sum();
        Long maxXid = leaves.stream().map(PartitionMember::xidAge).max(Long::compare).orElse(null);
        int defaults = (int) leaves.stream().filter(PartitionMember::isDefault).count();
        long defaultRows = leaves.stream().filter(PartitionMember::isDefault).mapToLong(PartitionMember::liveTuples)
                .sum();
        int detach = (int) leaves.stream().filter(PartitionMember::detachPending).count();
        Totals totals = new Totals(leaves.size(), leaves.size(), bytes, bytes, 0, 0, live, live, dead, maxXid, 10L, 0,
                defaults, defaultRows, detach);
        return new PartitionSet(root(name), SetKind.DECLARATIVE, Strategy.RANGE, "RANGE (at)", leaves, totals);
    }

    /** A leaf at any level below {@code parent}. */
    static PartitionMember leaf(String parent, int level, String name, String bound, boolean isDefault, long bytes,
            long live, long dead, long xidAge) {
        return new PartitionMember(2, "public", name, "public", parent, List.of(), level, true, isDefault, bound, null,
                false, RelKind.TABLE, Persistence.PERMANENT, null, List.of(), bytes, bytes, 0L, 0L, live, live, dead,
                0L, xidAge, 10L, FREEZE_MAX_AGE, 0L, 0.0, BloatStatus.ESTIMATED, null, null, ANALYZED, null, null,
                false);
    }

    /** A sub-partitioned member (level 1) with the totals of its leaves. */
    static PartitionMember branch(String parent, String name, String bound, List<PartitionMember> leaves) {
        return new PartitionMember(3, "public", name, "public", parent, List.of(), 1, false, false, bound,
                "LIST (region)", false, RelKind.PARTITIONED_TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L, 0L,
                0L, 0L, 0L, 0L, 0L, null, null, FREEZE_MAX_AGE, null, null, BloatStatus.NOT_APPLICABLE, null, null,
                null, null, totals(leaves), false);
    }

    /** A set whose members are given in tree order (depth first); totals over the leaves among them. */
    static PartitionSet tree(String name, List<PartitionMember> members) {
        List<PartitionMember> leaves = members.stream().filter(PartitionMember::isLeaf).toList();
        Totals t = totals(leaves);
        // as the reader counts: every member below the root is a partition, the leaves among them hold the rows
        return new PartitionSet(root(name), SetKind.DECLARATIVE, Strategy.RANGE, "RANGE (at)", members,
                new Totals(members.size(), t.leafCount(), t.totalBytes(), t.tableBytes(), t.indexBytes(),
                        t.toastBytes(), t.rowEstimate(), t.liveTuples(), t.deadTuples(), t.maxXidAge(),
                        t.maxMxidAge(), t.bloatBytes(), t.defaultPartitions(), t.defaultRows(), t.detachPending()));
    }

    /** A set of {@code branches} sub-partitioned members {@code name_b<i>} with {@code each} leaves each. */
    static PartitionSet nested(String name, int branches, int each) {
        List<PartitionMember> members = new java.util.ArrayList<>(branches * (each + 1));
        for (int b = 0; b < branches; b++) {
            String branch = name + "_b" + b;
            List<PartitionMember> leaves = new java.util.ArrayList<>(each);
            for (int i = 0; i < each; i++) {
                leaves.add(leaf(branch, 2, branch + "_" + i, "FOR VALUES WITH (modulus " + each + ", remainder " + i
                        + ")", false, 8192L * (1 + (i * 7919L) % 1000), 10, 0, (i * 104729L) % 200_000_000L));
            }
            members.add(branch(name, branch, "FOR VALUES FROM (" + b + ") TO (" + (b + 1) + ")", leaves));
            members.addAll(leaves);
        }
        return tree(name, members);
    }

    private static Totals totals(List<PartitionMember> leaves) {
        long bytes = leaves.stream().mapToLong(PartitionMember::totalBytes).sum();
        long live = leaves.stream().mapToLong(PartitionMember::liveTuples).sum();
        long dead = leaves.stream().mapToLong(PartitionMember::deadTuples).sum();
        Long maxXid = leaves.stream().map(PartitionMember::xidAge).max(Long::compare).orElse(null);
        int defaults = (int) leaves.stream().filter(PartitionMember::isDefault).count();
        long defaultRows = leaves.stream().filter(PartitionMember::isDefault).mapToLong(PartitionMember::liveTuples)
                .sum();
        return new Totals(leaves.size(), leaves.size(), bytes, bytes, 0, 0, live, live, dead, maxXid, 10L, 0,
                defaults, defaultRows, 0);
    }
}
