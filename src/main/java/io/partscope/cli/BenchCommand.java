package io.partscope.cli;

import io.partscope.cli.bench.TreeBenchmark;
import io.partscope.core.bench.BenchSets;
import io.partscope.core.db.ConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partscope bench tree}: the performance figures in docs/performance.md, rerunnable. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchCommand.Tree.class,
        description = "Benchmarks (figures for docs/performance.md).")
public final class BenchCommand implements Callable<Integer> {
    private final CliContext context;

    public BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.err().println("partscope bench: name a benchmark, e.g. partscope bench tree --partitions 1000,10000");
        return 2;
    }

    /** {@code bench tree}: tree vs the bare catalog query, time and heap, at several partition counts. */
    @Command(name = "tree", mixinStandardHelpOptions = true,
            description = "Time and heap of `tree --json` against the bare catalog query for the same rows.")
    public static final class Tree implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--partitions", split = ",", defaultValue = "1000,10000,50000",
                description = "Leaf partition counts to measure (default: ${DEFAULT-VALUE}).")
        List<Integer> partitions;

        @Option(names = "--runs", defaultValue = "3", description = "Timed runs per size; the median is reported.")
        int runs;

        @Option(names = "--url", description = "Use this server (superuser; creates databases bench_N) instead of "
                + "starting an embedded one.")
        String url;

        @Option(names = "--data-dir", description = "Embedded server's data folder, kept between runs so the "
                + "partitions are created once (default: a temporary folder).")
        Path dataDir;

        public Tree(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            EmbeddedPostgres embedded = null;
            try {
                ConnectionSettings server;
                if (url != null) {
                    server = new io.partscope.core.db.ConnectionSettingsResolver(context.environment())
                            .resolve(url, null);
                } else {
                    embedded = BenchSets.startEmbedded(dataDir, line -> context.err().println(line));
                    server = BenchSets.embeddedSettings(embedded);
                }
                TreeBenchmark bench = new TreeBenchmark(server, runs, line -> context.err().println(line));
                List<TreeBenchmark.Result> results = bench.run(partitions.stream().mapToInt(Integer::intValue)
                        .toArray());
                var out = context.out();
                out.println("| leaf partitions | bare catalog query (ms) | tree --json (ms) | ratio | heap retained "
                        + "(MiB) | heap peak during read (MiB) | JSON size (MiB) |");
                out.println("|---:|---:|---:|---:|---:|---:|---:|");
                for (TreeBenchmark.Result r : results) {
                    out.println(String.format(Locale.ROOT, "| %,d | %.0f | %.0f | %.2f | %.1f | %.1f | %.1f |",
                            r.partitions(), r.bareMs(), r.treeMs(), r.ratio(), r.retainedMiB(), r.peakMiB(),
                            r.jsonBytes() / 1048576.0));
                }
                out.flush();
                return 0;
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }
}
