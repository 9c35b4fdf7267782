package io.partscope.core.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Something about a member a DBA should look at. {@link #of} decides, with thresholds a caller may change; the
 * app's "show only problems" filter and its flags use it.
 */
public enum Problem {
    /** A DEFAULT partition holding rows: rows of a range or value with no partition of its own. */
    DEFAULT_WITH_ROWS("rows in DEFAULT"),
    /** An interrupted DETACH ... CONCURRENTLY: finish it with DETACH PARTITION ... FINALIZE. */
    DETACH_PENDING("detach pending"),
    /**
     * XID age close to the effective autovacuum_freeze_max_age, or MXID age close to the effective
     * autovacuum_multixact_freeze_max_age (each against its own limit: 400M by default for multixacts).
     */
    XID_AGE_HIGH("XID age high"),
    /** Estimated heap bloat over the threshold. */
    BLOAT_HIGH("bloat high"),
    /** Rows changed a lot since the last ANALYZE, or never analyzed while holding rows. */
    STALE_STATISTICS("stale statistics");

    private final String label;

    Problem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * @param xidAgeFraction XID (MXID) age as a share of the member's (multixact) freeze max age from which it is a
     *                       problem
     * @param bloatPct       estimated bloat percent from which it is a problem ...
     * @param bloatMinBytes  ... when it is at least this many bytes (a few empty pages in a small table are not)
     */
    public record Thresholds(double xidAgeFraction, double bloatPct, long bloatMinBytes) {
        public static final Thresholds DEFAULTS = new Thresholds(0.8, 30.0, 1024L * 1024);
    }

    /** The problems of one member (its own numbers; a sub-partitioned member's leaves are checked themselves). */
    public static List<Problem> of(PartitionMember m, Thresholds t) {
        List<Problem> found = new ArrayList<>(2);
        if (m.isDefault() && rows(m) > 0) {
            found.add(DEFAULT_WITH_ROWS);
        }
        if (m.detachPending()) {
            found.add(DETACH_PENDING);
        }
        if (atLeast(m.xidAgeFraction(), t.xidAgeFraction()) || atLeast(m.mxidAgeFraction(), t.xidAgeFraction())) {
            found.add(XID_AGE_HIGH);
        }
        if (m.bloatPct() != null && m.bloatBytes() != null && m.bloatPct() >= t.bloatPct()
                && m.bloatBytes() >= t.bloatMinBytes()) {
            found.add(BLOAT_HIGH);
        }
        boolean neverAnalyzedWithRows = m.relkind() == RelKind.TABLE && m.lastAnalyze() == null
                && m.lastAutoanalyze() == null && m.liveTuples() != null && m.liveTuples() > 0;
        if (m.bloatStatus() == BloatStatus.STALE_STATISTICS || neverAnalyzedWithRows) {
            found.add(STALE_STATISTICS);
        }
        return found;
    }

    private static long rows(PartitionMember m) {
        if (m.totals() != null) {
            return Math.max(m.totals().liveTuples(), m.totals().rowEstimate());
        }
        return Math.max(m.liveTuples() == null ? 0 : m.liveTuples(), m.rowEstimate() == null ? 0 : m.rowEstimate());
    }

    private static boolean atLeast(Double value, double threshold) {
        return value != null && value >= threshold;
    }
}
