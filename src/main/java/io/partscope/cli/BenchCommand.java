package io.partscope.cli;

import io.partscope.cli.bench.ExplainBenchmark;
import io.partscope.cli.bench.SplitDefaultBenchmark;
import io.partscope.cli.bench.TreeBenchmark;
import io.partscope.core.bench.BenchSets;
import io.partscope.core.db.ConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partscope bench tree|explain}: the performance figures in docs/performance.md, rerunnable. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCommand.Tree.class,
        BenchCommand.Explain.class, BenchCommand.SplitDefault.class},
        description = "Benchmarks (figures for docs/performance.md).")
public final class BenchCommand implements Callable<Integer> {
    private final CliContext context;

    public BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.err().println("partscope bench: name a benchmark, e.g. partscope bench tree --partitions 1000,10000, or bench explain");
        return 2;
    }

    /** A benchmark's body, given the server it runs on. */
    interface BenchBody {
        int run(ConnectionSettings server) throws Exception;
    }

    /**
     * Runs a benchmark on {@code --url}, or on an embedded server (its cluster kept in {@code dataDir} when given,
     * so the partitions are created once), which is stopped afterwards.
     */
    static int onBenchServer(CliContext context, String url, Path dataDir, BenchBody body) throws Exception {
        EmbeddedPostgres embedded = null;
        try {
            ConnectionSettings server;
            if (url != null) {
                server = new io.partscope.core.db.ConnectionSettingsResolver(context.environment()).resolve(url, null);
            } else {
                embedded = BenchSets.startEmbedded(dataDir, line -> context.err().println(line));
                server = BenchSets.embeddedSettings(embedded);
            }
            return body.run(server);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * {@code bench tree}: tree vs the bare catalog query, in-process and as whole processes, time and heap, at several
     * partition counts, in one layout.
     */
    @Command(name = "tree", mixinStandardHelpOptions = true,
            description = "Time and heap of `tree --json` against the bare catalog query for the same rows (and a"
                    + " full one with every column tree prints): in this JVM, and as whole processes (psql against"
                    + " java -jar partscope.jar tree --json and the bin/partscope launcher).")
    public static final class Tree implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--partitions", split = ",", defaultValue = "1000,10000,50000",
                description = "Leaf partition counts to measure (default: ${DEFAULT-VALUE}).")
        List<Integer> partitions;

        @Option(names = "--runs", defaultValue = "3", description = "Timed runs per size; the median is reported.")
        int runs;

        @Option(names = "--layout", defaultValue = "two-level", paramLabel = "flat|two-level|deep",
                converter = LayoutConverter.class,
                description = "How the leaves hang under the root: flat (all under the root), two-level (children of "
                        + "up to 1,000 leaves), deep (years of 12 months of 30 days) (default: ${DEFAULT-VALUE}).")
        BenchSets.Layout layout;

        @Option(names = "--in-process-only", description = "Do not time whole processes (psql, java -jar).")
        boolean inProcessOnly;

        @Option(names = "--cli-command", paramLabel = "PATH",
                description = "The launcher to time as a whole process too, as PATH tree --json --url URL (default: "
                        + "bin/partscope of the source tree the jar was built in, when it is there).")
        Path cliCommand;

        @Option(names = "--url", description = "Use this server (superuser; creates databases bench_tree_N, "
                + "bench_tree_flat_N, bench_tree_deep_N) instead of starting an embedded one.")
        String url;

        @Option(names = "--data-dir", description = "Embedded server's data folder, kept between runs so the "
                + "partitions are created once (default: a temporary folder).")
        Path dataDir;

        public Tree(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            return onBenchServer(context, url, dataDir, server -> {
                Path cli = cliCommand != null ? cliCommand.toAbsolutePath() : TreeBenchmark.defaultCliCommand();
                if (cli != null && !java.nio.file.Files.isExecutable(cli)) {
                    context.err().println("partscope bench tree: --cli-command " + cli + " is not an executable file");
                    return 2;
                }
                TreeBenchmark bench = new TreeBenchmark(server, layout, runs, !inProcessOnly, cli,
                        line -> context.err().println(line));
                List<TreeBenchmark.Result> results = bench.run(partitions.stream().mapToInt(Integer::intValue)
                        .toArray());
                var out = context.out();
                out.println("| layout | leaf partitions | bare catalog query (ms) | tree --json (ms) | ratio "
                        + "| psql, bare query (ms) | java -jar partscope.jar tree --json (ms) | ratio "
                        + "| heap retained (MiB) | heap peak during read (MiB) | JSON size (MiB) "
                        + "| full bare query (ms) | tree / full | psql, full bare query (ms) "
                        + "| bin/partscope tree --json (ms) | / psql bare | / psql full |");
                out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                for (TreeBenchmark.Result r : results) {
                    out.println(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f "
                            + "| %.1f | %.1f | %.1f | %.0f | %.2f | %.0f | %.0f | %.2f | %.2f |", r.layout(),
                            r.partitions(), r.bareMs(), r.treeMs(), r.ratio(), r.bareProcessMs(), r.treeProcessMs(),
                            r.processRatio(), r.retainedMiB(), r.peakMiB(), r.jsonBytes() / 1048576.0, r.bareFullMs(),
                            r.fullRatio(), r.bareFullProcessMs(), r.cliProcessMs(), r.cliRatio(), r.cliFullRatio()));
                }
                out.flush();
                return 0;
            });
        }
    }

    /** {@code --layout flat|two-level|deep}, with the message picocli prints for anything else. */
    static final class LayoutConverter implements CommandLine.ITypeConverter<BenchSets.Layout> {
        @Override
        public BenchSets.Layout convert(String value) {
            try {
                return BenchSets.Layout.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * {@code bench explain}: the EXPLAIN round trip, the whole explain and Partscope's analysis, for a query that
     * scans every leaf and two that read one (pruned at plan time, and at executor start).
     */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Time, JSON size and heap of `explain` over N partitions: every leaf scanned, one leaf "
                    + "pruned at plan time, one leaf of a generic plan pruned at executor start.")
    public static final class Explain implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--partitions", split = ",", defaultValue = "1000,10000",
                description = "Leaf partition counts to measure (default: ${DEFAULT-VALUE}).")
        List<Integer> partitions;

        @Option(names = "--runs", defaultValue = "3", description = "Timed runs per query; the median is reported.")
        int runs;

        @Option(names = "--cli-command", paramLabel = "PATH",
                description = "The launcher to time as a whole process too, as PATH tree --json --url URL (default: "
                        + "bin/partscope of the source tree the jar was built in, when it is there).")
        Path cliCommand;

        @Option(names = "--url", description = "Use this server (superuser; creates databases bench_tree_N; needs "
                + "max_locks_per_transaction x max_connections above the largest partition count) instead of "
                + "starting an embedded one.")
        String url;

        @Option(names = "--data-dir", description = "Embedded server's data folder, kept between runs so the "
                + "partitions are created once; the same folder as bench tree's works (default: a temporary folder).")
        Path dataDir;

        public Explain(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            return onBenchServer(context, url, dataDir, server -> {
                ExplainBenchmark bench = new ExplainBenchmark(server, runs, line -> context.err().println(line));
                List<ExplainBenchmark.Result> results = bench.run(partitions.stream().mapToInt(Integer::intValue)
                        .toArray());
                var out = context.out();
                out.println("| leaf partitions | query | scanned | removed at executor start | EXPLAIN round trip "
                        + "(ms) | explain total (ms) | analysis (ms) | of which parsing (ms) | server JSON (MiB) | explain --json (MiB) "
                        + "| heap retained (MiB) | heap peak (MiB) |");
                out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                for (ExplainBenchmark.Result r : results) {
                    out.println(String.format(Locale.ROOT,
                            "| %,d | %s | %,d | %,d | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f |",
                            r.partitions(), r.query().label(), r.scanned(), r.removedAtExecutorStart(), r.bareMs(),
                            r.explainMs(), r.analysisMs(), r.parseMs(), r.planJsonMiB(), r.outputJsonMiB(), r.retainedMiB(),
                            r.peakMiB()));
                }
                out.flush();
                return 0;
            });
        }
    }

    /**
     * {@code bench split-default}: split a DEFAULT of N rows into P partitions under a write load; total time, the
     * time the set was locked, the longest writer stall, and the check that no committed row was lost.
     */
    @Command(name = "split-default", mixinStandardHelpOptions = true,
            description = "Split a DEFAULT partition of N rows into P monthly partitions while writers insert into"
                    + " the set (also into the months being split out) and a reader queries it: total time, time"
                    + " locked, longest writer stall, every committed row present exactly once.")
    public static final class SplitDefault implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the DEFAULT (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--partitions", defaultValue = "10",
                description = "Monthly partitions the rows spread over (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--writers", defaultValue = "2", description = "Writer threads (default: ${DEFAULT-VALUE}).")
        int writers;

        @Option(names = "--copy-ahead-rows", split = ",", defaultValue = "0,50000",
                description = "op split-default's --copy-ahead-rows; several values run once each (0: copy-ahead"
                        + " off) (default: ${DEFAULT-VALUE}).")
        List<Long> copyAheadRows;

        @Option(names = "--cli-command", paramLabel = "PATH",
                description = "The launcher to time as a whole process too, as PATH tree --json --url URL (default: "
                        + "bin/partscope of the source tree the jar was built in, when it is there).")
        Path cliCommand;

        @Option(names = "--url", description = "Use this server (superuser; creates database bench_split) instead of "
                + "starting an embedded one.")
        String url;

        @Option(names = "--data-dir", description = "Embedded server's data folder (default: a temporary folder).")
        Path dataDir;

        public SplitDefault(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            if (rows < 1 || partitions < 1 || writers < 1) {
                context.err().println("partscope bench split-default: --rows, --partitions and --writers must be at"
                        + " least 1");
                return 2;
            }
            return onBenchServer(context, url, dataDir, server -> {
                SplitDefaultBenchmark bench = new SplitDefaultBenchmark(server, line -> context.err().println(line));
                var out = context.out();
                out.println("| rows in the DEFAULT | new partitions | writers | copied ahead | total (s) | set locked"
                        + " against writers (ms, sum) | longest lock (ms) | estimated (ms) | longest writer stall (ms)"
                        + " | rows written meanwhile | writer errors | every committed row once |");
                out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
                boolean allOk = true;
                for (long copy : copyAheadRows) {
                    SplitDefaultBenchmark.Result r = bench.run(rows, partitions, writers, copy);
                    out.println(String.format(Locale.ROOT, "| %,d | %d | %d | %d of %d | %.1f | %,d | %,d | %,d | %,d"
                            + " | %,d | %d | %s |", r.rows(), r.partitions(), r.writers(), r.copiedAhead(),
                            r.partitions(), r.totalMillis() / 1000.0, r.lockedMillis(), r.longestLockMillis(),
                            r.estimatedLockMillis(), r.longestStallMillis(), r.writerRows(), r.writerErrors(),
                            r.ok() ? "yes" : "NO: " + r.check()));
                    out.flush();
                    context.err().println("verification: " + r.verification());
                    allOk &= r.ok();
                }
                out.flush();
                return allOk ? 0 : 1;
            });
        }
    }
}
