package io.partscope.core.ops.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.bench.WriteLoad;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.JournalEntry;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.Step;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** op split-default on a real server: analysis, the moves, refusals, a lock timeout, and a live write load. */
class SplitDefaultPlannerIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final ExecutionOptions FAST = new ExecutionOptions(Duration.ofMillis(300), 2,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ZERO);
    private static final String SCHEMA = "\"Odd \"\"Schema\"\"\"";
    private static String db;
    private static Database database;

    @TempDir
    Path temp;

    @BeforeAll
    static void setUp() throws Exception {
        db = PG.newDatabase("split");
        PG.exec(db, "CREATE SCHEMA " + SCHEMA);
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    private static OperationPlan plan(String table, SplitDefaultPlanner.Request request) throws PartscopeException {
        return new SplitDefaultPlanner(database).plan(table, request, false, new Cancellation());
    }

    private static long count(String sql) {
        return Long.parseLong(PG.queryString(db, sql));
    }

    private static String fingerprint(String table) {
        return PG.queryString(db, "SELECT count(*) || ':' || md5(string_agg(t::text || '@' || tableoid::regclass::text,"
                + " ',' ORDER BY t::text)) FROM " + table + " t");
    }

    private static String relations() {
        return PG.queryString(db, "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'Odd \"Schema\"' AND c.relkind IN"
                + " ('r', 'p')");
    }

    /** A range set with hostile names: monthly partitions, a DEFAULT with rows of three missing months and NULLs. */
    private static String rangeSet(String plainName) {
        String name = plainName.replace("\"", "\"\"");
        String t = SCHEMA + ".\"" + name + "\"";
        PG.exec(db, "CREATE TABLE " + t + " (id bigint NOT NULL, \"at\" timestamptz, \"note \"\"x\"\"\" text DEFAULT"
                        + " 'n') PARTITION BY RANGE (\"at\")",
                "CREATE TABLE " + SCHEMA + ".\"" + name + "_2024_01\" PARTITION OF " + t
                        + " FOR VALUES FROM ('2024-01-01 00:00+00') TO ('2024-02-01 00:00+00')",
                "CREATE TABLE " + SCHEMA + ".\"" + name + "_2024_02\" PARTITION OF " + t
                        + " FOR VALUES FROM ('2024-02-01 00:00+00') TO ('2024-03-01 00:00+00')",
                "CREATE TABLE " + SCHEMA + ".\"" + name + " default\" PARTITION OF " + t + " DEFAULT",
                "CREATE INDEX ON " + t + " (id)",
                "INSERT INTO " + t + " (id, \"at\") SELECT g, timestamptz '2024-01-01 00:00+00' + g * interval '1 hour'"
                        + " FROM generate_series(1, 1000) g",
                // 2024-03: 100 rows, 2024-05: 50 rows, 2023-11: 30 rows, NULL key: 7 rows
                "INSERT INTO " + t + " (id, \"at\") SELECT 10000 + g, timestamptz '2024-03-01 00:00+00' + g * interval"
                        + " '5 hours' FROM generate_series(0, 99) g",
                "INSERT INTO " + t + " (id, \"at\") SELECT 20000 + g, timestamptz '2024-05-10 00:00+00' + g * interval"
                        + " '1 hour' FROM generate_series(0, 49) g",
                "INSERT INTO " + t + " (id, \"at\") SELECT 30000 + g, timestamptz '2023-11-02 00:00+00' + g * interval"
                        + " '1 hour' FROM generate_series(0, 29) g",
                "INSERT INTO " + t + " (id, \"at\") SELECT 40000 + g, NULL FROM generate_series(0, 6) g");
        return t;
    }

    @Test
    void analysesTheDefaultAndMovesEachMonthIntoAPartitionOfItsOwn() throws Exception {
        String t = rangeSet("my \"orders\"");
        OperationPlan plan = plan(SCHEMA + ".\"my \"\"orders\"\"\"", SplitDefaultPlanner.Request.defaults());
        assertThat(plan.refused()).as(plan.preflight().toString()).isFalse();
        SplitAnalysis a = SplitDefaultPlanner.analysis(plan).orElseThrow();
        assertThat(a.defaultRows()).isEqualTo(187);
        assertThat(a.groups()).extracting(SplitAnalysis.Group::name)
                .containsExactly("my \"orders\"_2023_11", "my \"orders\"_2024_03", "my \"orders\"_2024_05");
        assertThat(a.groups()).extracting(SplitAnalysis.Group::rows).containsExactly(30L, 100L, 50L);
        assertThat(a.rowsStaying()).isEqualTo(7);
        assertThat(a.stay().get(0).reason()).contains("NULL");
        assertThat(a.groups()).allSatisfy(g -> assertThat(g.copyAhead()).isFalse());
        assertThat(plan.summary()).contains("move 180 rows into 3 new monthly partitions");
        // one transaction per new partition, then VACUUM and ANALYZE
        assertThat(plan.steps()).extracting(Step::title).contains("VACUUM my \"orders\" default");
        Step move = plan.steps().get(1);
        assertThat(move.transactional()).isTrue();
        assertThat(String.join(";\n", move.statements())).contains("LOCK TABLE " + t + " IN SHARE ROW EXCLUSIVE MODE")
                .contains("WITH moved AS (DELETE FROM ONLY " + SCHEMA + ".\"my \"\"orders\"\" default\"")
                .contains("ATTACH PARTITION");
        String before = fingerprint(t).split(":")[0];

        Journal journal = new Journal(temp.resolve("journal.jsonl"));
        OperationOutcome outcome = new OperationRunner(database, FAST, null, new Cancellation()).journal(journal)
                .run(plan);
        assertThat(outcome.status()).as(outcome.message() + " " + outcome.verification())
                .isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(outcome.verification()).allSatisfy(c -> assertThat(c.status()).isEqualTo(Check.Status.PASS));
        assertThat(outcome.verification()).anySatisfy(c -> assertThat(c.message())
                .contains("187 rows in the DEFAULT before = 180 moved").contains("+ 7 left"));
        assertThat(outcome.verification()).anySatisfy(c -> assertThat(c.message())
                .isEqualTo("my \"orders\"_2023_11 30, my \"orders\"_2024_03 100, my \"orders\"_2024_05 50"));
        assertThat(outcome.verification()).anySatisfy(c -> assertThat(c.message())
                .isEqualTo("no row lost, none duplicated, none in the wrong table"));
        assertThat(fingerprint(t).split(":")[0]).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM ONLY " + SCHEMA + ".\"my \"\"orders\"\" default\"")).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM " + SCHEMA + ".\"my \"\"orders\"\"_2024_03\"")).isEqualTo(100);
        assertThat(PG.queryString(db, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = '"
                + SCHEMA.replace("'", "''") + ".\"my \"\"orders\"\"_2024_05\"'::regclass"))
                .isEqualTo("FOR VALUES FROM ('2024-05-01 00:00:00+00') TO ('2024-06-01 00:00:00+00')");
        // the index of the parent came along (attached, not duplicated)
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'Odd \"Schema\"' AND tablename ="
                + " 'my \"orders\"_2024_03'")).isEqualTo(1);
        List<JournalEntry> entries = journal.read();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).kind()).isEqualTo("split-default");
        assertThat(entries.get(0).outcome()).isEqualTo("succeeded");

        // again: the default holds only rows that must stay -> refused, nothing to move
        OperationPlan again = plan(SCHEMA + ".\"my \"\"orders\"\"\"", SplitDefaultPlanner.Request.defaults());
        assertThat(again.refused()).isTrue();
        assertThat(again.preflight()).anySatisfy(c -> assertThat(c.message()).contains("none of which can move"));
    }

    @Test
    void aListSetGetsOnePartitionPerValue() throws Exception {
        PG.exec(db, "CREATE TABLE regions (id bigint, region text, v int) PARTITION BY LIST (region)",
                "CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('eu')",
                "CREATE TABLE regions_other PARTITION OF regions DEFAULT",
                "INSERT INTO regions SELECT g, CASE g % 4 WHEN 0 THEN 'eu' WHEN 1 THEN 'us' WHEN 2 THEN 'o''hare'"
                        + " ELSE NULL END, g FROM generate_series(1, 400) g");
        OperationPlan plan = plan("public.regions", SplitDefaultPlanner.Request.defaults());
        SplitAnalysis a = SplitDefaultPlanner.analysis(plan).orElseThrow();
        assertThat(a.groups()).extracting(SplitAnalysis.Group::name).containsExactly("regions_o_hare", "regions_us");
        assertThat(a.groups()).extracting(SplitAnalysis.Group::rows).containsExactly(100L, 100L);
        assertThat(a.rowsStaying()).isEqualTo(100);
        OperationOutcome outcome = new OperationRunner(database, FAST, null, new Cancellation()).run(plan);
        assertThat(outcome.status()).as(outcome.message() + " " + outcome.verification())
                .isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(PG.queryString(db, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname ="
                + " 'regions_o_hare'")).isEqualTo("FOR VALUES IN ('o''hare')");
        assertThat(count("SELECT count(*) FROM regions_o_hare")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM ONLY regions_other")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM regions")).isEqualTo(400);
    }

    @Test
    void refusesClearly() throws Exception {
        PG.exec(db, "CREATE TABLE nodef (id int, k int) PARTITION BY RANGE (k)",
                "CREATE TABLE nodef_1 PARTITION OF nodef FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE emptydef (id int, k int) PARTITION BY RANGE (k)",
                "CREATE TABLE emptydef_1 PARTITION OF emptydef FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE emptydef_d PARTITION OF emptydef DEFAULT",
                "CREATE TABLE sub (id int, k int, r text) PARTITION BY RANGE (k)",
                "CREATE TABLE sub_1 PARTITION OF sub FOR VALUES FROM (0) TO (10) PARTITION BY LIST (r)",
                "CREATE TABLE sub_1_a PARTITION OF sub_1 FOR VALUES IN ('a')",
                "CREATE TABLE sub_d PARTITION OF sub DEFAULT",
                "INSERT INTO sub VALUES (1, 50, 'a')");
        assertThat(plan("nodef", SplitDefaultPlanner.Request.defaults()).preflight())
                .anySatisfy(c -> assertThat(c.message()).contains("has no DEFAULT partition"));
        OperationPlan empty = plan("emptydef", SplitDefaultPlanner.Request.defaults());
        assertThat(empty.refused()).isTrue();
        assertThat(empty.preflight()).anySatisfy(c -> assertThat(c.message()).contains("holds no rows: nothing to do"));
        OperationPlan sub = plan("sub", SplitDefaultPlanner.Request.defaults());
        assertThat(sub.refused()).isTrue();
        assertThat(sub.preflight()).anySatisfy(c -> assertThat(c.message()).contains("is sub-partitioned"));
        assertThatThrownBy(() -> plan("no_such_table", SplitDefaultPlanner.Request.defaults()))
                .isInstanceOf(PartscopeException.class);
        assertThatThrownBy(() -> plan("emptydef", SplitDefaultPlanner.Request.defaults().withInterval("fortnight")))
                .hasMessageContaining("--interval fortnight");
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        String t = rangeSet("dry");
        String before = fingerprint(t);
        String rels = relations();
        OperationPlan plan = plan(SCHEMA + ".dry", SplitDefaultPlanner.Request.defaults());
        OperationOutcome outcome = new OperationRunner(database, FAST, null, new Cancellation()).dryRun(plan);
        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.DRY_RUN);
        assertThat(fingerprint(t)).isEqualTo(before);
        assertThat(relations()).isEqualTo(rels);
    }

    @Test
    void aLockTimeoutInTheMiddleLeavesTheDataExactlyAsItWas() throws Exception {
        String t = rangeSet("locked");
        OperationPlan plan = plan(SCHEMA + ".locked", SplitDefaultPlanner.Request.defaults());
        String before = fingerprint(t);
        String rels = relations();
        // a long transaction that wrote into the set: its ROW EXCLUSIVE lock on the parent blocks the move's lock
        try (Connection holder = PG.superuserConnection(db)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("INSERT INTO " + t + " (id, \"at\") VALUES (99999, '2024-01-05 00:00+00')");
            }
            OperationOutcome outcome = new OperationRunner(database, FAST, null, new Cancellation()).run(plan);
            assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.FAILED);
            assertThat(outcome.steps().get(1).sqlState()).isEqualTo("55P03");
            assertThat(outcome.steps().get(1).attempts()).isEqualTo(3);
            assertThat(outcome.message()).contains("lock");
            holder.rollback();
        }
        assertThat(fingerprint(t)).isEqualTo(before);
        assertThat(relations()).isEqualTo(rels);
    }

    @Test
    void aLockTimeoutAfterTheFirstPartitionLeavesEveryRowVisibleOnceAndTheRestUntouched() throws Exception {
        String t = rangeSet("midway");
        OperationPlan plan = plan(SCHEMA + ".midway", SplitDefaultPlanner.Request.defaults());
        String rows = PG.queryString(db, "SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text))"
                + " FROM " + t + " t");
        java.util.concurrent.atomic.AtomicReference<Connection> holder = new java.util.concurrent.atomic.AtomicReference<>();
        io.partscope.core.ops.OperationListener blockAfterFirstMove = new io.partscope.core.ops.OperationListener() {
            @Override
            public void stepFinished(int index, io.partscope.core.ops.StepOutcome outcome) {
                if (index == 1) {
                    try {
                        Connection c = PG.superuserConnection(db);
                        c.setAutoCommit(false);
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO " + t + " (id, \"at\") VALUES (99999, '2024-01-05 00:00+00')");
                        }
                        holder.set(c);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        OperationOutcome outcome;
        try {
            outcome = new OperationRunner(database, FAST, blockAfterFirstMove, new Cancellation()).run(plan);
        } finally {
            if (holder.get() != null) {
                holder.get().rollback();
                holder.get().close();
            }
        }
        assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.FAILED);
        assertThat(outcome.stepsDone()).isEqualTo(2);
        assertThat(outcome.steps().get(2).sqlState()).isEqualTo("55P03");
        assertThat(outcome.message()).contains("rolled back");
        // every row still there exactly once; the first new partition attached, the second not created
        assertThat(PG.queryString(db, "SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text))"
                + " FROM " + t + " t")).isEqualTo(rows);
        assertThat(count("SELECT count(*) FROM " + SCHEMA + ".midway_2023_11")).isEqualTo(30);
        assertThat(PG.queryString(db, "SELECT to_regclass('" + SCHEMA.replace("'", "''") + ".midway_2024_03')"))
                .isNull();
        assertThat(count("SELECT count(*) FROM ONLY " + SCHEMA + ".\"midway default\"")).isEqualTo(157);
    }

    @Test
    void underAWriteLoadEveryCommittedRowIsPresentExactlyOnceAndNoWriterFails() throws Exception {
        String t = SCHEMA + ".\"live set\"";
        PG.exec(db, "CREATE TABLE " + t + " (id bigint NOT NULL, \"at\" timestamptz NOT NULL, note text DEFAULT 'w',"
                        + " PRIMARY KEY (id, \"at\")) PARTITION BY RANGE (\"at\")",
                "CREATE TABLE " + SCHEMA + ".\"live set_2024_01\" PARTITION OF " + t
                        + " FOR VALUES FROM ('2024-01-01 00:00+00') TO ('2024-02-01 00:00+00')",
                "CREATE TABLE " + SCHEMA + ".\"live set default\" PARTITION OF " + t + " DEFAULT",
                "INSERT INTO " + t + " (id, \"at\") SELECT g, timestamptz '2024-01-01 00:00+00' + (g % 2000) * interval"
                        + " '1 hour' FROM generate_series(1, 12000) g");
        PG.exec(db, "ANALYZE " + t);
        RelationName set = new RelationName("Odd \"Schema\"", "live set");
        // writers insert into January (a partition), into February-April (split out of the DEFAULT) and into
        // 2030 (stays in the DEFAULT, and no partition is made for it: it is not there when planning)
        WriteLoad load = WriteLoad.builder(PG.superuserSettings(db))
                .into(set, "id", "at", WriteLoad.KeyGenerator.timestamps(
                        Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"),
                        Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:00Z"),
                        Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z")))
                .writers(2).firstId(1_000_000).start();
        try {
            load.awaitMoreRows(100, Duration.ofSeconds(60));
            OperationPlan plan = plan(SCHEMA + ".\"live set\"",
                    SplitDefaultPlanner.Request.defaults().withCopyAheadRows(1000));
            assertThat(plan.refused()).as(plan.preflight().toString()).isFalse();
            SplitAnalysis a = SplitDefaultPlanner.analysis(plan).orElseThrow();
            assertThat(a.groups()).extracting(SplitAnalysis.Group::name)
                    .contains("live set_2024_02", "live set_2024_03", "live set_2024_04");
            assertThat(a.groups()).anySatisfy(g -> assertThat(g.copyAhead()).isTrue());
            OperationOutcome outcome = new OperationRunner(database, ExecutionOptions.DEFAULTS, null,
                    new Cancellation()).run(plan);
            load.awaitMoreRows(100, Duration.ofSeconds(60));
            WriteLoad.Summary s = load.stop();
            System.out.println("SplitDefaultPlannerIT under load: " + s.describe());
            System.out.println("SplitDefaultPlannerIT longest writer stall: " + s.longestStall().toMillis() + " ms");
            assertThat(outcome.status()).as(outcome.message() + " " + outcome.verification())
                    .isEqualTo(OperationOutcome.Status.SUCCEEDED);
            System.out.println("SplitDefaultPlannerIT verification: " + outcome.verification());
            assertThat(s.writerErrors()).isEmpty();
            assertThat(s.readerErrors()).isEmpty();
            try (Connection c = PG.superuserConnection(db)) {
                WriteLoad.CheckResult r = WriteLoad.check(c, "id", List.of(set), s);
                assertThat(r.ok()).as(r.toString()).isTrue();
            }
            assertThat(count("SELECT count(*) FROM " + t)).isEqualTo(12000 + s.inserts());
            assertThat(count("SELECT count(*) FROM ONLY " + SCHEMA + ".\"live set default\" WHERE \"at\" <"
                    + " '2025-01-01'")).isZero();
        } finally {
            load.stop();
        }
    }
    @Test
    void aDefaultSpanningMoreIntervalsThanTheCapIsRefusedWithoutPlanningThem() throws Exception {
        PG.exec(db, "CREATE TABLE public.many_days (d date NOT NULL) PARTITION BY RANGE (d)",
                "CREATE TABLE public.many_days_2020_01_01 PARTITION OF public.many_days FOR VALUES FROM ('2020-01-01')"
                        + " TO ('2020-01-02')",
                "CREATE TABLE public.many_days_default PARTITION OF public.many_days DEFAULT",
                "INSERT INTO public.many_days SELECT date '2021-01-01' + g FROM generate_series(0, 1500) g");
        OperationPlan plan = plan("public.many_days", SplitDefaultPlanner.Request.defaults());
        assertThat(plan.refused()).isTrue();
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.preflight()).filteredOn(c -> c.status() == Check.Status.REFUSE).extracting(Check::message)
                .containsExactly("the rows of public.many_days_default fall into more than 1000 daily ranges; at"
                        + " most 1000 new partitions in one operation: give a wider --interval");

        PG.exec(db, "CREATE TABLE public.many_codes (code int NOT NULL) PARTITION BY LIST (code)",
                "CREATE TABLE public.many_codes_1 PARTITION OF public.many_codes FOR VALUES IN (-1)",
                "CREATE TABLE public.many_codes_default PARTITION OF public.many_codes DEFAULT",
                "INSERT INTO public.many_codes SELECT g FROM generate_series(0, 1500) g");
        OperationPlan list = plan("public.many_codes", SplitDefaultPlanner.Request.defaults());
        assertThat(list.steps()).isEmpty();
        assertThat(list.preflight()).filteredOn(c -> c.status() == Check.Status.REFUSE).extracting(Check::message)
                .containsExactly("the rows of public.many_codes_default fall into more than 1000 distinct values;"
                        + " at most 1000 new partitions in one operation");
    }

    @Test
    void rowsInTheYear10000AreSplitIntoPartitionsNamedWithTheWholeYear() throws Exception {
        PG.exec(db, "CREATE TABLE public.far (d date NOT NULL) PARTITION BY RANGE (d)",
                "CREATE TABLE public.far_9999_12 PARTITION OF public.far FOR VALUES FROM ('9999-12-01') TO"
                        + " ('10000-01-01')",
                "CREATE TABLE public.far_default PARTITION OF public.far DEFAULT",
                "INSERT INTO public.far VALUES ('10000-01-15'), ('10000-03-01')");
        OperationPlan plan = plan("public.far", SplitDefaultPlanner.Request.defaults());
        assertThat(plan.refused()).as("%s", plan.preflight()).isFalse();
        SplitAnalysis analysis = SplitDefaultPlanner.analysis(plan).orElseThrow();
        assertThat(analysis.groups()).extracting(SplitAnalysis.Group::name, SplitAnalysis.Group::bound)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("far_10000_01",
                                "FOR VALUES FROM ('10000-01-01') TO ('10000-02-01')"),
                        org.assertj.core.groups.Tuple.tuple("far_10000_03",
                                "FOR VALUES FROM ('10000-03-01') TO ('10000-04-01')"));
    }
}
