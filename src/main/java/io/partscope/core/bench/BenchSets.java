package io.partscope.core.bench;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The partition sets the benchmarks measure (the CLI's {@code bench tree} and the desktop app's UI benchmark), and
 * the embedded server they run on when no server is given.
 *
 * <p>One database per layout and size, with one range-partitioned set {@value #SET_NAME} of N leaves, one row in
 * each, analyzed, in one of the {@link Layout layouts} users have: flat (one parent, as hourly call logs kept a
 * year are), two levels (months of days) or three (years of months of days). PostgreSQL takes time quadratic in
 * the number of partitions of one parent to create them (every new partition rebuilds the parent's partition
 * descriptor): a flat set of 10,000 takes minutes, of 50,000 over an hour. Partitions are created and analyzed a
 * batch at a time, each in its own transaction (an ANALYZE of the root would lock all leaves in one transaction and
 * can exhaust the lock table). Then the catalogs are analyzed, as a database-wide {@code VACUUM ANALYZE} would:
 * the statistics of {@code pg_inherits} after that (one distinct parent in a flat set) are what misled the planner
 * into a quadratic plan once.
 */
public final class BenchSets {
    /** The partitioned table in each benchmark database. */
    public static final String SET_NAME = "bench";
    /** Leaves per second-level child. */
    public static final int LEAVES_PER_CHILD = 1000;
    /** In the deep layout: leaves (days) per month, and months per year. */
    static final int DAYS_PER_MONTH = 30;
    static final int MONTHS_PER_YEAR = 12;
    /** Partitions created in one transaction when one parent gets many. */
    private static final int BATCH = 1000;

    /** How the leaves hang under the root. */
    public enum Layout {
        /** Every leaf directly under the root. */
        FLAT("flat"),
        /** The root, children of up to {@value #LEAVES_PER_CHILD} leaves each, the leaves. */
        TWO_LEVEL("two-level"),
        /**
         * Three levels: the root, "years" of {@value #MONTHS_PER_YEAR} "months" each, "months" of
         * {@value #DAYS_PER_MONTH} leaves each.
         */
        DEEP("deep");

        private final String label;

        Layout(String label) {
            this.label = label;
        }

        /** As {@code bench tree --layout} spells it. */
        public String label() {
            return label;
        }

        /** The layout {@code bench tree --layout} names (flat, two-level, deep). */
        public static Layout parse(String text) {
            for (Layout l : values()) {
                if (l.label.equalsIgnoreCase(text) || l.name().equalsIgnoreCase(text)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown layout \"" + text + "\": flat, two-level or deep");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private BenchSets() {
    }

    /**
     * The database that holds the set of this layout and size: {@code bench_tree_N} for two levels (the name the
     * benchmarks have always used, so existing data folders are reused), {@code bench_tree_flat_N},
     * {@code bench_tree_deep_N}.
     */
    public static String databaseName(Layout layout, int partitions) {
        return switch (layout) {
            case TWO_LEVEL -> "bench_tree_" + partitions;
            case FLAT -> "bench_tree_flat_" + partitions;
            case DEEP -> "bench_tree_deep_" + partitions;
        };
    }

    /** {@link #ensureDatabase(ConnectionSettings, String, Layout, int, Consumer)} with two levels. */
    public static boolean ensureDatabase(ConnectionSettings server, String dbName, int partitions,
            Consumer<String> progress) throws PartscopeException, SQLException {
        return ensureDatabase(server, dbName, Layout.TWO_LEVEL, partitions, progress);
    }

    /**
     * Creates database {@code dbName} holding set {@value #SET_NAME} of {@code partitions} leaves in this layout,
     * unless a database of that name exists (then it is reused as it is).
     *
     * @param server   a superuser connection to a server where databases may be created
     * @param progress one line per step (a transaction's worth of partitions), and the time it all took
     * @return true when it was created now, false when it was there
     */
    public static boolean ensureDatabase(ConnectionSettings server, String dbName, Layout layout, int partitions,
            Consumer<String> progress) throws PartscopeException, SQLException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        try (Database admin = Database.open(server, DatabaseOptions.DEFAULTS);
                Connection c = admin.connection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + dbName + "'")) {
                if (rs.next()) {
                    progress.accept(dbName + " exists: reusing it");
                    return false;
                }
            }
            s.execute("CREATE DATABASE " + dbName);
        }
        try (Database db = Database.open(server.withDatabase(dbName), DatabaseOptions.DEFAULTS
                .withStatementTimeout(Duration.ZERO)); Connection c = db.connection(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("CREATE TABLE " + SET_NAME + " (id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now(),"
                    + " note text) PARTITION BY RANGE (id)");
            Consumer<Integer> created = to -> progress.accept(String.format(Locale.ROOT,
                    "%s: created %d of %d partitions (%.0f s)", dbName, to, partitions, (System.nanoTime() - t0) / 1e9));
            switch (layout) {
                case FLAT -> {
                    for (int from = 0; from < partitions; from += BATCH) {
                        int to = Math.min(partitions, from + BATCH);
                        createLeaves(s, SET_NAME, from, to);
                        created.accept(to);
                    }
                }
                case TWO_LEVEL -> {
                    for (int from = 0; from < partitions; from += LEAVES_PER_CHILD) {
                        int to = Math.min(partitions, from + LEAVES_PER_CHILD);
                        String child = SET_NAME + "_" + (from / LEAVES_PER_CHILD);
                        s.execute("CREATE TABLE " + child + " PARTITION OF " + SET_NAME + range(from, to)
                                + " PARTITION BY RANGE (id)");
                        createLeaves(s, child, from, to);
                        created.accept(to);
                    }
                }
                case DEEP -> {
                    int perYear = DAYS_PER_MONTH * MONTHS_PER_YEAR;
                    for (int yearFrom = 0; yearFrom < partitions; yearFrom += perYear) {
                        int yearTo = Math.min(partitions, yearFrom + perYear);
                        String year = SET_NAME + "_y" + (yearFrom / perYear);
                        StringBuilder sql = new StringBuilder("BEGIN;");
                        sql.append("CREATE TABLE ").append(year).append(" PARTITION OF ").append(SET_NAME)
                                .append(range(yearFrom, yearTo)).append(" PARTITION BY RANGE (id);");
                        for (int from = yearFrom; from < yearTo; from += DAYS_PER_MONTH) {
                            int to = Math.min(yearTo, from + DAYS_PER_MONTH);
                            String month = year + "_m" + ((from - yearFrom) / DAYS_PER_MONTH);
                            sql.append("CREATE TABLE ").append(month).append(" PARTITION OF ").append(year)
                                    .append(range(from, to)).append(" PARTITION BY RANGE (id);");
                            for (int i = from; i < to; i++) {
                                sql.append("CREATE TABLE ").append(month).append("_d").append(i).append(" PARTITION OF ")
                                        .append(month).append(range(i, i + 1)).append(';');
                            }
                        }
                        sql.append("COMMIT;");
                        s.execute(sql.toString());
                        fillAndAnalyze(s, year, yearFrom, yearTo);
                        created.accept(yearTo);
                    }
                }
            }
            // As a database-wide VACUUM ANALYZE would: the planner then plans the catalog queries on real statistics.
            s.execute("ANALYZE pg_catalog.pg_class, pg_catalog.pg_inherits, pg_catalog.pg_namespace,"
                    + " pg_catalog.pg_attribute, pg_catalog.pg_index, pg_catalog.pg_statistic");
            progress.accept(String.format(Locale.ROOT, "%s: %d partitions created in %.0f s", dbName, partitions,
                    (System.nanoTime() - t0) / 1e9));
        }
        return true;
    }

    /** FOR VALUES of the ids of leaves {@code from} (inclusive) to {@code to} (exclusive): 1,000 ids a leaf. */
    private static String range(int from, int to) {
        return " FOR VALUES FROM (" + from * 1000L + ") TO (" + to * 1000L + ")";
    }

    /**
     * Leaves {@code from} to {@code to} (exclusive) of {@code parent}, named {@code parent_pI}, in one transaction;
     * then a row in each, and the leaves analyzed: through their parent when it holds only them, else by name.
     */
    private static void createLeaves(Statement s, String parent, int from, int to) throws SQLException {
        StringBuilder sql = new StringBuilder("BEGIN;");
        StringBuilder leaves = new StringBuilder();
        for (int i = from; i < to; i++) {
            String leaf = parent + "_p" + i;
            sql.append("CREATE TABLE ").append(leaf).append(" PARTITION OF ").append(parent).append(range(i, i + 1))
                    .append(';');
            leaves.append(i > from ? ", " : "").append(leaf);
        }
        sql.append("COMMIT;");
        s.execute(sql.toString());
        // ANALYZE of a list runs each table in its own transaction; the root's would lock every leaf at once.
        fillAndAnalyze(s, parent.equals(SET_NAME) ? leaves.toString() : parent, from, to);
    }

    /** One row in each leaf {@code from} to {@code to} (exclusive), then ANALYZE of {@code analyzed}. */
    private static void fillAndAnalyze(Statement s, String analyzed, int from, int to) throws SQLException {
        s.execute("INSERT INTO " + SET_NAME + " (id, note) SELECT g * 1000, 'row ' || g FROM generate_series("
                + from + ", " + (to - 1) + ") g");
        s.execute("ANALYZE " + analyzed);
    }

    /**
     * Starts an embedded PostgreSQL for a benchmark: autovacuum off (the figures must not depend on when it runs),
     * {@code max_locks_per_transaction = 1024}, {@code shared_buffers = 256MB}, fsync off (creating partitions is
     * the slow part, and the data is thrown away).
     *
     * @param dataDir a folder to keep the cluster in between runs, or null for a temporary folder deleted on close
     */
    public static EmbeddedPostgres startEmbedded(Path dataDir, Consumer<String> progress) throws IOException {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("partscope-bench");
        progress.accept("starting an embedded PostgreSQL in " + dir);
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(dataDir == null)
                .setServerConfig("autovacuum", "off")
                .setServerConfig("max_locks_per_transaction", "1024")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("fsync", "off")
                .start();
    }

    /** The superuser connection to an embedded server from {@link #startEmbedded}. */
    public static ConnectionSettings embeddedSettings(EmbeddedPostgres server) {
        return new ConnectionSettings("127.0.0.1", server.getPort(), "postgres", "postgres", null, "disable", null,
                Map.of());
    }
}
