package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One operation at a time per partition set: the second is refused before its first step with who holds the set
 * (pid, application, since when); another set runs meanwhile; the journal has each run's started and step lines.
 */
class OperationLockIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final ExecutionOptions FAST = new ExecutionOptions(Duration.ofMillis(200), 2,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ZERO);
    private static String db;
    private static Database database;

    @TempDir
    Path temp;

    @BeforeAll
    static void setUp() throws Exception {
        db = PG.newDatabase("oplock");
        PG.exec(db, "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE orders (id bigint, country text) PARTITION BY LIST (country)",
                "CREATE TABLE orders_nl PARTITION OF orders FOR VALUES IN ('NL')",
                "CREATE TABLE gate (id int)");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    private static OperationPlan plan(String target, Step... steps) {
        return new OperationPlan("test", target, "test plan on " + target, List.of(), List.of(steps),
                Verifier.none());
    }

    /** A step that waits, without a lock timeout, until the test lets go of the gate table. */
    private static Step waitAtTheGate() {
        return new Step("Wait at the gate", List.of("LOCK TABLE gate IN ACCESS SHARE MODE"), true, List.of(), false,
                Duration.ZERO);
    }

    private static Step create(String sql) {
        return Step.inTransaction("Create", List.of(sql), List.of());
    }

    @Test
    void aSecondOperationOnTheSameSetIsRefusedWithTheHolderAndAnotherSetRunsMeanwhile() throws Exception {
        Journal journal = new Journal(temp.resolve("journal.jsonl"));
        CompletableFuture<OperationOutcome> first;
        OperationRunner firstRunner = new OperationRunner(database, FAST, null, null).journal(journal);
        try (TestPostgres.HeldLock gate = PG.holdAccessExclusiveLock(db, "gate")) {
            first = CompletableFuture.supplyAsync(() -> firstRunner.run(plan("public.events", waitAtTheGate(),
                    create("CREATE TABLE events_2025_02 PARTITION OF events"
                            + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')"))));
            PG.awaitTrue(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LOCK TABLE gate%'"
                    + " AND wait_event_type = 'Lock')");
            int firstPid = Integer.parseInt(PG.queryString(db, "SELECT pid FROM pg_stat_activity"
                    + " WHERE query LIKE 'LOCK TABLE gate%' AND wait_event_type = 'Lock'"));

            // Same set, named through its partition (a detach's target): refused, nothing ran.
            OperationOutcome second = new OperationRunner(database, FAST, null, null).journal(journal)
                    .run(plan("public.events_2025_01", create("CREATE TABLE events_2025_03 PARTITION OF events"
                            + " FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')")));
            assertThat(second.status()).isEqualTo(OperationOutcome.Status.REFUSED);
            assertThat(second.errorKind()).isEqualTo(ErrorKind.OPERATION_REFUSED);
            assertThat(second.steps()).extracting(StepOutcome::status).containsExactly(StepOutcome.Status.SKIPPED);
            assertThat(second.message())
                    .startsWith("nothing was changed: another operation is running on the partition set"
                            + " public.events")
                    .contains("held by server pid " + firstPid)
                    .contains("application \"partscope\"")
                    .contains("its session since ")
                    .contains("LOCK TABLE gate IN ACCESS SHARE MODE")
                    .contains("the journal has test of public.events started ")
                    .contains("by process " + ProcessHandle.current().pid())
                    .contains("SELECT pg_cancel_backend(" + firstPid + ")");
            assertThat(PG.queryString(db, "SELECT to_regclass('events_2025_03') IS NULL")).isEqualTo("t");

            // Another set is not held up.
            OperationOutcome other = new OperationRunner(database, FAST, null, null).journal(journal)
                    .run(plan("public.orders", create("CREATE TABLE orders_de PARTITION OF orders"
                            + " FOR VALUES IN ('DE')")));
            assertThat(other.status()).as(other.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
            assertThat(first).isNotDone();
        }
        OperationOutcome firstOutcome = first.get();
        assertThat(firstOutcome.status()).as(firstOutcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);

        // Released at the end: the same set may run again.
        OperationOutcome again = new OperationRunner(database, FAST, null, null).journal(journal)
                .run(plan("public.events", create("CREATE TABLE events_2025_03 PARTITION OF events"
                        + " FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')")));
        assertThat(again.status()).as(again.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(PG.queryString(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");

        // The journal: each executed run has started, step and finished lines under its run id; the refused one
        // only its finished line; read() still gives one entry per run.
        List<JournalEntry> lines = journal.lines();
        String firstId = firstRunner.runId();
        assertThat(lines.stream().filter(l -> firstId.equals(l.runId())).map(JournalEntry::type))
                .containsExactly("started", "step", "step", "finished");
        JournalEntry started = lines.stream().filter(l -> firstId.equals(l.runId())).findFirst().orElseThrow();
        assertThat(started.partitionSet()).isEqualTo("public.events");
        assertThat(started.process().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(started.serverPid()).isPositive();
        assertThat(started.serverBackendStart()).isNotNull();
        assertThat(started.steps()).extracting(JournalEntry.StepRecord::title)
                .containsExactly("Wait at the gate", "Create");
        assertThat(started.options().lockTimeoutMillis()).isEqualTo(200);
        assertThat(journal.read()).extracting(JournalEntry::outcome)
                .containsExactly("refused", "succeeded", "succeeded", "succeeded");
    }

    @Test
    void aHolderThatIsNotPartscopeIsNamedToo() throws Exception {
        try (Connection other = PG.superuserConnection(db); Statement s = other.createStatement()) {
            s.execute("SET application_name = 'nightly-maintenance'");
            s.execute("SELECT pg_advisory_lock(" + OperationLock.CLASS_ID + ", 'orders'::regclass::oid::bigint::int)");
            int pid = Integer.parseInt(PG.queryString(db, "SELECT pid FROM pg_stat_activity"
                    + " WHERE application_name = 'nightly-maintenance'"));
            OperationOutcome refused = new OperationRunner(database, FAST, null, null)
                    .run(plan("public.orders_nl", create("CREATE TABLE orders_fr PARTITION OF orders"
                            + " FOR VALUES IN ('FR')")));
            assertThat(refused.status()).isEqualTo(OperationOutcome.Status.REFUSED);
            assertThat(refused.message()).contains("held by server pid " + pid)
                    .contains("application \"nightly-maintenance\"").contains("user postgres");
        }
    }
}
