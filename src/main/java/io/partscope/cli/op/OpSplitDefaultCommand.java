package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.CtrlC;
import io.partscope.cli.ConnectionOptions;
import io.partscope.core.db.Database;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.split.SplitAnalysis;
import io.partscope.core.ops.split.SplitDefaultPlanner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code partscope op split-default}: moves the rows of a set's DEFAULT partition into new partitions of their own
 * (one per interval of a range set, one per value of a list set), each in one short transaction that blocks the
 * set's writers (not its readers), so every row stays visible and no writer fails.
 */
@Command(name = "split-default", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Split the DEFAULT partition: analyse which partitions its rows belong to, create them, move"
                + " the rows and attach each one in a short transaction under lock_timeout; VACUUM the DEFAULT and"
                + " ANALYZE the parent. Rows with no partition of their own (a NULL key, a range overlapping an"
                + " existing partition) stay.",
        footer = {"", "Examples:",
            "  partscope op split-default --url URL --table sales.orders --dry-run",
            "  partscope op split-default --url URL --table public.events --interval month --yes"})
public final class OpSplitDefaultCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OpOptions op;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.PARENT",
            description = "The partition set's root, as SQL writes it (\"Odd Schema\".\"My Events\").")
    String table;

    @Option(names = "--interval", paramLabel = "I",
            description = "RANGE: hour, day, week, month, quarter, year or an integer step (default: the set's,"
                    + " detected from its bounds).")
    String interval;

    @Option(names = "--copy-ahead-rows", paramLabel = "N", defaultValue = "" + SplitDefaultPlanner.COPY_AHEAD_ROWS,
            description = "New partitions of at least N rows are copied before the lock, and only the changes since"
                    + " are applied under it (sets with a primary key). 0 (the default) turns it off: measured, it"
                    + " does not shorten the lock (docs/performance.md).")
    long copyAheadRows;

    public OpSplitDefaultCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (copyAheadRows < 0) {
            throw new ParameterException(spec.commandLine(), "--copy-ahead-rows must be 0 (off) or more");
        }
        ExecutionOptions execution = op.execution(spec);
        SplitDefaultPlanner.Request request = new SplitDefaultPlanner.Request(interval, copyAheadRows);
        try (Database db = connection.open(context.environment())) {
            OperationPlan plan = CtrlC.cancels(context, c -> new SplitDefaultPlanner(db).plan(table, request, connection.readOnly(), c));
            Optional<SplitAnalysis> analysis = SplitDefaultPlanner.analysis(plan);
            if (!op.json() && analysis.isPresent() && !analysis.get().defaultPartition().isEmpty()) {
                printAnalysis(context.out(), analysis.get());
            }
            return new OpFlow(context, op).run(db, plan, execution, null,
                    (doc, outcome) -> analysis.ifPresent(a -> doc.put("analysis", json(a))), null);
        }
    }

    static void printAnalysis(PrintWriter out, SplitAnalysis a) {
        out.printf(Locale.ROOT, "%s: %,d rows, %s (row counts exact; sizes estimated as each group's share)%n",
                a.defaultPartition(), a.defaultRows(), bytes(a.defaultBytes()));
        if (!a.groups().isEmpty()) {
            out.println("New partitions:");
            int width = a.groups().stream().mapToInt(g -> g.name().length()).max().orElse(4);
            for (SplitAnalysis.Group g : a.groups()) {
                out.printf(Locale.ROOT, "  %-" + width + "s  %,12d rows  %10s  lock ~%s%s  %s%n", g.name(), g.rows(),
                        bytes(g.bytesEstimate()), ms(g.lockMillisEstimate()), g.copyAhead() ? " (copied ahead)" : "",
                        g.bound().replaceFirst("^FOR VALUES ", ""));
            }
        }
        for (SplitAnalysis.Stay s : a.stay()) {
            out.printf(Locale.ROOT, "Stay in the DEFAULT: %,d rows: %s%n", s.rows(), s.reason());
        }
        if (!a.groups().isEmpty()) {
            out.printf(Locale.ROOT, "Writers of the set wait about %s in all (one short lock per new partition;"
                    + " readers continue).%n", ms(a.lockMillisEstimate()));
        }
        out.println();
    }

    private static String ms(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f kB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1024.0 / 1024);
        }
        return String.format(Locale.ROOT, "%.1f GB", b / 1024.0 / 1024 / 1024);
    }

    private static Map<String, Object> json(SplitAnalysis a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("default_partition", a.defaultPartition());
        m.put("default_rows", a.defaultRows());
        m.put("default_bytes", a.defaultBytes());
        m.put("grouping", a.grouping());
        m.put("counts", "exact");
        m.put("sizes", "estimated");
        m.put("lock_ms_estimate", a.lockMillisEstimate());
        m.put("partitions", a.groups().stream().map(g -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", g.name());
            p.put("bound", g.bound());
            p.put("rows", g.rows());
            p.put("bytes_estimate", g.bytesEstimate());
            p.put("copy_ahead", g.copyAhead());
            p.put("lock_ms_estimate", g.lockMillisEstimate());
            return p;
        }).toList());
        m.put("stay", a.stay().stream().map(s -> Map.of("reason", s.reason(), "rows", s.rows())).toList());
        return m;
    }
}
