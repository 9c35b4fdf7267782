package io.partscope.core.ops.detach;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.ops.Blocker;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.JournalEntry;
import io.partscope.core.ops.OperationListener;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.WaitProbe;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DETACH CONCURRENTLY on a real server: it waits for a long transaction on the parent and reports it as the
 * blocker, completes when it ends; cancelled or terminated on purpose it leaves a pending detach that FINALIZE
 * completes. (PostgreSQL 14 and 18 both have CONCURRENTLY.)
 */
class DetachPlannerIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final String PARENT = "\"Odd \"\"Schema\"\"\".\"My Events\"";
    private static final String JAN = "\"Odd \"\"Schema\"\"\".\"My Events 2025-01\"";

    @TempDir
    Path temp;
    private String db;
    private Database database;
    private Connection blocker;

    @BeforeEach
    void setUp() throws Exception {
        db = PG.newDatabase("detach");
        PG.exec(db, "CREATE SCHEMA \"Odd \"\"Schema\"\"\"",
                "CREATE TABLE " + PARENT + " (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE " + JAN + " PARTITION OF " + PARENT
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE \"Odd \"\"Schema\"\"\".\"My Events 2025-02\" PARTITION OF " + PARENT
                        + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "INSERT INTO " + PARENT + " SELECT g, date '2025-01-01' + (g % 59) FROM generate_series(1, 1000) g");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (blocker != null && !blocker.isClosed()) {
            blocker.rollback();
            blocker.close();
        }
        database.close();
    }

    /** A transaction that read the set and stays open: what DETACH CONCURRENTLY must wait for. */
    private int openLongTransaction() throws Exception {
        blocker = PG.superuserConnection(db);
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
            s.execute("SET application_name = 'long report'");
            s.executeQuery("SELECT count(*) FROM " + PARENT).close();
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String pendingState() {
        return PG.queryString(db, "SELECT coalesce((SELECT inhdetachpending::text FROM pg_inherits"
                + " WHERE inhrelid = to_regclass('" + JAN.replace("'", "''") + "')), 'detached')");
    }

    private static final class Recorder implements OperationListener {
        final List<List<Blocker>> seen = new CopyOnWriteArrayList<>();

        @Override
        public void blockers(int stepIndex, List<Blocker> blockers) {
            if (!blockers.isEmpty()) {
                seen.add(blockers);
            }
        }

        void awaitBlocker() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(seen).as("the waiting detach reported what it waits for").isNotEmpty();
        }
    }

    private CompletableFuture<OperationOutcome> start(DetachPlanner.DetachPlan plan, Recorder recorder,
            Cancellation cancellation, Journal journal) {
        OperationRunner runner = new OperationRunner(database, ExecutionOptions.DEFAULTS, recorder, cancellation)
                .progressProbe(new WaitProbe()).journal(journal);
        return CompletableFuture.supplyAsync(() -> runner.run(plan.plan()));
    }

    @Test
    void concurrentlyWaitsForTheLongTransactionReportsItAndCompletesWhenItEnds() throws Exception {
        int blockerPid = openLongTransaction();
        DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(
                new DetachPlanner.Request(JAN, true, new Aftermath.Keep(), false), null);
        assertThat(plan.plan().refused()).as(plan.plan().preflight().toString()).isFalse();
        assertThat(plan.plan().steps()).hasSize(1);
        assertThat(plan.plan().steps().get(0).transactional()).isFalse();
        assertThat(plan.plan().steps().get(0).retryOnLockTimeout()).isFalse();

        Recorder recorder = new Recorder();
        Journal journal = new Journal(temp.resolve("journal.jsonl"));
        CompletableFuture<OperationOutcome> run = start(plan, recorder, new Cancellation(), journal);
        recorder.awaitBlocker();
        Blocker b = recorder.seen.get(0).get(0);
        assertThat(b.pid()).isEqualTo(blockerPid);
        assertThat(b.application()).isEqualTo("long report");
        assertThat(b.state()).isEqualTo("idle in transaction");
        assertThat(b.transactionSeconds()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(b.query()).isEqualTo("SELECT pg_backend_pid()");
        assertThat(b.locks()).contains("AccessShareLock on");
        assertThat(run).isNotDone();
        assertThat(pendingState()).as("the first transaction committed: pending while it waits").isEqualTo("true");

        blocker.commit();
        OperationOutcome outcome = run.get(60, TimeUnit.SECONDS);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(pendingState()).isEqualTo("detached");
        assertThat(outcome.verification()).allMatch(c -> c.status() == io.partscope.core.ops.Check.Status.PASS);
        assertThat(PG.queryString(db, "SELECT count(*) FROM " + JAN)).isEqualTo("526");

        List<JournalEntry> entries = journal.read();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).kind()).isEqualTo("detach");
        assertThat(entries.get(0).outcome()).isEqualTo("succeeded");
        assertThat(entries.get(0).steps().get(0).statements().get(0).sql())
                .isEqualTo("ALTER TABLE \"Odd \"\"Schema\"\"\".\"My Events\" DETACH PARTITION"
                        + " \"Odd \"\"Schema\"\"\".\"My Events 2025-01\" CONCURRENTLY");
    }

    @Test
    void cancelledWhileWaitingItIsPendingAndFinalizeCompletesIt() throws Exception {
        openLongTransaction();
        DetachPlanner planner = new DetachPlanner(database);
        DetachPlanner.DetachPlan plan = planner.plan(new DetachPlanner.Request(JAN, true,
                new Aftermath.Archive("Old Data"), false), null);
        assertThat(plan.plan().steps()).hasSize(2);
        Recorder recorder = new Recorder();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<OperationOutcome> run = start(plan, recorder, cancellation, null);
        recorder.awaitBlocker();
        cancellation.cancel();
        OperationOutcome outcome = run.get(60, TimeUnit.SECONDS);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.CANCELLED);
        assertThat(outcome.steps().get(1).status().json()).isEqualTo("skipped");
        assertThat(pendingState()).isEqualTo("true");
        assertThat(planner.pendingDetach(plan.target().parent())).contains(plan.target().partition());

        // Another detach on the parent is refused while one is pending; so is CONCURRENTLY of the same one.
        DetachPlanner.DetachPlan again = planner.plan(new DetachPlanner.Request(
                "\"Odd \"\"Schema\"\"\".\"My Events 2025-02\"", false, null, false), null);
        assertThat(again.plan().refused()).isTrue();
        assertThat(again.plan().preflight()).anyMatch(c -> c.name().equals("pending detach")
                && c.message().contains("My Events 2025-01") && c.message().contains("op finalize"));
        assertThat(planner.plan(new DetachPlanner.Request(JAN, true, null, false), null).plan().refused()).isTrue();

        blocker.commit();
        FinalizePlanner.FinalizePlan fin = new FinalizePlanner(database).plan(PARENT, false, null);
        assertThat(fin.plan().steps()).hasSize(1);
        assertThat(fin.plan().steps().get(0).statements()).containsExactly("ALTER TABLE \"Odd \"\"Schema\"\"\"."
                + "\"My Events\" DETACH PARTITION \"Odd \"\"Schema\"\"\".\"My Events 2025-01\" FINALIZE");
        OperationOutcome done = new OperationRunner(database, ExecutionOptions.DEFAULTS, null, null).run(fin.plan());
        assertThat(done.status()).as(done.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(pendingState()).isEqualTo("detached");
        assertThat(new FinalizePlanner(database).plan(PARENT, false, null).plan().steps()).isEmpty();
    }

    @Test
    void terminatedWhileWaitingItIsPendingAndFinalizeCompletesIt() throws Exception {
        openLongTransaction();
        DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(
                new DetachPlanner.Request(JAN, true, new Aftermath.Drop(), false), null);
        Recorder recorder = new Recorder();
        CompletableFuture<OperationOutcome> run = start(plan, recorder, new Cancellation(), null);
        recorder.awaitBlocker();
        assertThat(PG.queryString(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE query LIKE 'ALTER TABLE%CONCURRENTLY' AND pid <> pg_backend_pid()")).isEqualTo("1");
        OperationOutcome outcome = run.get(60, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.FAILED);
        assertThat(outcome.errorKind()).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(pendingState()).isEqualTo("true");
        assertThat(PG.queryString(db, "SELECT to_regclass('" + JAN.replace("'", "''") + "') IS NOT NULL"))
                .as("the drop did not run").isEqualTo("t");

        blocker.commit();
        // The pending partition itself is accepted as the table to finalize.
        FinalizePlanner.FinalizePlan fin = new FinalizePlanner(database).plan(JAN, false, null);
        OperationOutcome done = new OperationRunner(database, ExecutionOptions.DEFAULTS, null, null).run(fin.plan());
        assertThat(done.status()).as(done.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(pendingState()).isEqualTo("detached");
    }

    @Test
    void plainDetachThenRenameWithHostileNames() throws Exception {
        DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(new DetachPlanner.Request(JAN, false,
                Aftermath.parse("rename:\"Old \"\"Events\"\" Jan\""), false), null);
        assertThat(plan.plan().steps().get(0).transactional()).isTrue();
        OperationOutcome outcome = new OperationRunner(database, ExecutionOptions.DEFAULTS, null, null)
                .run(plan.plan());
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(PG.queryString(db, "SELECT count(*) FROM \"Odd \"\"Schema\"\"\".\"Old \"\"Events\"\" Jan\""))
                .isEqualTo("526");
        assertThat(PG.queryString(db, "SELECT count(*) FROM " + PARENT)).isEqualTo("474");
    }

    @Test
    void inheritanceChildrenAndPlainTablesAreNotPartitions() throws Exception {
        PG.exec(db, "CREATE TABLE logs (id int)", "CREATE TABLE logs_1 () INHERITS (logs)");
        DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(
                new DetachPlanner.Request("logs_1", true, null, false), null);
        assertThat(plan.plan().refused()).isTrue();
        assertThat(plan.plan().preflight()).anyMatch(c -> c.message().contains("NO INHERIT"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DetachPlanner(database).plan(
                new DetachPlanner.Request("logs", true, null, false), null))
                .hasMessageContaining("is not a partition");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DetachPlanner(database).plan(
                new DetachPlanner.Request("nope.nothing", true, null, false), null))
                .hasMessageContaining("does not exist");
    }
    /** Another session holds pg_inherits: any catalog read of the set waits for it, as behind running DDL. */
    private Connection lockPgInherits() throws Exception {
        Connection c = PG.superuserConnection(db);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE pg_catalog.pg_inherits IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    private static final String WAITING = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND wait_event_type = 'Lock' AND state = 'active' AND pid <> pg_backend_pid()";

    @Test
    void aPlanningQueryWaitingForALockIsCancelledOnTheServer() throws Exception {
        Cancellation cancellation = new Cancellation();
        Connection holder = lockPgInherits();
        CompletableFuture<DetachPlanner.DetachPlan> planning;
        try {
            planning = CompletableFuture.supplyAsync(() -> {
                try {
                    return new DetachPlanner(database).plan(new DetachPlanner.Request(JAN, false, null, false),
                            cancellation);
                } catch (io.partscope.core.db.PartscopeException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            PG.awaitTrue(db, WAITING.replace("count(*)", "count(*) = 1"));
            cancellation.cancel();
            // the bound only keeps a broken build from hanging; the planner must end because of the cancel
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> planning.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(io.partscope.core.db.PartscopeException.class)
                    .cause().satisfies(e -> assertThat(((io.partscope.core.db.PartscopeException) e).kind())
                            .isEqualTo(ErrorKind.QUERY_CANCELLED));
            assertThat(PG.queryString(db, WAITING)).isEqualTo("0");
        } finally {
            holder.rollback();
            holder.close();
        }
    }

    @Test
    void aVerificationQueryWaitingForALockIsCancelledOnTheServer() throws Exception {
        DetachPlanner.DetachPlan plan = new DetachPlanner(database).plan(
                new DetachPlanner.Request(JAN, false, null, false), null);
        Cancellation cancellation = new Cancellation();
        Connection holder = lockPgInherits();
        try (Connection session = database.dedicatedConnection()) {
            CompletableFuture<Object> verifying = CompletableFuture.supplyAsync(() -> {
                try {
                    return plan.plan().verifier().verify(session, cancellation);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            PG.awaitTrue(db, WAITING.replace("count(*)", "count(*) = 1"));
            cancellation.cancel();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifying.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.sql.SQLException.class)
                    .cause().satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(PG.queryString(db, WAITING)).isEqualTo("0");
        } finally {
            holder.rollback();
            holder.close();
        }
    }

    @Test
    void theSuggestedFinalizeCommandPastesAsOneArgument() throws Exception {
        String set = "\"it's\".\"$(touch /tmp/pwned)\"";
        PG.exec(db, "CREATE SCHEMA \"it's\"",
                "CREATE TABLE " + set + " (at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE \"it's\".p1 PARTITION OF " + set + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE \"it's\".p2 PARTITION OF " + set + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')");
        // a pending detach of p1: DETACH CONCURRENTLY cancelled while it waits for a transaction on the set
        blocker = PG.superuserConnection(db);
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
            s.executeQuery("SELECT count(*) FROM " + set).close();
        }
        CompletableFuture<Void> detaching = CompletableFuture.runAsync(() -> PG.exec(db, "ALTER TABLE " + set
                + " DETACH PARTITION \"it's\".p1 CONCURRENTLY"));
        PG.awaitTrue(db, "SELECT count(*) = 1 FROM pg_inherits WHERE inhdetachpending");
        PG.awaitTrue(db, "SELECT count(pg_cancel_backend(pid)) = 1 FROM pg_stat_activity"
                + " WHERE query LIKE 'ALTER TABLE%CONCURRENTLY' AND pid <> pg_backend_pid()");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> detaching.get(60, TimeUnit.SECONDS));
        blocker.rollback();

        String expected = "partscope op finalize --table '\"it'\\''s\".\"$(touch /tmp/pwned)\"'";
        DetachPlanner.DetachPlan other = new DetachPlanner(database).plan(
                new DetachPlanner.Request("\"it's\".p2", false, null, false), null);
        assertThat(other.plan().preflight()).filteredOn(c -> c.name().equals("pending detach"))
                .singleElement().satisfies(c -> assertThat(c.message()).contains("(" + expected + ")"));
        DetachPlanner.DetachPlan same = new DetachPlanner(database).plan(
                new DetachPlanner.Request("\"it's\".p1", false, null, false), null);
        try (Connection c = database.dedicatedConnection()) {
            assertThat(same.plan().verifier().verify(c, null)).filteredOn(k -> k.name().equals("detached"))
                    .singleElement().satisfies(k -> assertThat(k.message()).endsWith(": complete it with "
                            + expected));
        }
        assertThat(io.partscope.core.ops.create.CreatePartitionsPlannerIT.shellWords(expected)).containsExactly(
                "partscope", "op", "finalize", "--table", set);
    }
}
