package io.partscope.cli.bench;

import io.partscope.core.bench.WriteLoad;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.StepOutcome;
import io.partscope.core.ops.split.SplitAnalysis;
import io.partscope.core.ops.split.SplitDefaultPlanner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code bench split-default}: splits a DEFAULT partition of N rows into P monthly partitions while a write load
 * (WriteLoad: writers inserting into an existing partition, into the months being split out and into a range that
 * stays in the DEFAULT; one reader counting the set) runs, and reports the total time, the time the set was locked
 * against writers, the longest writer stall, and the proof that no committed row was lost or duplicated.
 *
 * <p>Database {@value #DB}, set {@code public.bench_split (id bigint, at timestamptz, note text, PRIMARY KEY (id,
 * at))} with one partition (2024-01) and a DEFAULT holding N rows spread evenly over the P months after it;
 * recreated for every run.
 */
public final class SplitDefaultBenchmark {
    public static final String DB = "bench_split";
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    /** One run's figures. */
    public record Result(long rows, int partitions, int writers, long copyAheadRows, int copiedAhead,
            long totalMillis, long lockedMillis, long longestLockMillis, long estimatedLockMillis,
            long longestStallMillis, long writerRows, int writerErrors, int readerErrors, long reads,
            String verification, String check, boolean ok) {
    }

    private final ConnectionSettings server;
    private final Consumer<String> progress;

    public SplitDefaultBenchmark(ConnectionSettings server, Consumer<String> progress) {
        this.server = server;
        this.progress = progress;
    }

