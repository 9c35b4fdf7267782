package io.partscope.cli.bench;

import io.partscope.cli.TreeJson;
import io.partscope.core.bench.BenchSets;
import io.partscope.core.bench.BenchSets.Layout;
import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * partition count it creates a database with one range-partitioned set of that many leaves in the chosen
 * {@link Layout} (one row in each, then ANALYZE of the leaves and the catalogs), and measures in the same run, twice:
 * in this JVM, the bare query (a walk of pg_inherits joined to pg_class, statistics, ages and the three size
 * functions, rows drained) against the full {@code tree --json} path (reader + JSON); and as whole processes, JVM
 * start included, {@code psql} running the bare query against {@code java -jar partscope.jar tree --json}. Plus the
 * heap the result needs. Medians of several runs, the two sides alternating.
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

    /**
     * One measured size. Times in milliseconds (median), heap in MiB. The process times are NaN when they were not
     * measured (no psql on the PATH, or not running from the jar).
     */
    public record Result(Layout layout, int partitions, double bareMs, double treeMs, double ratio,
            double bareProcessMs, double treeProcessMs, double retainedMiB, double peakMiB, long jsonBytes) {
        public double processRatio() {
            return treeProcessMs / bareProcessMs;
        }
    }

    private final ConnectionSettings server;
    private final Layout layout;
    private final int runs;
    private final boolean processes;
    private final Consumer<String> progress;

    /**
     * @param server   a superuser connection to a server where the benchmark may create databases ({@code bench_N})
     * @param runs     timed repetitions per measurement (after one warm-up)
     * @param progress receives one line per step
     */
    public TreeBenchmark(ConnectionSettings server, int runs, Consumer<String> progress) {
        this(server, Layout.TWO_LEVEL, runs, false, progress);
    }

    /**
     * @param layout    how the leaves hang under the root
     * @param processes also time whole processes ({@code psql} and {@code java -jar partscope.jar tree --json})
     */
    public TreeBenchmark(ConnectionSettings server, Layout layout, int runs, boolean processes,
            Consumer<String> progress) {
        this.server = server;
        this.layout = layout;
        this.runs = runs;
        this.processes = processes;
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
        String dbName = BenchSets.databaseName(layout, partitions);
        prepare(dbName, partitions);
        ConnectionSettings target = server.withDatabase(dbName);
        DatabaseOptions options = DatabaseOptions.DEFAULTS.withStatementTimeout(Duration.ofMinutes(30));
        try (Database db = Database.open(target, options)) {
            CatalogReader reader = new CatalogReader(db);
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
                TreeJson.writeCompact(snapshot, out);
                tree[i] = (System.nanoTime() - t0) / 1e6;
                jsonBytes = out.count;
                progress.accept(String.format(java.util.Locale.ROOT, "%d partitions: run %d: bare %.0f ms, tree %.0f ms",
                        partitions, i + 1, bare[i], tree[i]));
            }

            double[] heap = heapOfOneRead(reader);
            double bareMedian = median(bare);
            double treeMedian = median(tree);
            double[] whole = processes ? wholeProcesses(target, partitions, members + 1)
                    : new double[] {Double.NaN, Double.NaN};
            return new Result(layout, partitions, bareMedian, treeMedian, treeMedian / bareMedian, whole[0], whole[1],
                    heap[0], heap[1], jsonBytes);
        }
    }

    /**
     * Medians of {@code psql} running the bare query and of {@code java -jar partscope.jar tree --json}, each a
     * process of its own, started, run to the end and timed from outside (JVM start, class loading and the cold JIT
     * included, as a user or a script sees it); the output is discarded. One warm-up each (the server's caches).
     */
    private double[] wholeProcesses(ConnectionSettings target, int partitions, long expectedRows)
            throws java.io.IOException {
        Path jar = runningJar();
        String psql = onPath("psql");
        if (jar == null || psql == null) {
            progress.accept("not timing whole processes: " + (jar == null ? "not running from partscope.jar"
                    : "no psql on the PATH"));
            return new double[] {Double.NaN, Double.NaN};
        }
        String url = target.displayUrl();
        List<String> bare = List.of(psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", BARE_QUERY, url);
        List<String> tree = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "tree", "--json", "--url", url);
        String bareOut = runProcess(bare, true);
        long bareRows = bareOut.lines().count();
        if (bareRows != expectedRows) {
            throw new IllegalStateException("psql returned " + bareRows + " rows, expected " + expectedRows);
        }
        runProcess(tree, false);
        double[] bareMs = new double[runs];
        double[] treeMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            runProcess(bare, false);
            bareMs[i] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            runProcess(tree, false);
            treeMs[i] = (System.nanoTime() - t0) / 1e6;
            progress.accept(String.format(java.util.Locale.ROOT,
                    "%d partitions: process run %d: psql %.0f ms, java -jar partscope.jar tree --json %.0f ms",
                    partitions, i + 1, bareMs[i], treeMs[i]));
        }
        return new double[] {median(bareMs), median(treeMs)};
    }

    /** Runs a command to its end; its stdout is returned when {@code keep}, else discarded. */
    private String runProcess(List<String> command, boolean keep) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (server.password() != null) {
            pb.environment().put("PGPASSWORD", server.password()); // not on the command line, where ps shows it
        }
        Path out = keep ? Files.createTempFile("partscope-bench", ".out") : null;
        pb.redirectOutput(keep ? ProcessBuilder.Redirect.to(out.toFile()) : ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " exited with " + exit);
            }
            return keep ? Files.readString(out) : "";
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (out != null) {
                Files.deleteIfExists(out);
            }
        }
    }

    /** The partscope jar this code runs from, or null when it runs from classes (tests, an IDE). */
    static Path runningJar() {
        try {
            Path p = Path.of(TreeBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Heap retained by one snapshot, and the peak heap while reading and writing it (MiB). */
    private static double[] heapOfOneRead(CatalogReader reader) throws PartscopeException {
        long before = usedAfterGc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        CatalogSnapshot snapshot = reader.read(CatalogFilter.ALL, null);
        try {
            TreeJson.writeCompact(snapshot, new CountingStream());
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
        BenchSets.ensureDatabase(server, dbName, layout, partitions, progress);
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
