package io.partscope.cli.bench;

import io.partscope.cli.Json;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.ExplainRequest;
import io.partscope.core.explain.ExplainResult;
import io.partscope.core.explain.Explainer;
import io.partscope.core.explain.PlanReader;
import io.partscope.core.explain.PruningTarget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How fast {@code explain} is at scale. On the same sets as {@link TreeBenchmark} (database {@code bench_tree_N},
 * set {@code bench} of N range leaves, two levels), three queries: one that scans every leaf, one the planner
 * prunes to one leaf, and the same lookup as a generic plan of a prepared statement, which the planner plans over
 * every leaf and the executor prunes to one at start. Per query, in the same run: the bare EXPLAIN round trip
 * (the same EXPLAIN options, the JSON text read through JDBC), the whole {@code Explainer.explain} (its own
 * session, probe, EXPLAIN, locks, catalog questions, analysis), Partscope's share of it (parse and attribution,
 * {@link ExplainResult#analysisMillis()}), the sizes of the server's JSON and of the {@code explain --json}
 * output, and the heap. Medians of several runs after one warm-up.
 */
public final class ExplainBenchmark {
    private static final String PREPARE = "PREPARE bench_lookup(bigint) AS SELECT * FROM bench WHERE id = $1";
    private static final String GENERIC = "SET plan_cache_mode = force_generic_plan";

    /** One query of the benchmark. */
    public enum Query {
        ALL("every leaf", "SELECT count(*) FROM bench", List.of()),
        PLAN_TIME("1 leaf (plan time)", "SELECT * FROM bench WHERE id = 5000", List.of()),
        EXECUTOR_START("1 leaf (generic plan, executor start)", "EXECUTE bench_lookup(5000)", List.of(PREPARE, GENERIC));

        private final String label;
        private final String sql;
        private final List<String> setup;

        Query(String label, String sql, List<String> setup) {
            this.label = label;
            this.sql = sql;
            this.setup = setup;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One measured query at one size. Times in milliseconds (medians), sizes and heap in MiB.
     *
     * @param bareMs the EXPLAIN round trip alone
     * @param explainMs the whole {@code Explainer.explain}
     * @param analysisMs Partscope's share within it: parsing the plan, the catalog questions about the plan's
     *     relations and the sets' leaves, and the attribution
     * @param parseMs parsing the server's JSON alone (PlanReader), a part of the analysis
     */
    public record Result(int partitions, Query query, int scanned, int removedAtExecutorStart, double bareMs,
            double explainMs, double analysisMs, double parseMs, double planJsonMiB, double outputJsonMiB, double retainedMiB,
            double peakMiB) {
    }

    private final ConnectionSettings server;
    private final int runs;
    private final Consumer<String> progress;

    /**
     * @param server a superuser connection to a server where the benchmark may create databases
     *     ({@code bench_tree_N}), with max_locks_per_transaction high enough for a plan over N partitions
     */
    public ExplainBenchmark(ConnectionSettings server, int runs, Consumer<String> progress) {
        this.server = server;
        this.runs = runs;
        this.progress = progress;
    }

    public List<Result> run(int... partitionCounts) throws PartscopeException, SQLException, IOException {
        List<Result> results = new ArrayList<>();
        for (int n : partitionCounts) {
            String dbName = "bench_tree_" + n;
            io.partscope.core.bench.BenchSets.ensureDatabase(server, dbName, n, progress); // reuses the database when it exists
            DatabaseOptions options = DatabaseOptions.DEFAULTS.withStatementTimeout(Duration.ofMinutes(30));
            try (Database db = Database.open(server.withDatabase(dbName), options)) {
                for (Query q : Query.values()) {
                    results.add(measure(db, n, q));
                }
            }
        }
        return results;
    }

    private Result measure(Database db, int partitions, Query q) throws PartscopeException, SQLException,
            IOException {
        ExplainRequest request = new ExplainRequest(q.sql, q.setup, false, Duration.ZERO);
        progress.accept(partitions + " partitions, " + q.label + ": warming up");
        bare(db, q);
        ExplainResult warm = Explainer.explain(db, request, new Cancellation());
        PruningTarget target = warm.targets().get(0);
        int scanned = target.scanned().size();
        int removed = target.removedAtExecutorStart().size();
        int expected = q == Query.ALL ? partitions : 1;
        if (target.leafCount() != partitions || scanned != expected
                || (q == Query.EXECUTOR_START && removed != partitions - 1)) {
            throw new IllegalStateException(q + ": expected " + expected + " of " + partitions + " scanned, got "
                    + scanned + " of " + target.leafCount() + " (" + removed + " removed at executor start)");
        }
        double planMiB = warm.plan().length() / 1048576.0;
        warm = null;

        double[] bare = new double[runs];
        double[] total = new double[runs];
        double[] analysis = new double[runs];
        double[] parse = new double[runs];
        long outputBytes = 0;
        for (int i = 0; i < runs; i++) {
            bare[i] = bare(db, q);
            long t0 = System.nanoTime();
            ExplainResult result = Explainer.explain(db, request, new Cancellation());
            total[i] = (System.nanoTime() - t0) / 1e6;
            analysis[i] = result.analysisMillis();
            t0 = System.nanoTime();
            PlanReader.read(result.plan());
            parse[i] = (System.nanoTime() - t0) / 1e6;
            TreeBenchmark.CountingStream out = new TreeBenchmark.CountingStream();
            Json.mapper().writeValue(out, result);
            outputBytes = out.count;
            progress.accept(String.format(Locale.ROOT, "%d partitions, %s: run %d: EXPLAIN %.0f ms, explain %.0f ms, "
                    + "analysis %.0f ms (parse %.0f ms)", partitions, q.label, i + 1, bare[i], total[i], analysis[i],
                    parse[i]));
        }
        double[] heap = heapOfOne(db, request);
        return new Result(partitions, q, scanned, removed, TreeBenchmark.median(bare), TreeBenchmark.median(total),
                TreeBenchmark.median(analysis), TreeBenchmark.median(parse), planMiB, outputBytes / 1048576.0, heap[0], heap[1]);
    }

    /** The bare EXPLAIN with the same options on a fresh session (setup included, not timed). */
    private static double bare(Database db, Query q) throws PartscopeException, SQLException {
        try (Connection c = db.dedicatedConnection(); Statement s = c.createStatement()) {
            for (String setup : q.setup) {
                s.execute(setup);
            }
            long t0 = System.nanoTime();
            long chars = 0;
            try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON, VERBOSE, COSTS, SETTINGS, SUMMARY) " + q.sql)) {
                while (rs.next()) {
                    chars += rs.getString(1).length();
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (chars == 0) {
                throw new IllegalStateException("empty EXPLAIN");
            }
            return ms;
        }
    }

    /** Heap retained by one result, and the peak while producing it and writing its JSON (MiB). */
    private static double[] heapOfOne(Database db, ExplainRequest request) throws PartscopeException, IOException {
        long before = TreeBenchmark.usedAfterGc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        ExplainResult result = Explainer.explain(db, request, new Cancellation());
        Json.mapper().writeValue(new TreeBenchmark.CountingStream(), result);
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long retained = TreeBenchmark.usedAfterGc() - before;
        if (result.targets().isEmpty()) {
            throw new IllegalStateException("no target"); // keeps the result reachable until here
        }
        return new double[] {Math.max(0, retained) / 1048576.0, Math.max(0, peak - before) / 1048576.0};
    }
}
