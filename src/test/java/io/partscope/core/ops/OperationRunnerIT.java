package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on a real server: lock timeouts and retries with writers flowing, failures, cancel, autocommit. */
class OperationRunnerIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final ExecutionOptions FAST = new ExecutionOptions(Duration.ofMillis(200), 10,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ZERO);
    private static String db;
    private static Database database;

    @TempDir
    Path temp;

    @BeforeAll
    static void setUp() throws Exception {
        db = PG.newDatabase("runner");
        PG.exec(db, "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "INSERT INTO events SELECT g, date '2025-01-01' + (g % 59) FROM generate_series(1, 1000) g");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    private static OperationPlan plan(Step... steps) {
        return new OperationPlan("test", "public.events", "test plan", List.of(), List.of(steps), Verifier.none());
    }

    private static boolean exists(String table) {
        return "t".equals(PG.queryString(db, "SELECT to_regclass('" + table + "') IS NOT NULL"));
    }

    private static final List<LockNote> PARENT_LOCK = List.of(
            new LockNote("public.events", LockMode.ACCESS_EXCLUSIVE, "CREATE TABLE ... PARTITION OF"));

    /** Inserts into events_2025_01 (not the locked parent) until stopped, counting rows and failures. */
    private static final class Writer implements AutoCloseable {
        final AtomicInteger rows = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;

        Writer() {
            thread = new Thread(() -> {
                try (Connection c = PG.superuserConnection(db);
                        PreparedStatement p = c.prepareStatement(
                                "INSERT INTO events_2025_01 VALUES (?, date '2025-01-15')")) {
                    while (!stop.get()) {
                        p.setLong(1, 100_000 + rows.get());
                        p.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "writer");
            thread.start();
        }

        void awaitMoreThan(int count) throws InterruptedException {
            while (rows.get() <= count && failure.get() == null) {
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    @Test
    void lockTimeoutRetriesUntilTheBlockingTransactionEndsWhileWritersKeepFlowing() throws Exception {
        Step create = Step.inTransaction("Create events_2025_03", List.of(
                "CREATE TABLE public.events_2025_03 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')"), PARENT_LOCK);
        List<String> reasons = Collections.synchronizedList(new ArrayList<>());
        TestPostgres.HeldLock held = null;
        try (Writer writer = new Writer()) {
            writer.awaitMoreThan(0);
            Connection blocker = PG.superuserConnection(db);
            blocker.setAutoCommit(false);
            int blockerPid;
            try (Statement s = blocker.createStatement()) {
                // A long transaction that read the parent: its ACCESS SHARE lock blocks the DDL, not the writer.
                s.execute("LOCK TABLE ONLY public.events IN ACCESS SHARE MODE");
                try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    blockerPid = rs.getInt(1);
                }
            }
            int[] rowsAtFirstRetry = {-1};
            OperationListener listener = new OperationListener() {
                @Override
                public void retrying(int stepIndex, int attempt, String reason, Duration backoff) {
                    reasons.add(reason);
                    try {
                        if (rowsAtFirstRetry[0] < 0) {
                            rowsAtFirstRetry[0] = writer.rows.get();
                        } else if (attempt == 3) {
                            // The writer went on while the DDL waited and retried; now the long transaction ends.
                            writer.awaitMoreThan(rowsAtFirstRetry[0]);
                            blocker.rollback();
                            blocker.close();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            OperationOutcome outcome = new OperationRunner(database, FAST, listener, null).run(plan(create));

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
            assertThat(outcome.steps().get(0).attempts()).isEqualTo(3);
            assertThat(reasons).hasSize(2);
            assertThat(reasons.get(0)).contains("lock not granted within 200 ms")
                    .contains("ACCESS EXCLUSIVE on public.events")
                    .contains("held by pid " + blockerPid + " (AccessShareLock on public.events, idle in transaction");
            assertThat(exists("public.events_2025_03")).isTrue();
            int before = writer.rows.get();
            writer.awaitMoreThan(before);
            assertThat(writer.failure.get()).isNull();
            assertThat(writer.rows.get()).isGreaterThan(rowsAtFirstRetry[0]);
        } finally {
            PG.exec(db, "DROP TABLE IF EXISTS public.events_2025_03");
        }
    }

    @Test
    void exhaustedRetriesFailTheOperationWithNothingHalfDone() throws Exception {
        Step first = Step.inTransaction("Create a side table", List.of("CREATE TABLE public.side_done (id int)"),
                List.of());
        Step second = Step.inTransaction("Attach events_2025_04", List.of(
                "CREATE TABLE public.events_2025_04 (id bigint, at date NOT NULL)",
                "ALTER TABLE public.events ATTACH PARTITION public.events_2025_04"
                        + " FOR VALUES FROM ('2025-04-01') TO ('2025-05-01')"), PARENT_LOCK);
        Step third = Step.inTransaction("Never runs", List.of("CREATE TABLE public.side_never (id int)"), List.of());
        try (TestPostgres.HeldLock lock = PG.holdAccessExclusiveLock(db, "ONLY public.events")) {
            OperationOutcome outcome = new OperationRunner(database, FAST.withRetries(2), null, null)
                    .run(plan(first, second, third));

            assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.FAILED);
            assertThat(outcome.errorKind()).isEqualTo(ErrorKind.QUERY_CANCELLED);
            assertThat(outcome.message()).contains("step 2 of 3").contains("Attach events_2025_04")
                    .contains("no lock after 3 attempts").contains("this step was rolled back")
                    .contains("step 1 is done").contains("steps 3-3 did not run");
            assertThat(outcome.steps()).extracting(StepOutcome::status).containsExactly(StepOutcome.Status.DONE,
                    StepOutcome.Status.FAILED, StepOutcome.Status.SKIPPED);
            assertThat(outcome.steps().get(1).attempts()).isEqualTo(3);
            assertThat(outcome.steps().get(1).sqlState()).isEqualTo("55P03");
        } finally {
            assertThat(exists("public.side_done")).isTrue();
            assertThat(exists("public.events_2025_04")).as("the failed step's CREATE TABLE rolled back").isFalse();
            assertThat(exists("public.side_never")).isFalse();
            PG.exec(db, "DROP TABLE IF EXISTS public.side_done");
        }
    }

    @Test
    void cancelBetweenStepsStopsCleanly() {
        Cancellation cancellation = new Cancellation();
        OperationListener listener = new OperationListener() {
            @Override
            public void stepFinished(int index, StepOutcome outcome) {
                cancellation.cancel();
            }
        };
        OperationOutcome outcome = new OperationRunner(database, FAST, listener, cancellation).run(plan(
                Step.inTransaction("one", List.of("CREATE TABLE public.cancel_one (id int)"), List.of()),
                Step.inTransaction("two", List.of("CREATE TABLE public.cancel_two (id int)"), List.of())));

        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.CANCELLED);
        assertThat(outcome.message()).contains("cancelled before step 2 of 2").contains("step 1 is done");
        assertThat(outcome.steps()).extracting(StepOutcome::status)
                .containsExactly(StepOutcome.Status.DONE, StepOutcome.Status.SKIPPED);
        assertThat(exists("public.cancel_one")).isTrue();
        assertThat(exists("public.cancel_two")).isFalse();
        PG.exec(db, "DROP TABLE public.cancel_one");
    }

    @Test
    void cancelDuringAStatementCancelsItOnTheServer() throws Exception {
        Cancellation cancellation = new Cancellation();
        Thread canceller = new Thread(() -> {
            PG.awaitTrue(db, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(600)%'"
                    + " AND state = 'active')");
            cancellation.cancel();
        });
        canceller.start();
        OperationOutcome outcome = new OperationRunner(database, FAST, null, cancellation).run(plan(
                Step.inTransaction("create", List.of("CREATE TABLE public.cancel_mid (id int)",
                        "SELECT pg_sleep(600)"), List.of()),
                Step.inTransaction("after", List.of("CREATE TABLE public.cancel_after (id int)"), List.of())));
        canceller.join();

        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.CANCELLED);
        assertThat(outcome.message()).contains("cancelled during step 1").contains("rolled back");
        assertThat(outcome.steps()).extracting(StepOutcome::status)
                .containsExactly(StepOutcome.Status.CANCELLED, StepOutcome.Status.SKIPPED);
        assertThat(exists("public.cancel_mid")).isFalse();
        assertThat(exists("public.cancel_after")).isFalse();
    }

    @Test
    void vacuumRunsAsAnAutocommitStepAndFailsInATransaction() {
        OperationOutcome ok = new OperationRunner(database, FAST, null, null).run(plan(
                Step.autocommit("vacuum", "VACUUM (FREEZE) public.events_2025_02", List.of())));
        assertThat(ok.status()).as(ok.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);

        OperationOutcome bad = new OperationRunner(database, FAST, null, null).run(plan(
                Step.inTransaction("vacuum in a transaction", List.of("VACUUM public.events_2025_02"), List.of())));
        assertThat(bad.status()).isEqualTo(OperationOutcome.Status.FAILED);
        assertThat(bad.steps().get(0).sqlState()).isEqualTo("25001");
        assertThat(bad.message()).contains("cannot run inside a transaction block");
    }

    @Test
    void refusedPlanRunsNothing() {
        OperationPlan refused = new OperationPlan("test", "public.events", "refused",
                List.of(Check.refuse("owner", "the role does not own public.events")),
                List.of(Step.inTransaction("x", List.of("CREATE TABLE public.refused_x (id int)"), List.of())),
                Verifier.none());
        OperationOutcome outcome = new OperationRunner(database, FAST, null, null).run(refused);
        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("the role does not own public.events");
        assertThat(exists("public.refused_x")).isFalse();
    }

    @Test
    void readOnlySessionIsRefused() throws Exception {
        ConnectionSettings s = PG.superuserSettings(db);
        ConnectionSettings readOnly = new ConnectionSettings(s.host(), s.port(), s.database(), s.user(), null,
                s.sslMode(), "-c default_transaction_read_only=on", s.extra());
        try (Database ro = Database.open(readOnly, DatabaseOptions.DEFAULTS)) {
            OperationOutcome outcome = new OperationRunner(ro, FAST, null, null).run(plan(
                    Step.inTransaction("x", List.of("CREATE TABLE public.ro_x (id int)"), List.of())));
            assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.REFUSED);
            assertThat(outcome.message()).contains("read-only");
            assertThat(exists("public.ro_x")).isFalse();
        }
    }

    @Test
    void verificationRefusalFailsAndWarningsSucceed() {
        OperationPlan warned = new OperationPlan("test", "public.events", "v", List.of(),
                List.of(Step.inTransaction("noop", List.of("SELECT 1"), List.of())),
                (c, cancel) -> List.of(Check.pass("a", "fine"), Check.warn("b", "look at this")));
        OperationOutcome ok = new OperationRunner(database, FAST, null, null).run(warned);
        assertThat(ok.status()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(ok.message()).contains("verified with 1 warning");

        OperationPlan refused = new OperationPlan("test", "public.events", "v", List.of(),
                List.of(Step.inTransaction("noop", List.of("SELECT 1"), List.of())),
                (c, cancel) -> List.of(Check.refuse("c", "partition missing")));
        OperationOutcome bad = new OperationRunner(database, FAST, null, null).run(refused);
        assertThat(bad.status()).isEqualTo(OperationOutcome.Status.FAILED);
        assertThat(bad.message()).contains("verification failed: partition missing");
    }

    @Test
    void journalRecordsRefusedAndExecutedRunsWithoutThePassword() throws Exception {
        Journal journal = new Journal(temp.resolve("state/partscope/journal.jsonl"));
        try (Database alice = Database.open(PG.passwordUserSettings(db), DatabaseOptions.DEFAULTS)) {
            new OperationRunner(alice, FAST, null, null).journal(journal).run(new OperationPlan("test",
                    "public.events", "refused one", List.of(Check.refuse("owner", "not the owner")),
                    List.of(Step.inTransaction("x", List.of("SELECT 1"), List.of())), Verifier.none()));
            new OperationRunner(alice, FAST, null, null).journal(journal).run(new OperationPlan("test",
                    "public.events", "executed one", List.of(),
                    List.of(Step.inTransaction("two statements", List.of("SELECT 1", "SELECT 2"), List.of())),
                    Verifier.none()));
        }
        List<JournalEntry> entries = journal.read();
        assertThat(entries).extracting(JournalEntry::outcome).containsExactly("refused", "succeeded");
        JournalEntry executed = entries.get(1);
        assertThat(executed.user()).isEqualTo(TestPostgres.PASSWORD_USER);
        assertThat(executed.database()).isEqualTo(db);
        assertThat(executed.port()).isEqualTo(PG.port());
        assertThat(executed.serverVersion()).isNotBlank();
        assertThat(executed.steps().get(0).attempts()).isEqualTo(1);
        assertThat(executed.steps().get(0).statements()).extracting(JournalEntry.StatementRecord::sql)
                .containsExactly("SELECT 1", "SELECT 2");
        assertThat(executed.steps().get(0).statements()).allSatisfy(st -> assertThat(st.millis()).isNotNull());
        // The refused run: its outcome only; the executed one: its plan before, its step, its outcome.
        assertThat(journal.lines()).extracting(JournalEntry::type)
                .containsExactly("finished", "started", "step", "finished");
        String text = Files.readString(journal.file());
        assertThat(text.lines()).hasSize(4);
        assertThat(text).doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void aLostConnectionFailsWithWhatIsDone() {
        Thread killer = new Thread(() -> {
            PG.awaitTrue(db, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(601)%'"
                    + " AND state = 'active')");
            PG.exec(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE query LIKE 'SELECT pg_sleep(601)%' AND pid <> pg_backend_pid()");
        });
        killer.start();
        OperationOutcome outcome = new OperationRunner(database, FAST, null, null).run(plan(
                Step.inTransaction("one", List.of("CREATE TABLE public.lost_one (id int)"), List.of()),
                Step.inTransaction("two", List.of("CREATE TABLE public.lost_two (id int)", "SELECT pg_sleep(601)"),
                        List.of()),
                Step.inTransaction("three", List.of("SELECT 3"), List.of())));

        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.FAILED);
        assertThat(outcome.errorKind()).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(outcome.message()).contains("connection lost at step 2 of 3").contains("step 1 is done")
                .contains("this step was rolled back").contains("steps 3-3 did not run");
        assertThat(exists("public.lost_one")).isTrue();
        assertThat(exists("public.lost_two")).isFalse();
        PG.exec(db, "DROP TABLE public.lost_one");
    }

    @Test
    void pauseHoldsTheNextStepUntilResume() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        OperationRunner[] runner = new OperationRunner[1];
        OperationListener listener = new OperationListener() {
            @Override
            public void stepStarted(int index, Step step) {
                events.add("started " + index);
            }

            @Override
            public void stepFinished(int index, StepOutcome outcome) {
                if (index == 0) {
                    runner[0].pause();
                    Thread resumer = new Thread(() -> {
                        // Step 2 must not have started while paused.
                        events.add("paused, step 2 table exists: " + exists("public.pause_two"));
                        runner[0].resume();
                    });
                    resumer.start();
                }
            }
        };
        runner[0] = new OperationRunner(database, FAST, listener, null);
        OperationOutcome outcome = runner[0].run(plan(
                Step.inTransaction("one", List.of("SELECT 1"), List.of()),
                Step.inTransaction("two", List.of("CREATE TABLE public.pause_two (id int)"), List.of())));
        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(events).containsExactly("started 0", "paused, step 2 table exists: false", "started 1");
        PG.exec(db, "DROP TABLE public.pause_two");
    }
}
