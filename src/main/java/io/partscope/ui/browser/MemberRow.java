package io.partscope.ui.browser;

import io.partscope.core.catalog.BoundText;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.RelKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the member table. A sub-partitioned member shows the sums over its leaves (it has no storage of its
 * own); a leaf shows its own numbers.
 */
public record MemberRow(PartitionMember member, String name, int level, String bound, Long totalBytes, Long rows,
        Double deadPct, Double bloatPct, Long xidAge, Double xidAgeFraction, List<String> flags) {

    public static final String DEFAULT = "DEFAULT";
    public static final String DETACH_PENDING = "DETACH PENDING";
    public static final String SUBPARTITIONED = "PARTITIONED";
    public static final String UNLOGGED = "UNLOGGED";
    public static final String FOREIGN = "FOREIGN";
    public static final String TEMPORARY = "TEMP";

    public MemberRow {
        flags = List.copyOf(flags);
    }

    public static MemberRow of(PartitionMember m) {
        boolean rolledUp = m.totals() != null && !m.isLeaf();
        Long bytes = rolledUp ? Long.valueOf(m.totals().totalBytes()) : m.totalBytes();
        Long rows = rolledUp ? Long.valueOf(m.totals().liveTuples())
                : (m.liveTuples() != null ? m.liveTuples() : m.rowEstimate());
        Long xid = rolledUp ? m.totals().maxXidAge() : m.xidAge();
        Double fraction = rolledUp
                ? (xid == null || m.freezeMaxAge() <= 0 ? null : (double) xid / m.freezeMaxAge())
                : m.xidAgeFraction();
        List<String> flags = new ArrayList<>();
        if (m.isDefault()) {
            flags.add(DEFAULT);
        }
        if (m.detachPending()) {
            flags.add(DETACH_PENDING);
        }
        if (m.relkind() == RelKind.PARTITIONED_TABLE) {
            flags.add(SUBPARTITIONED);
        }
        if (m.relkind() == RelKind.FOREIGN_TABLE) {
            flags.add(FOREIGN);
        }
        if (m.persistence() == Persistence.UNLOGGED) {
            flags.add(UNLOGGED);
        }
        if (m.persistence() == Persistence.TEMPORARY) {
            flags.add(TEMPORARY);
        }
        Double dead = rolledUp ? percent(m.totals().deadTuples(), m.totals().liveTuples() + m.totals().deadTuples())
                : m.deadTuplePct();
        Double bloat = rolledUp ? percent(m.totals().bloatBytes(), m.totals().tableBytes()) : m.bloatPct();
        return new MemberRow(m, m.relationName().qualified(), m.level(), BoundText.shorten(m.bound()), bytes,
                rows, dead, bloat, xid, fraction, flags);
    }

    private static Double percent(long part, long whole) {
        return whole <= 0 ? null : 100.0 * part / whole;
    }
}
