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
    static final String BARE_QUERY = """
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
     * The same rows with every column {@code tree --json} prints that {@link #BARE_QUERY} lacks (docs/performance.md,
     * "Is the bare query a fair comparison?"): the bloat inputs from pg_statistic, every parent by name and
     * detach_pending, the TOAST table's ages, the freeze limits from the member's and its TOAST table's reloptions,
     * the tablespace, partition key and strategy. Written as a DBA would, plainly: pg_inherits and pg_statistic each
     * aggregated once and hash-joined, no correlated probes. BARE_QUERY stays as it was, so older figures stay
     * comparable. {@code i.inhdetachpending} is new in PostgreSQL 14 (false before).
     */
    static final String BARE_FULL_QUERY = """
            WITH RECURSIVE t(relid, parentrelid, level) AS (
                SELECT 'bench'::regclass::oid, NULL::oid, 0
                UNION ALL
                SELECT i.inhrelid, i.inhparent, t.level + 1 FROM t JOIN pg_inherits i ON i.inhparent = t.relid
            ), parents AS (
                SELECT i.inhrelid, array_agg(pn.nspname || '.' || p.relname ORDER BY i.inhseqno) AS parents,
                       bool_or(i.inhdetachpending) AS detach_pending
                FROM pg_inherits i
                JOIN pg_class p ON p.oid = i.inhparent
                JOIN pg_namespace pn ON pn.oid = p.relnamespace
                GROUP BY i.inhrelid
            ), stats AS (
                SELECT starelid, count(*) AS columns_with_stats, max(stanullfrac) AS max_null_frac,
                       sum((1 - stanullfrac) * stawidth) AS data_width
                FROM pg_statistic
                WHERE NOT stainherit
                GROUP BY starelid
            )
            SELECT t.relid, t.parentrelid, c.relkind <> 'p' AS isleaf, t.level, n.nspname, c.relname,
                   pg_get_expr(c.relpartbound, c.oid), c.relkind, c.relpersistence, c.reloptions, c.reltuples, c.relpages,
                   c.relnatts, ts.spcname, pg_get_partkeydef(c.oid), pt.partstrat, par.parents, par.detach_pending,
                   pg_table_size(c.oid), pg_indexes_size(c.oid),
                   CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) END,
                   s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, s.last_vacuum, s.last_autovacuum,
                   s.last_analyze, s.last_autoanalyze,
                   CASE WHEN c.relkind = 'r' THEN age(c.relfrozenxid) END,
                   CASE WHEN c.relkind = 'r' THEN mxid_age(c.relminmxid) END,
                   age(tc.relfrozenxid), mxid_age(tc.relminmxid),
                   substring(array_to_string(c.reloptions || tc.reloptions, ',') FROM 'autovacuum_freeze_max_age=([0-9]+)'),
                   substring(array_to_string(c.reloptions || tc.reloptions, ',')
                             FROM 'autovacuum_multixact_freeze_max_age=([0-9]+)'),
                   st.columns_with_stats, st.max_null_frac, st.data_width
            FROM t
            JOIN pg_class c ON c.oid = t.relid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
            LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
            LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
            LEFT JOIN parents par ON par.inhrelid = c.oid
            LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
            LEFT JOIN stats st ON st.starelid = c.oid""";

    /**
     * One measured size. Times in milliseconds (median), heap in MiB. The process times are NaN when they were not
     * measured (no psql on the PATH, or not running from the jar; the launcher's also without a launcher). "Full":
     * {@link #BARE_FULL_QUERY}; "cli": the launcher ({@code bin/partscope tree --json}) as a whole process.
     */
    public record Result(Layout layout, int partitions, double bareMs, double treeMs, double ratio,
            double bareProcessMs, double treeProcessMs, double retainedMiB, double peakMiB, long jsonBytes,
            double bareFullMs, double bareFullProcessMs, double cliProcessMs) {
        public double processRatio() {
            return treeProcessMs / bareProcessMs;
        }

        public double fullRatio() {
            return treeMs / bareFullMs;
        }

        public double cliRatio() {
            return cliProcessMs / bareProcessMs;
        }

        public double cliFullRatio() {
            return cliProcessMs / bareFullProcessMs;
        }
    }

    private final ConnectionSettings server;
    private final Layout layout;
    private final int runs;
    private final boolean processes;
    private final Consumer<String> progress;
    private final Path cliCommand;

    /**
     * @param server   a superuser connection to a server where the benchmark may create databases ({@code bench_N})
     * @param runs     timed repetitions per measurement (after one warm-up)
     * @param progress receives one line per step
     */
    public TreeBenchmark(ConnectionSettings server, int runs, Consumer<String> progress) {
        this(server, Layout.TWO_LEVEL, runs, false, null, progress);
    }

    /**
     * @param layout    how the leaves hang under the root
     * @param processes also time whole processes ({@code psql} and {@code java -jar partscope.jar tree --json})
     * @param cliCommand the launcher to time as a whole process too ({@code bin/partscope}), or null for none
     */
    public TreeBenchmark(ConnectionSettings server, Layout layout, int runs, boolean processes, Path cliCommand,
            Consumer<String> progress) {
        this.server = server;
        this.cliCommand = cliCommand;
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
            String fullQuery = fullQuery(db);
            progress.accept(partitions + " partitions: warming up");
            bare(db, BARE_QUERY);
            bare(db, fullQuery);
            CatalogSnapshot warm = reader.read(CatalogFilter.ALL, null);
            long leaves = warm.roots().get(0).totals().leafCount();
            int members = warm.roots().get(0).partitions().size();
            if (leaves != partitions) {
                throw new IllegalStateException("expected " + partitions + " leaves, read " + leaves);
            }
            warm = null;

            double[] bare = new double[runs];
            double[] bareFull = new double[runs];
            double[] tree = new double[runs];
            long jsonBytes = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                long rows = bare(db, BARE_QUERY);
                bare[i] = (System.nanoTime() - t0) / 1e6;
                if (rows != members + 1) {
                    throw new IllegalStateException("bare query returned " + rows + " rows");
                }
                t0 = System.nanoTime();
                rows = bare(db, fullQuery);
                bareFull[i] = (System.nanoTime() - t0) / 1e6;
                if (rows != members + 1) {
                    throw new IllegalStateException("full bare query returned " + rows + " rows");
                }
                t0 = System.nanoTime();
                CatalogSnapshot snapshot = reader.read(CatalogFilter.ALL, null);
                CountingStream out = new CountingStream();
                TreeJson.writeCompact(snapshot, out);
                tree[i] = (System.nanoTime() - t0) / 1e6;
                jsonBytes = out.count;
                progress.accept(String.format(java.util.Locale.ROOT,
                        "%d partitions: run %d: bare %.0f ms, full bare %.0f ms, tree %.0f ms",
                        partitions, i + 1, bare[i], bareFull[i], tree[i]));
            }

            double[] heap = heapOfOneRead(reader);
            double bareMedian = median(bare);
            double treeMedian = median(tree);
            double[] whole = processes ? wholeProcesses(target, partitions, members + 1, fullQuery)
                    : new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            return new Result(layout, partitions, bareMedian, treeMedian, treeMedian / bareMedian, whole[0], whole[1],
                    heap[0], heap[1], jsonBytes, median(bareFull), whole[2], whole[3]);
        }
    }

    /**
     * Medians of {@code psql} running the bare query and the full bare query, of {@code java -jar partscope.jar tree
     * --json} and of the launcher's {@code tree --json}, each a process of its own, started, run to the end and timed
     * from outside (JVM start, class loading and the cold JIT included, as a user or a script sees it); the output is
     * discarded. One warm-up each (the server's caches; the launcher's first command also writes its class archive).
     * In that order in every run, so each side sees the same server state. NaN for what could not be run.
     */
    private double[] wholeProcesses(ConnectionSettings target, int partitions, long expectedRows, String fullQuery)
            throws java.io.IOException {
        Path jar = runningJar();
        String psql = onPath("psql");
        if (jar == null || psql == null) {
            progress.accept("not timing whole processes: " + (jar == null ? "not running from partscope.jar"
                    : "no psql on the PATH"));
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        String url = target.displayUrl();
        List<String> bare = List.of(psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", BARE_QUERY, url);
        List<String> bareFull = List.of(psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", fullQuery, url);
        List<String> tree = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "tree", "--json", "--url", url);
        List<String> cli = cliCommand == null ? null : List.of(cliCommand.toString(), "tree", "--json", "--url", url);
        for (List<String> query : List.of(bare, bareFull)) {
            long rows = runProcess(query, true).lines().count();
            if (rows != expectedRows) {
                throw new IllegalStateException("psql returned " + rows + " rows, expected " + expectedRows);
            }
        }
        runProcess(tree, false);
        if (cli != null) {
            runProcess(cli, false);
        } else {
            progress.accept("not timing the launcher: no bin/partscope (--cli-command PATH)");
        }
        double[] bareMs = new double[runs];
        double[] bareFullMs = new double[runs];
        double[] treeMs = new double[runs];
        double[] cliMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            bareMs[i] = timed(bare);
            bareFullMs[i] = timed(bareFull);
            treeMs[i] = timed(tree);
            cliMs[i] = cli == null ? Double.NaN : timed(cli);
            progress.accept(String.format(java.util.Locale.ROOT,
                    "%d partitions: process run %d: psql %.0f ms, psql full %.0f ms, java -jar partscope.jar tree --json"
                            + " %.0f ms, launcher tree --json %.0f ms",
                    partitions, i + 1, bareMs[i], bareFullMs[i], treeMs[i], cliMs[i]));
        }
        return new double[] {median(bareMs), median(treeMs), median(bareFullMs), median(cliMs)};
    }

    private double timed(List<String> command) throws java.io.IOException {
        long t0 = System.nanoTime();
        runProcess(command, false);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * The launcher next to the jar this code runs from, as in the source tree ({@code target/partscope.jar} and
     * {@code bin/partscope}), or null.
     */
    public static Path defaultCliCommand() {
        Path jar = runningJar();
        if (jar == null || jar.toAbsolutePath().getParent() == null
                || jar.toAbsolutePath().getParent().getParent() == null) {
            return null;
        }
        Path script = jar.toAbsolutePath().getParent().getParent().resolve("bin").resolve("partscope");
        return Files.isExecutable(script) ? script : null;
    }

    /** {@link #BARE_FULL_QUERY} for this server: detach_pending is false before PostgreSQL 14. */
    static String fullQuery(Database db) throws PartscopeException, SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1) >= 140000 ? BARE_FULL_QUERY
                    : BARE_FULL_QUERY.replace("bool_or(i.inhdetachpending)", "false");
        }
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

    static long bare(Database db, String query) throws PartscopeException, SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(2000);
            long rows = 0;
            try (ResultSet rs = s.executeQuery(query)) {
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
