package io.partscope.core.ops.detach;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.bench.WriteLoad;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.ops.Blocker;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationListener;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.WaitProbe;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DETACH under a live write load: two writers insert continuously into the set (into the months that stay
 * attached: rows for the detached month would have no partition afterwards, which is the point of detaching it)
 * and a reader counts the set, while the oldest month is detached. Afterwards every committed row is present
 * exactly once (the set and the detached table counted together), no writer and no reader saw an error, and the
 * longest writer stall is printed (measured, not asserted).
 */
class DetachUnderLoadIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final RelationName SET = new RelationName("Load Schema", "Events");
    private static final RelationName JAN = new RelationName("Load Schema", "Events 2025-01");
    private static final String SET_SQL = "\"Load Schema\".\"Events\"";

    private String db;
    private Database database;

    @BeforeEach
    void setUp() throws Exception {
        db = PG.newDatabase("detachload");
        PG.exec(db, "CREATE SCHEMA \"Load Schema\"",
                "CREATE TABLE " + SET_SQL + " (id bigint NOT NULL, at timestamptz NOT NULL, note text DEFAULT 'w')"
                        + " PARTITION BY RANGE (at)");
        String[] months = {"2025-01", "2025-02", "2025-03", "2025-04", "2025-05"};
        for (int i = 0; i + 1 < months.length; i++) {
            PG.exec(db, "CREATE TABLE \"Load Schema\".\"Events " + months[i] + "\" PARTITION OF " + SET_SQL
                    + " FOR VALUES FROM ('" + months[i] + "-01 00:00+00') TO ('" + months[i + 1] + "-01 00:00+00')");
        }
        PG.exec(db, "CREATE INDEX ON " + SET_SQL + " (id)",
                "INSERT INTO " + SET_SQL + " (id, at) SELECT g, timestamptz '2025-01-01 00:00+00' + g * interval '1 min'"
                        + " FROM generate_series(1, 20000) g",
                "ANALYZE " + SET_SQL);
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private WriteLoad startLoad() throws Exception {
        return WriteLoad.builder(PG.superuserSettings(db))
                .into(SET, "id", "at", WriteLoad.KeyGenerator.timestamps(
                        Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-05-01T00:00:00Z")))
                .reader("SELECT count(*) FROM " + SET_SQL)
                .writers(2).firstId(1_000_000).start();
    }

    private void assertNothingLost(WriteLoad.Summary s, String what) throws Exception {
        System.out.println("DetachUnderLoadIT (PostgreSQL " + PG.major() + ", " + what + "): " + s.describe());
        assertThat(s.writerErrors()).as("writer errors").isEmpty();
        assertThat(s.readerErrors()).as("reader errors").isEmpty();
        assertThat(s.inserts()).isPositive();
        try (Connection c = PG.superuserConnection(db)) {
            WriteLoad.CheckResult r = WriteLoad.check(c, "id", List.of(SET, JAN), s);
            assertThat(r.ok()).as(r.toString()).isTrue();
        }
        assertThat(PG.queryString(db, "SELECT count(*) FROM \"Load Schema\".\"Events 2025-01\"")).isEqualTo("20000");
        assertThat(PG.queryString(db, "SELECT count(*) FROM pg_inherits WHERE inhrelid ="
                + " '\"Load Schema\".\"Events 2025-01\"'::regclass")).isEqualTo("0");
    }

    @Test
    void concurrentlyWhileAReportHoldsTheSetOpenLosesNothingAndBlocksNoWriter() throws Exception {
        WriteLoad load = startLoad();
        try {
            load.awaitMoreRows(200, Duration.ofSeconds(60));
            Connection report = PG.superuserConnection(db);
            report.setAutoCommit(false);
            try (Statement s = report.createStatement()) {
                s.executeQuery("SELECT count(*) FROM " + SET_SQL).close();
            }
            AtomicBoolean waiting = new AtomicBoolean();
            OperationListener listener = new OperationListener() {
                @Override
                public void blockers(int stepIndex, List<Blocker> blockers) {
                    if (!blockers.isEmpty()) {
                        waiting.set(true);
                    }
                }
            };
            DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(new DetachPlanner.Request(
                    JAN.qualified(), true, new Aftermath.Keep(), false), null);
            OperationRunner runner = new OperationRunner(database, ExecutionOptions.DEFAULTS, listener,
                    new Cancellation()).progressProbe(new WaitProbe());
            CompletableFuture<OperationOutcome> run = CompletableFuture.supplyAsync(() -> runner.run(plan.plan()));
            for (int i = 0; i < 600 && !waiting.get(); i++) {
                Thread.sleep(100);
            }
            assertThat(waiting).as("the detach waits for the report").isTrue();
            long before = load.committedSoFar();
            load.awaitMoreRows(200, Duration.ofSeconds(60));
            assertThat(load.committedSoFar()).as("writers go on while the detach waits").isGreaterThan(before);
            assertThat(run).isNotDone();
            report.commit();
            report.close();
            OperationOutcome outcome = run.get(120, TimeUnit.SECONDS);
            assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
            load.awaitMoreRows(200, Duration.ofSeconds(60));
        } finally {
            assertNothingLost(load.stop(), "DETACH CONCURRENTLY");
        }
    }

    @Test
    void plainDetachLosesNothingAndTheWritersStallIsMeasured() throws Exception {
        WriteLoad load = startLoad();
        try {
            load.awaitMoreRows(200, Duration.ofSeconds(60));
            DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(new DetachPlanner.Request(
                    JAN.qualified(), false, new Aftermath.Keep(), false), null);
            OperationOutcome outcome = new OperationRunner(database, ExecutionOptions.DEFAULTS, null, null)
                    .run(plan.plan());
            assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
            load.awaitMoreRows(200, Duration.ofSeconds(60));
        } finally {
            assertNothingLost(load.stop(), "plain DETACH");
        }
    }
}
