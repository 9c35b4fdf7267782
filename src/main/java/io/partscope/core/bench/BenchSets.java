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
 * <p>One database per size, with one range-partitioned set {@value #SET_NAME} of N leaves, two levels deep: range
 * children of up to {@value #LEAVES_PER_CHILD} leaves each, as production sets at this scale are (months of days,
 * say). A flat set would read the same, but PostgreSQL takes time quadratic in the partition count to create one
 * (every new partition rebuilds the parent's partition descriptor): hours at 50,000. Each child is created in its
 * own transaction, gets one row in each leaf, and is analyzed on its own (an ANALYZE of the root would lock all
 * leaves in one transaction and can exhaust the lock table).
 */
public final class BenchSets {
    /** The partitioned table in each benchmark database. */
    public static final String SET_NAME = "bench";
    /** Leaves per second-level child. */
    public static final int LEAVES_PER_CHILD = 1000;

    private BenchSets() {
    }

    /**
     * Creates database {@code dbName} holding set {@value #SET_NAME} of {@code partitions} leaves, unless a database
     * of that name exists (then it is reused as it is).
     *
     * @param server   a superuser connection to a server where databases may be created
     * @param progress one line per step (a child of 1,000 leaves), and the time it all took
     * @return true when it was created now, false when it was there
     */
    public static boolean ensureDatabase(ConnectionSettings server, String dbName, int partitions,
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
            for (int from = 0; from < partitions; from += LEAVES_PER_CHILD) {
                int to = Math.min(partitions, from + LEAVES_PER_CHILD);
                int child = from / LEAVES_PER_CHILD;
                String childName = SET_NAME + "_" + child;
                StringBuilder sql = new StringBuilder("BEGIN;");
                sql.append("CREATE TABLE ").append(childName).append(" PARTITION OF ").append(SET_NAME)
                        .append(" FOR VALUES FROM (").append(from * 1000L).append(") TO (").append(to * 1000L)
                        .append(") PARTITION BY RANGE (id);");
                for (int i = from; i < to; i++) {
                    sql.append("CREATE TABLE ").append(childName).append("_p").append(i).append(" PARTITION OF ")
                            .append(childName).append(" FOR VALUES FROM (").append(i * 1000L).append(") TO (")
                            .append((i + 1) * 1000L).append(");");
                }
                sql.append("COMMIT;");
                s.execute(sql.toString());
                s.execute("INSERT INTO " + SET_NAME + " (id, note) SELECT g * 1000, 'row ' || g FROM generate_series("
                        + from + ", " + (to - 1) + ") g");
                s.execute("ANALYZE " + childName);
                progress.accept(String.format(Locale.ROOT, "%s: created %d of %d partitions (%.0f s)", dbName, to,
                        partitions, (System.nanoTime() - t0) / 1e9));
            }
            progress.accept(String.format(Locale.ROOT, "%s: %d partitions created in %.0f s", dbName, partitions,
                    (System.nanoTime() - t0) / 1e9));
        }
        return true;
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