    public Result run(long rows, int partitions, int writers, long copyAheadRows)
            throws PartscopeException, SQLException {
        prepare(rows, partitions);
        ConnectionSettings settings = server.withDatabase(DB);
        try (Database db = Database.open(settings, DatabaseOptions.DEFAULTS.withStatementTimeout(Duration.ZERO))) {
            OperationPlan plan = new SplitDefaultPlanner(db).plan("public.bench_split",
                    new SplitDefaultPlanner.Request(null, copyAheadRows), false, new Cancellation());
            if (plan.refused()) {
                throw new IllegalStateException("the plan was refused: " + plan.preflight());
            }
            SplitAnalysis analysis = SplitDefaultPlanner.analysis(plan).orElseThrow();
            progress.accept(plan.summary());
            Instant end = START.atZone(ZoneOffset.UTC).plusMonths(partitions + 1).toInstant();
            WriteLoad load = WriteLoad.builder(settings)
                    .into(new RelationName("public", "bench_split"), "id", "at", WriteLoad.KeyGenerator.timestamps(
                            START, START.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(),
                            START.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(), end,
                            Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z")))
                    .reader("SELECT count(*) FROM public.bench_split WHERE at >= '2024-03-01' AND at < '2024-03-02'")
                    .writers(writers).firstId(1_000_000_000L).start();
            OperationOutcome outcome;
            long t0 = System.nanoTime();
            try {
                Thread.sleep(1000);
                t0 = System.nanoTime();
                outcome = new OperationRunner(db, ExecutionOptions.DEFAULTS, new io.partscope.core.ops.OperationListener() {
                    @Override
                    public void stepFinished(int index, StepOutcome o) {
                        progress.accept(String.format(Locale.ROOT, "step %d/%d %s: %s in %d ms (statements: %s ms)",
                                index + 1, plan.steps().size(), o.title(), o.status().json(), o.millis(),
                                o.statementMillis()));
                    }
                }, new Cancellation()).run(plan);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                long total = System.nanoTime() - t0;
                progress.accept(String.format(Locale.ROOT, "split done in %d ms", total / 1_000_000));
            }
            long totalMillis = (System.nanoTime() - t0) / 1_000_000;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            WriteLoad.Summary summary = load.stop();
            progress.accept(summary.describe());
            long locked = 0;
            long longestLock = 0;
            for (int i = 0; i < outcome.steps().size(); i++) {
                Step step = plan.steps().get(i);
                if (step.statements().stream().anyMatch(s -> s.startsWith("LOCK TABLE"))) {
                    long ms = lockedMillis(step, outcome.steps().get(i));
                    locked += ms;
                    longestLock = Math.max(longestLock, ms);
                }
            }
            String check;
            boolean checkOk;
            try (Connection c = db.dedicatedConnection()) {
                WriteLoad.CheckResult r = WriteLoad.check(c, "id", List.of(new RelationName("public", "bench_split")),
                        summary);
                check = r.toString();
                checkOk = r.ok();
            }
            String verification = String.join("; ", outcome.verification().stream().map(Check::message).toList());
            boolean ok = outcome.status() == OperationOutcome.Status.SUCCEEDED && checkOk
                    && summary.writerErrors().isEmpty() && summary.readerErrors().isEmpty();
            if (!ok) {
                progress.accept("NOT OK: " + outcome.message() + " / " + summary.writerErrors());
            }
            int copied = (int) analysis.groups().stream().filter(SplitAnalysis.Group::copyAhead).count();
            return new Result(rows, partitions, writers, copyAheadRows, copied, totalMillis, locked, longestLock,
                    analysis.lockMillisEstimate(), summary.longestStall().toMillis(), summary.inserts(),
                    summary.writerErrors().size(), summary.readerErrors().size(), summary.reads(), verification, check,
                    ok);
        }
    }

    /** The locked part of a move step: from its LOCK TABLE to its commit (the statements before run unlocked). */
    private static long lockedMillis(Step step, StepOutcome outcome) {
        List<Long> each = outcome.statementMillis();
        int lock = -1;
        for (int i = 0; i < step.statements().size(); i++) {
            if (step.statements().get(i).startsWith("LOCK TABLE")) {
                lock = i;
                break;
            }
        }
        if (lock < 0 || each.size() < step.statements().size()) {
            return outcome.millis();
        }
        long sum = 0;
        for (int i = lock; i < each.size(); i++) {
            sum += each.get(i);
        }
        return sum;
    }

    private void prepare(long rows, int partitions) throws PartscopeException, SQLException {
        try (Database admin = Database.open(server, DatabaseOptions.DEFAULTS);
                Connection c = admin.connection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DB);
                }
            }
        }
        try (Database db = Database.open(server.withDatabase(DB), DatabaseOptions.DEFAULTS
                .withStatementTimeout(Duration.ZERO)); Connection c = db.connection(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("DROP TABLE IF EXISTS public.bench_split");
            s.execute("CREATE TABLE public.bench_split (id bigint NOT NULL, at timestamptz NOT NULL, note text,"
                    + " PRIMARY KEY (id, at)) PARTITION BY RANGE (at)");
            s.execute("CREATE TABLE public.bench_split_2024_01 PARTITION OF public.bench_split"
                    + " FOR VALUES FROM ('2024-01-01 00:00+00') TO ('2024-02-01 00:00+00')");
            s.execute("CREATE TABLE public.bench_split_default PARTITION OF public.bench_split DEFAULT");
            // N rows spread evenly over the P months after January (UTC), plus some January rows in their partition
            s.execute("INSERT INTO public.bench_split (id, at, note) SELECT g, timestamptz '2024-02-01 00:00+00'"
                    + " + ((g % " + partitions + ") || ' months')::interval + ((g / " + partitions + ") % 600"
                    + " || ' hours')::interval, 'row ' || g FROM generate_series(1, " + rows + ") g");
            s.execute("INSERT INTO public.bench_split (id, at, note) SELECT " + rows + " + g, timestamptz"
                    + " '2024-01-01 00:00+00' + (g % 700 || ' hours')::interval, 'jan' FROM generate_series(1, 10000) g");
            s.execute("VACUUM ANALYZE public.bench_split");
            progress.accept(String.format(Locale.ROOT, "%s: bench_split with %,d rows in its DEFAULT made in %.0f s",
                    DB, rows, (System.nanoTime() - t0) / 1e9));
        }
    }
}
