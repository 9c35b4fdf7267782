package io.partscope.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.cli.Json;
import io.partscope.core.bench.BenchSets;
import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * How fast {@code tree} is at scale, against the bare catalog query a DBA would write for the same rows. For each
 * partition count it creates a database with one range-partitioned set of that many leaves, two levels deep (one
 * row in each, then ANALYZE), and measures in the same run: the bare query (a walk of pg_inherits joined to pg_class,
 * statistics, ages and the three size functions, rows drained), the full {@code tree --json} path (reader + JSON), and the heap the
 * result needs. Medians of several runs.
 */
public final class TreeBenchmark {
    /**
     * The same rows, written plainly. Not with pg_partition_tree(): it locks every partition until the end of the
     * transaction, and at 50,000 partitions runs out of lock table under default settings ("out of shared memory").
     */
    private static final String BARE_QUERY = """
            WITH RECURSIVE t(relid, parentrelid, level) AS (
                SELECT 'bench'::regclass::oid, NULL::oid, 0
                UNION ALL
                SELECT i.inhrelid, i.inhparent, t.level + 1 FROM t JOIN pg_inherits i ON i.inhparent = t.relid
            )
            SELECT t.relid, t.parentrelid, c.relkind <> 'p' AS isleaf, t.level, n.nspname, c.relname,
                   pg_get_expr(c.relpartbound, c.oid), c.relkind, c.relpersistence, c.reloptions, c.reltuples,
                   pg_table_size(c.oid), pg_indexes_size(c.oid),
                   CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) END,
                   s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, s.last_vacuum, s.last_autovacuum,
                   s.last_analyze, s.last_autoanalyze,
                   CASE WHEN c.relkind = 'r' THEN age(c.relfrozenxid) END,
                   CASE WHEN c.relkind = 'r' THEN mxid_age(c.relminmxid) END
            FROM t
            JOIN pg_class c ON c.oid = t.relid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid""";

    /** One measured size. Times in milliseconds (median), heap in MiB. */
    public record Result(int partitions, double bareMs, double treeMs, double ratio, double retainedMiB,
            double peakMiB, long jsonBytes) {
    }

    private final ConnectionSettings server;
    private final int runs;
    private final Consumer<String> progress;

    /**
     * @param server   a superuser connection to a server where the benchmark may create databases ({@code bench_N})
     * @param runs     timed repetitions per measurement (after one warm-up)
     * @param progress receives one line per step
     */
    public TreeBenchmark(ConnectionSettings server, int runs, Consumer<String> progress) {
        this.server = server;
        this.runs = runs;
        this.progress = progress;
    }

    public List<Result> run(int... partitionCounts) throws PartscopeException, SQLException, java.io.IOException {
        List<Result> results = new ArrayList<>();
        for (int n : partitionCounts) {
            results.add(measure(n));
        }
        return results;
    }

    private Result measure(int partitions) throws PartscopeException, SQLException, java.io.IOException {
        String dbName = "bench_tree_" + partitions;
        prepare(dbName, partitions);
        ConnectionSettings target = server.withDatabase(dbName);
        DatabaseOptions options = DatabaseOptions.DEFAULTS.withStatementTimeout(Duration.ofMinutes(30));
        try (Database db = Database.open(target, options)) {
            CatalogReader reader = new CatalogReader(db);
            ObjectMapper json = Json.mapper();
            progress.accept(partitions + " partitions: warming up");
            bare(db);
            CatalogSnapshot warm = reader.read(CatalogFilter.ALL, null);
            long leaves = warm.roots().get(0).totals().leafCount();
            int members = warm.roots().get(0).partitions().size();
            if (leaves != partitions) {
                throw new IllegalStateException("expected " + partitions + " leaves, read " + leaves);
            }
            warm = null;

            double[] bare = new double[runs];
            double[] tree = new double[runs];
            long jsonBytes = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                long rows = bare(db);
                bare[i] = (System.nanoTime() - t0) / 1e6;
                if (rows != members + 1) {
                    throw new IllegalStateException("bare query returned " + rows + " rows");
                }
                t0 = System.nanoTime();
                CatalogSnapshot snapshot = reader.read(CatalogFilter.ALL, null);
                CountingStream out = new CountingStream();
                json.writeValue(out, snapshot);
                tree[i] = (System.nanoTime() - t0) / 1e6;
                jsonBytes = out.count;
                progress.accept(String.format(java.util.Locale.ROOT, "%d partitions: run %d: bare %.0f ms, tree %.0f ms",
                        partitions, i + 1, bare[i], tree[i]));
            }

            double[] heap = heapOfOneRead(reader, json);
            double bareMedian = median(bare);
            double treeMedian = median(tree);
            return new Result(partitions, bareMedian, treeMedian, treeMedian / bareMedian, heap[0], heap[1],
                    jsonBytes);
        }
    }

    /** Heap retained by one snapshot, and the peak heap while reading and writing it (MiB). */
    private static double[] heapOfOneRead(CatalogReader reader, ObjectMapper json) throws PartscopeException {
        long before = usedAfterGc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        CatalogSnapshot snapshot = reader.read(CatalogFilter.ALL, null);
        try {
            json.writeValue(new CountingStream(), snapshot);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long retained = usedAfterGc() - before;
        if (snapshot.roots().isEmpty()) {
            throw new IllegalStateException("empty read"); // keeps the snapshot reachable until here
        }
        return new double[] {Math.max(0, retained) / 1048576.0, Math.max(0, peak - before) / 1048576.0};
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long bare(Database db) throws PartscopeException, SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(2000);
            long rows = 0;
            try (ResultSet rs = s.executeQuery(BARE_QUERY)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
            }
            c.rollback();
            c.setAutoCommit(true);
            return rows;
        }
    }

    /** Database {@code dbName} with the benchmark set (see {@link BenchSets}), created when missing. */
    private void prepare(String dbName, int partitions) throws PartscopeException, SQLException {
        BenchSets.ensureDatabase(server, dbName, partitions, progress);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** Counts the JSON bytes without keeping them: the measurement is of producing the JSON, not storing it. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
