package io.partscope.core.ops.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationListener;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.StepOutcome;
import io.partscope.support.TestPostgres;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Freeze on a real server: XID ages made different by burning XIDs, selection, the VACUUMs, verification. */
class FreezePlannerIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;
    private static Database database;

    /** Burns XIDs: each SELECT txid_current() runs in its own transaction and takes a new XID. */
    static void burnXids(String database, int count) {
        String[] statements = new String[count];
        java.util.Arrays.fill(statements, "SELECT txid_current()");
        PG.exec(database, statements);
    }

    static void createFixture(String database) {
        PG.exec(database, "CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025_01 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "INSERT INTO public.events SELECT g, date '2025-01-01' + (g % 31) FROM generate_series(1, 2000) g");
        burnXids(database, 1500);
        PG.exec(database, "CREATE TABLE public.events_2025_02 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01') WITH (autovacuum_freeze_max_age = 100000)",
                "INSERT INTO public.events SELECT g, date '2025-02-01' + (g % 28) FROM generate_series(1, 2000) g");
        burnXids(database, 1500);
        PG.exec(database, "CREATE TABLE public.\"events 2025-03\" PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')",
                "CREATE TABLE public.events_default PARTITION OF public.events DEFAULT",
                "INSERT INTO public.events SELECT g, date '2025-03-01' + (g % 31) FROM generate_series(1, 2000) g",
                "INSERT INTO public.events VALUES (1, '2030-01-01')");
        burnXids(database, 10);
    }

    @BeforeAll
    static void setUp() throws Exception {
        db = PG.newDatabase("freeze");
        createFixture(db);
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    private static List<String> names(FreezePlanner.FreezePlan plan) {
        return plan.targets().stream().map(t -> t.partition().name()).toList();
    }

    private static long age(String qualified) {
        return Long.parseLong(PG.queryString(db, "SELECT age(relfrozenxid) FROM pg_class WHERE oid = to_regclass('"
                + qualified.replace("'", "''") + "')"));
    }

    @Test
    void minAgeChoosesExactlyTheOldPartitions() throws Exception {
        // XIDs are cluster-wide: other tests age every partition alike, the 1,500 between these two stays.
        long threshold = (age("public.events_2025_01") + age("public.events_2025_02")) / 2;
        FreezePlanner.FreezePlan plan = new FreezePlanner(database)
                .plan("public.events", new FreezePlanner.MinAge(threshold), false, false, null);
        assertThat(names(plan)).containsExactly("events_2025_01");
        assertThat(plan.plan().summary()).startsWith("Freeze 1 of 4 partitions of public.events (XID age >= "
                + String.format(java.util.Locale.ROOT, "%,d", threshold) + ")");
        Step step = plan.plan().steps().get(0);
        assertThat(step.statements()).containsExactly("VACUUM (FREEZE) \"public\".\"events_2025_01\"");
        assertThat(step.transactional()).isFalse();
        assertThat(step.title()).startsWith("VACUUM (FREEZE) public.events_2025_01 \u2014 XID age ");
        assertThat(step.locks().get(0).mode().sql()).isEqualTo("SHARE UPDATE EXCLUSIVE");
        assertThat(plan.plan().refused()).isFalse();
    }

    @Test
    void minAgePctUsesEachPartitionsEffectiveFreezeMaxAge() throws Exception {
        // 1% of 100,000 (events_2025_02's reloption) is 1,000; 1% of the default 200M is 2M.
        FreezePlanner.FreezePlan plan = new FreezePlanner(database)
                .plan("public.events", new FreezePlanner.MinAgePct(1), false, false, null);
        assertThat(names(plan)).containsExactly("events_2025_02");
    }

    @Test
    void olderThanChoosesRangePartitionsWhoseUpperBoundIsAtOrBelow() throws Exception {
        FreezePlanner.FreezePlan plan = new FreezePlanner(database)
                .plan("public.events", new FreezePlanner.OlderThan("2025-03-01"), true, false, null);
        assertThat(names(plan)).containsExactly("events_2025_01", "events_2025_02");
        assertThat(plan.plan().steps().get(0).statements().get(0)).startsWith("VACUUM (FREEZE, ANALYZE) ");
        assertThat(names(new FreezePlanner(database)
                .plan("public.events", new FreezePlanner.OlderThan("2025-02-28"), false, false, null)))
                .containsExactly("events_2025_01");
    }

    @Test
    void badInputIsAClearMessage() {
        assertThatThrownBy(() -> new FreezePlanner(database)
                .plan("public.nope", new FreezePlanner.MinAge(1), false, false, null))
                .isInstanceOf(PartscopeException.class)
                .satisfies(e -> assertThat(((PartscopeException) e).kind()).isEqualTo(ErrorKind.OBJECT_NOT_FOUND));
        assertThatThrownBy(() -> new FreezePlanner(database)
                .plan("public.events", new FreezePlanner.OlderThan("next tuesday"), false, false, null))
                .isInstanceOf(PartscopeException.class).hasMessageContaining("is not a date");
    }

    @Test
    void readOnlyProfileIsRefused() throws Exception {
        FreezePlanner.FreezePlan plan = new FreezePlanner(database)
                .plan("public.events", new FreezePlanner.MinAge(0), false, true, null);
        assertThat(plan.plan().refused()).isTrue();
        OperationOutcome outcome = new OperationRunner(database, ExecutionOptions.DEFAULTS, null, null)
                .run(plan.plan());
        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("read-only");
    }

    @Test
    void freezeLowersTheXidAgeOfEveryChosenPartition() throws Exception {
        String db2 = PG.newDatabase("freeze_run");
        createFixture(db2);
        try (Database d = Database.open(PG.superuserSettings(db2), DatabaseOptions.DEFAULTS)) {
            FreezePlanner.FreezePlan plan = new FreezePlanner(d)
                    .plan("public.events", new FreezePlanner.MinAge(0), false, false, null);
            assertThat(names(plan)).containsExactlyInAnyOrder("events_2025_01", "events_2025_02",
                    "events 2025-03", "events_default");
            List<Integer> started = Collections.synchronizedList(new ArrayList<>());
            List<String> progress = Collections.synchronizedList(new ArrayList<>());
            OperationListener listener = new OperationListener() {
                @Override
                public void stepStarted(int index, Step step) {
                    started.add(index);
                }

                @Override
                public void progress(int stepIndex, String text, double fraction) {
                    progress.add(text);
                }
            };
            OperationOutcome outcome = new OperationRunner(d, ExecutionOptions.DEFAULTS, listener, null)
                    .progressProbe(FreezePlanner.progressProbe()).run(plan.plan());

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
            assertThat(outcome.warnings()).isEmpty();
            assertThat(started).containsExactly(0, 1, 2, 3);
            assertThat(outcome.steps()).extracting(StepOutcome::status).containsOnly(StepOutcome.Status.DONE);
            assertThat(plan.verifier().changes()).hasSize(4).allSatisfy(c -> {
                assertThat(c.after()).isLessThan(c.before());
            });
            for (FreezeVerifier.AgeChange c : plan.verifier().changes()) {
                RelationName n = c.partition();
                long now = Long.parseLong(PG.queryString(db2, "SELECT age(relfrozenxid) FROM pg_class WHERE oid"
                        + " = to_regclass('" + n.qualified().replace("'", "''") + "')"));
                assertThat(now).as(n.qualified()).isLessThan(c.before());
            }
            assertThat(outcome.verification()).hasSize(4)
                    .allSatisfy(ch -> assertThat(ch.message()).containsPattern("XID age \\d+ -> \\d+"));
        }
    }

    @Test
    void progressOfARunningVacuumArrivesFromASecondSession() throws Exception {
        String db3 = PG.newDatabase("freeze_progress");
        createFixture(db3);
        // A cursor pins the first page of events_2025_01: VACUUM (FREEZE) must freeze its tuples and so waits for
        // the pin in its "scanning heap" phase until the cursor closes. That wait is no lock: lock_timeout does not
        // end it.
        java.sql.Connection pin = PG.superuserConnection(db3);
        pin.setAutoCommit(false);
        try (java.sql.Statement s = pin.createStatement()) {
            s.execute("DECLARE c CURSOR FOR SELECT * FROM public.events_2025_01");
            s.execute("FETCH 1 FROM c");
        }
        java.util.concurrent.CountDownLatch sawProgress = new java.util.concurrent.CountDownLatch(1);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
        OperationListener listener = new OperationListener() {
            @Override
            public void progress(int stepIndex, String text, double fraction) {
                progress.add(stepIndex + " " + text);
                fractions.add(fraction);
                sawProgress.countDown();
            }
        };
        try (Database d = Database.open(PG.superuserSettings(db3), DatabaseOptions.DEFAULTS)) {
            FreezePlanner.FreezePlan plan = new FreezePlanner(d)
                    .plan("public.events_2025_01", new FreezePlanner.MinAge(0), false, false, null);
            assertThat(names(plan)).containsExactly("events_2025_01");
            OperationOutcome[] outcome = new OperationOutcome[1];
            Thread runner = new Thread(() -> outcome[0] = new OperationRunner(d, ExecutionOptions.DEFAULTS,
                    listener, null).progressProbe(FreezePlanner.progressProbe()).run(plan.plan()));
            runner.start();
            assertThat(sawProgress.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            pin.rollback();
            pin.close();
            runner.join();
            assertThat(outcome[0].status()).as(outcome[0].message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
            assertThat(progress.get(0)).startsWith("0 scanning heap: ").contains("heap blocks scanned");
            assertThat(fractions).allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
        }
    }
}
