package io.partscope.ui.browser;

import io.partscope.core.catalog.AgeShare;
import io.partscope.core.catalog.BoundText;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.Problem;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the member table. A sub-partitioned member shows the sums over its leaves (it has no storage of its
 * own); a leaf shows its own numbers. {@code sizesEstimated}: the size shown (its own, or a sub-partitioned member's
 * roll-up) includes an estimate from pg_class ({@link SizeText}).
 */
public record MemberRow(PartitionMember member, String name, int level, String bound, Long totalBytes, Long rows,
        Double deadPct, Double bloatPct, Long xidAge, Double xidAgeFraction, Long mxidAge, OffsetDateTime lastVacuum,
        OffsetDateTime lastAnalyze, List<Problem> problems, List<String> flags, boolean sizesEstimated) {

    public static final String DEFAULT = "DEFAULT";
    public static final String DETACH_PENDING = "DETACH PENDING";
    public static final String SUBPARTITIONED = "PARTITIONED";
    public static final String UNLOGGED = "UNLOGGED";
    public static final String FOREIGN = "FOREIGN";
    public static final String TEMPORARY = "TEMP";

    public MemberRow {
        problems = List.copyOf(problems);
        flags = List.copyOf(flags);
    }

    /**
     * Identity, not the record's field-by-field comparison: the members table and the lists over its rows look
     * rows up by {@code equals} on the FX thread (keeping a selection across a swap of 20,000 rows compared every
     * field of every row), and two reads of a member are two rows anyway. Keys ({@link MemberTree#key}) say "the
     * same member".
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Whether the name or bound contains the (lower-case) text. */
    public boolean matches(String needle) {
        return needle.isEmpty() || name.toLowerCase(java.util.Locale.ROOT).contains(needle)
                || bound.toLowerCase(java.util.Locale.ROOT).contains(needle)
                // The column shows a compact bound; the server's text (in its tooltip) matches too.
                || member.bound() != null && member.bound().toLowerCase(java.util.Locale.ROOT).contains(needle);
    }

    public static MemberRow of(PartitionMember m) {
        return of(m, Problem.Thresholds.DEFAULTS);
    }

    public static MemberRow of(PartitionMember m, Problem.Thresholds thresholds) {
        boolean rolledUp = m.totals() != null && !m.isLeaf();
        Long bytes = rolledUp ? Long.valueOf(m.totals().totalBytes()) : m.totalBytes();
        Long rows = rolledUp ? Long.valueOf(m.totals().liveTuples())
                : (m.liveTuples() != null ? m.liveTuples() : m.rowEstimate());
        Long xid = rolledUp ? m.totals().maxXidAge() : m.xidAge();
        // A roll-up's share is its worst leaf's against that leaf's own limit ({@link MemberTree} fills it in).
        Double fraction = rolledUp ? null : m.xidAgeFraction();
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
        Long mxid = rolledUp ? m.totals().maxMxidAge() : m.mxidAge();
        List<Problem> problems = Problem.of(m, thresholds);
        // DEFAULT and DETACH PENDING already show as flags; the other problems get a tag of their own.
        problems.stream().filter(p -> p != Problem.DEFAULT_WITH_ROWS && p != Problem.DETACH_PENDING)
                .forEach(p -> flags.add(p.label()));
        // The schema only where it differs from the parent's: most sets keep all members in one schema.
        String shownName = m.parentSchema() == null || m.schema().equals(m.parentSchema())
                ? io.partscope.core.db.Identifiers.quoteIfNeeded(m.name()) : m.relationName().qualified();
        return new MemberRow(m, shownName, m.level(), BoundText.compact(m.bound()), bytes,
                rows, dead, bloat, xid, fraction, mxid, latest(m.lastVacuum(), m.lastAutovacuum()),
                latest(m.lastAnalyze(), m.lastAutoanalyze()), problems, flags, m.sizesEstimated());
    }

    /** The same line with the estimate mark of its roll-up (a sub-partitioned member with an estimated leaf). */
    MemberRow withSizesEstimated(boolean estimated) {
        return withRollUp(estimated, xidAgeFraction);
    }

    /**
     * The same line with its roll-up's estimate mark and XID share: the worst {@link AgeShare} below it, each
     * member against its own effective limit (what the sets table and the CLI show for the whole set).
     */
    MemberRow withRollUp(boolean estimated, Double worstXidAgeFraction) {
        return estimated == sizesEstimated && java.util.Objects.equals(worstXidAgeFraction, xidAgeFraction) ? this
                : new MemberRow(member, name, level, bound, totalBytes, rows, deadPct, bloatPct, xidAge,
                        worstXidAgeFraction, mxidAge, lastVacuum, lastAnalyze, problems, flags, estimated);
    }

    private static OffsetDateTime latest(OffsetDateTime manual, OffsetDateTime auto) {
        if (manual == null) {
            return auto;
        }
        return auto == null || manual.isAfter(auto) ? manual : auto;
    }

    private static Double percent(long part, long whole) {
        return whole <= 0 ? null : 100.0 * part / whole;
    }
}
