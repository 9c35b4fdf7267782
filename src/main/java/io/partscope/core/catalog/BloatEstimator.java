package io.partscope.core.catalog;

/**
 * Statistics-based heap bloat estimate, after ioguix/pgsql-bloat-estimation: how many pages the live rows would
 * need at the table's fillfactor, from the rows' average width in pg_stats, compared with the pages the table has.
 * An estimate: as fresh as the last ANALYZE; heap only (TOAST is not counted); alignment padding approximated.
 */
public final class BloatEstimator {
    /** Page header size in bytes. */
    private static final int PAGE_HEADER = 24;
    /** Heap tuple header without the null bitmap. */
    private static final int TUPLE_HEADER = 23;
    /** Line pointer per tuple. */
    private static final int ITEM_ID = 4;
    /** MAXALIGN on the 64-bit platforms PostgreSQL runs on in practice. */
    private static final int MAXALIGN = 8;
    /** Rows changed since ANALYZE beyond this share of the table make the statistics stale for our purpose. */
    private static final double STALE_SHARE = 0.2;
    private static final long STALE_MIN_ROWS = 50;

    private BloatEstimator() {
    }

    /** What one estimate needs; mirrors bloat_inputs.sql plus the analyze facts. */
    public record Inputs(double reltuples, long relpages, int fillfactor, long columns, long columnsWithStats,
            double maxNullFrac, double dataWidth, Long modsSinceAnalyze, boolean everAnalyzed, int blockSize) {
        // everAnalyzed: a last (auto)vacuum or (auto)analyze is recorded, or reltuples is positive.
    }

    /** The estimate, or why there is none. */
    public record Estimate(BloatStatus status, Long bloatBytes, Double bloatPct) {
        static Estimate unknown(BloatStatus status) {
            return new Estimate(status, null, null);
        }
    }

    public static Estimate estimate(Inputs in) {
        // PG14+ marks a never-vacuumed, never-analyzed table with reltuples = -1; 13 leaves 0/0, hence everAnalyzed.
        if (in.reltuples() < 0 || !in.everAnalyzed()) {
            return Estimate.unknown(BloatStatus.NO_STATISTICS);
        }
        if (in.relpages() == 0) {
            // Analyzed and empty: ANALYZE writes no pg_stats rows for an empty table, and there is nothing to bloat.
            return new Estimate(BloatStatus.ESTIMATED, 0L, 0.0);
        }
        if (in.columnsWithStats() < in.columns()) {
            return Estimate.unknown(BloatStatus.NO_STATISTICS);
        }
        if (in.modsSinceAnalyze() != null
                && in.modsSinceAnalyze() > Math.max(STALE_MIN_ROWS, STALE_SHARE * in.reltuples())) {
            return Estimate.unknown(BloatStatus.STALE_STATISTICS);
        }
        long headerSize = TUPLE_HEADER + (in.maxNullFrac() > 0 ? (7 + in.columns()) / 8 : 0);
        long dataSize = (long) Math.ceil(in.dataWidth());
        long tupleSize = ITEM_ID + align(headerSize) + align(dataSize);
        double usablePerPage = (in.blockSize() - PAGE_HEADER) * (in.fillfactor() / 100.0);
        double tuplesPerPage = Math.max(1.0, Math.floor(usablePerPage / tupleSize));
        long expectedPages = (long) Math.ceil(in.reltuples() / tuplesPerPage);
        long extraPages = Math.max(0, in.relpages() - expectedPages);
        return new Estimate(BloatStatus.ESTIMATED, extraPages * in.blockSize(),
                Math.round(1000.0 * extraPages / in.relpages()) / 10.0);
    }

    private static long align(long size) {
        return (size + MAXALIGN - 1) / MAXALIGN * MAXALIGN;
    }
}
