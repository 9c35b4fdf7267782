package io.partscope.core.ops.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.create.CreateRequest.Method;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans for op create against real catalogs, and what their SQL does when it runs. */
public class CreatePartitionsPlannerIT {
    static final TestPostgres PG = TestPostgres.get();

    private String db;
    private Database database;
    private CreatePartitionsPlanner planner;

    @BeforeEach
    void load() throws PartscopeException {
        db = newFixtureDatabase();
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
        planner = new CreatePartitionsPlanner(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    public static String newFixtureDatabase() {
        String name = PG.newDatabase("opcreate");
        Fixtures.load(PG, name, CreatePartitionsPlannerIT.class, "create-sets.sql");
        return name;
    }

    /** Runs the plan with the OperationRunner; returns the verification. */
    static List<Check> run(Database on, OperationPlan plan) {
        assertThat(plan.refused()).as("refused: %s", plan.preflight()).isFalse();
        OperationOutcome outcome = new OperationRunner(on, ExecutionOptions.DEFAULTS, null, null).run(plan);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        return outcome.verification();
    }

    static List<String> names(OperationPlan plan) {
        return plan.steps().stream().map(s -> s.title().replaceFirst("^Create (and attach )?", "")).toList();
    }

    static Check check(OperationPlan plan, String name) {
        return plan.preflight().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + plan.preflight()));
    }

    public static List<String> rows(String database, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = PG.superuserConnection(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /** Children of a table with their bounds: {@code name | bound}. */
    public static List<String> partitionsOf(String database, String qualified) throws SQLException {
        return rows(database, "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '" + qualified.replace("'", "''")
                + "'::regclass ORDER BY c.relname");
    }

    /** Every relation of the database as the catalog describes it: columns, constraints, indexes, bounds. */
    public static List<String> catalog(String database) throws SQLException {
        return rows(database, "SELECT n.nspname, c.relname, c.relkind, c.relpersistence,"
                + " pg_get_expr(c.relpartbound, c.oid), (SELECT p.relname FROM pg_inherits i JOIN pg_class p"
                + " ON p.oid = i.inhparent WHERE i.inhrelid = c.oid),"
                + " (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '"
                + "   || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)"
                + "  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + "  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),"
                + " (SELECT string_agg(k.conname || ' ' || k.contype::text || ' ' || pg_get_constraintdef(k.oid) || ' '"
                + "   || k.convalidated, ', ' ORDER BY k.conname) FROM pg_constraint k WHERE k.conrelid = c.oid),"
                + " (SELECT string_agg(pg_get_indexdef(x.indexrelid), ', ' ORDER BY 1) FROM pg_index x"
                + "  WHERE x.indrelid = c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " AND c.relkind NOT IN ('S') ORDER BY 1, 2");
    }

    @Test
    void monthlySubPartitionedSetGetsTheSubPartitionsOfItsNewestSibling() throws Exception {
        OperationPlan plan = planner.plan("app.events", CreateRequest.next(2, Method.CREATE), null);
        assertThat(names(plan)).containsExactly("events_2026_05", "events_2026_06");
        assertThat(check(plan, "interval").message()).startsWith("monthly partitions, interval detected from events_2026_04: FROM ('2026-04-01");
        assertThat(check(plan, "names").message()).contains("events_<yyyy_MM>");
        assertThat(check(plan, "sub-partitioning").message()).contains("events_2026_04", "LIST (region)");
        assertThat(check(plan, "default partition").status()).isEqualTo(Check.Status.PASS);
        assertThat(plan.steps().get(0).statements().get(0))
                .startsWith("CREATE TABLE \"app\".\"events_2026_05\" PARTITION OF \"app\".\"events\" FOR VALUES FROM ('2026-05-01")
                .endsWith(" PARTITION BY LIST (region)");

        assertThat(run(database, plan)).extracting(Check::status).containsOnly(Check.Status.PASS);
        assertThat(partitionsOf(db, "app.events_2026_05")).containsExactly(
                "events_2026_05_default | DEFAULT", "events_2026_05_eu | FOR VALUES IN ('eu')",
                "events_2026_05_us | FOR VALUES IN ('us', 'ca')");
        assertThat(rows(db, "SELECT pg_get_partkeydef('app.events_2026_06'::regclass)")).containsExactly("LIST (region)");
    }

    @Test
    void everyIntervalAndNamingPattern() throws Exception {
        assertThat(names(planner.plan("app.call_logs", CreateRequest.next(2, Method.CREATE), null)))
                .containsExactly("call_logs_2026w20", "call_logs_2026w21");
        assertThat(names(planner.plan("app.metrics_daily", CreateRequest.next(1, Method.CREATE), null)))
                .containsExactly("metrics_daily_20260504");
        assertThat(names(planner.plan("app.readings", CreateRequest.next(1, Method.CREATE), null)))
                .containsExactly("readings_2026_05_04");
        assertThat(names(planner.plan("app.ticks", CreateRequest.next(2, Method.CREATE), null)))
                .containsExactly("ticks_2026_05_04_00", "ticks_2026_05_04_01");
        assertThat(names(planner.plan("app.ledger", CreateRequest.next(2, Method.CREATE), null)))
                .containsExactly("p2026q3", "p2026q4");
        assertThat(names(planner.plan("app.archive", CreateRequest.next(1, Method.CREATE), null)))
                .containsExactly("archive_2026");
        assertThat(names(planner.plan("app.t", CreateRequest.next(2, Method.CREATE), null)))
                .containsExactly("t_2000_3000", "t_3000_4000");
        assertThat(names(planner.plan("app.u", CreateRequest.next(1, Method.CREATE), null)))
                .containsExactly("u_p3");

        for (String table : List.of("app.call_logs", "app.metrics_daily", "app.readings", "app.ticks", "app.ledger",
                "app.archive", "app.t", "app.u")) {
            OperationPlan plan = planner.plan(table, CreateRequest.next(2, Method.CREATE), null);
            assertThat(run(database, plan)).as(table).extracting(Check::status).containsOnly(Check.Status.PASS);
        }
        assertThat(partitionsOf(db, "app.readings")).containsExactly(
                "readings_2026_05_03 | FOR VALUES FROM ('2026-05-03') TO ('2026-05-04')",
                "readings_2026_05_04 | FOR VALUES FROM ('2026-05-04') TO ('2026-05-05')",
                "readings_2026_05_05 | FOR VALUES FROM ('2026-05-05') TO ('2026-05-06')");
        // bigint bounds print quoted, integer bounds bare
        assertThat(partitionsOf(db, "app.t")).contains("t_3000_4000 | FOR VALUES FROM ('3000') TO ('4000')");
        assertThat(partitionsOf(db, "app.u")).contains("u_p4 | FOR VALUES FROM (400) TO (500)");
        assertThat(partitionsOf(db, "app.ledger")).contains(
                "p2026q4 | FOR VALUES FROM ('2026-10-01') TO ('2027-01-01')");
    }

    @Test
    void fromToIsCutAtTheInterval() throws Exception {
        OperationPlan plan = planner.plan("app.readings",
                CreateRequest.range("2026-05-04", "2026-05-20", "week", Method.CREATE), null);
        assertThat(names(plan)).containsExactly("readings_2026_05_04", "readings_2026_05_11", "readings_2026_05_18");
        run(database, plan);
        assertThat(partitionsOf(db, "app.readings")).contains(
                "readings_2026_05_18 | FOR VALUES FROM ('2026-05-18') TO ('2026-05-20')");
    }

    @Test
    void userTextIsParsedByTheServerNotPastedIntoSql() {
        assertThatThrownBy(() -> planner.plan("app.readings",
                CreateRequest.range("2026-05-04'); DROP TABLE app.t; --", "2026-06-01", null, Method.CREATE), null))
                .isInstanceOf(PartscopeException.class)
                .hasMessageContaining("--from")
                .satisfies(e -> assertThat(((PartscopeException) e).kind()).isEqualTo(ErrorKind.BAD_INPUT));
        assertThatThrownBy(() -> planner.plan("app.readings", CreateRequest.values(List.of("x"), Method.CREATE), null))
                .hasMessageContaining("--next N or --from/--to");
    }

    @Test
    void listCreatesOnePartitionPerValueAndRefusesValuesThatHaveAPartition() throws Exception {
        OperationPlan taken = planner.plan("app.orders", CreateRequest.values(List.of("FR", "DE"), Method.CREATE), null);
        assertThat(taken.refused()).isTrue();
        assertThat(check(taken, "overlap").message()).contains("'DE' already belongs to orders_de");

        OperationPlan plan = planner.plan("app.orders", CreateRequest.values(List.of("FR", "it's", "a\\b"), Method.ATTACH), null);
        assertThat(names(plan)).containsExactly("orders_fr", "orders_it_s", "orders_a_b");
        assertThat(run(database, plan)).extracting(Check::status).containsOnly(Check.Status.PASS);
        assertThat(partitionsOf(db, "app.orders")).contains("orders_fr | FOR VALUES IN ('FR')",
                "orders_it_s | FOR VALUES IN ('it''s')", "orders_a_b | FOR VALUES IN ('a\\b')");
    }

    @Test
    void defaultHoldingRowsOfANewRangeIsRefusedWithSplitDefault() throws Exception {
        OperationPlan list = planner.plan("app.orders", CreateRequest.values(List.of("NL"), Method.CREATE), null);
        assertThat(list.refused()).isTrue();
        assertThat(check(list, "default partition").message())
                .contains("holds 1 row", "orders_nl 1", "partscope op split-default --table app.orders")
                .doesNotContain("23514");

        OperationPlan range = planner.plan("app.events", CreateRequest.next(3, Method.ATTACH), null);
        assertThat(range.refused()).isTrue();
        assertThat(check(range, "default partition").message()).contains("events_2026_07 1", "split-default");
    }

    @Test
    void overlapAndExistingNamesAreRefusedBeforeTheServerSeesThem() throws Exception {
        OperationPlan overlap = planner.plan("app.readings",
                CreateRequest.range("2026-05-01", "2026-05-10", "day", Method.CREATE), null);
        assertThat(overlap.refused()).isTrue();
        assertThat(check(overlap, "overlap").message()).contains(
                "readings_2026_05_03 (FROM ('2026-05-03') TO ('2026-05-04')) would overlap readings_2026_05_03");

        PG.exec(db, "CREATE TABLE app.call_logs_2026w20 (x int)");
        OperationPlan clash = planner.plan("app.call_logs", CreateRequest.next(1, Method.CREATE), null);
        assertThat(clash.refused()).isTrue();
        assertThat(check(clash, "existing names").message()).contains("call_logs_2026w20");
    }

    @Test
    void aRoleThatDoesNotOwnTheTableIsRefused() throws Exception {
        PG.exec(db, "GRANT USAGE, CREATE ON SCHEMA app TO " + TestPostgres.PASSWORD_USER,
                "GRANT SELECT ON ALL TABLES IN SCHEMA app TO " + TestPostgres.PASSWORD_USER);
        try (Database asAlice = Database.open(PG.passwordUserSettings(db), DatabaseOptions.DEFAULTS)) {
            OperationPlan plan = new CreatePartitionsPlanner(asAlice).plan("app.events",
                    CreateRequest.next(1, Method.CREATE), null);
            assertThat(plan.refused()).isTrue();
            assertThat(check(plan, "owner").message()).contains("\"alice\" does not own app.events");
            OperationOutcome outcome = new OperationRunner(asAlice, ExecutionOptions.DEFAULTS, null, null).run(plan);
            assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.REFUSED);
        }
        assertThat(partitionsOf(db, "app.events")).noneSatisfy(r -> assertThat(r).startsWith("events_2026_05"));
    }

    @Test
    void aStepThatGetsNoLockIsRetriedThenFailsWithNothingHalfDone() throws Exception {
        OperationPlan plan = planner.plan("app.events", CreateRequest.next(1, Method.ATTACH), null);
        List<String> before = catalog(db);
        List<String> retries = new ArrayList<>();
        OperationOutcome outcome;
        try (TestPostgres.HeldLock lock = PG.holdAccessExclusiveLock(db, "app.events")) {
            outcome = new OperationRunner(database, ExecutionOptions.DEFAULTS.withRetries(2)
                    .withLockTimeout(java.time.Duration.ofMillis(100)), new io.partscope.core.ops.OperationListener() {
                        @Override
                        public void retrying(int stepIndex, int attempt, String reason, java.time.Duration backoff) {
                            retries.add(reason);
                        }
                    }, null).run(plan);
        }
        assertThat(outcome.status()).isNotEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(retries).hasSize(2);
        // the step is one transaction: the new table with its sub-partitions is gone with the rollback
        assertThat(catalog(db)).containsExactlyElementsOf(before);
        assertThat(run(database, plan)).extracting(Check::status).containsOnly(Check.Status.PASS);
    }

    @Test
    void hashCreatesOnlyTheMissingRemainders() throws Exception {
        OperationPlan plan = planner.plan("app.sessions", CreateRequest.missing(Method.CREATE), null);
        assertThat(names(plan)).containsExactly("sessions_p2");
        assertThat(plan.steps().get(0).statements().get(0)).startsWith("CREATE UNLOGGED TABLE");
        assertThat(run(database, plan)).extracting(Check::status).containsOnly(Check.Status.PASS);
        assertThat(partitionsOf(db, "app.sessions")).contains("sessions_p2 | FOR VALUES WITH (modulus 4, remainder 2)");
        assertThat(planner.plan("app.sessions", CreateRequest.missing(Method.CREATE), null).steps()).isEmpty();
    }

    @Test
    void namesWithoutAPatternFallBackWithAWarning() throws Exception {
        OperationPlan plan = planner.plan("app.logs", CreateRequest.next(1, Method.CREATE), null);
        assertThat(names(plan)).containsExactly("logs_2026_02");
        assertThat(check(plan, "names").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void hostileNamesWorkWithBothMethods() throws Exception {
        String odd = "\"Odd \"\"Schema\"\"\".\"My Events\"";
        OperationPlan plan = planner.plan(odd, CreateRequest.next(1, Method.ATTACH), null);
        assertThat(names(plan)).containsExactly("My Events 2026");
        assertThat(plan.steps().get(0).statements()).anySatisfy(s -> assertThat(s)
                .isEqualTo("LOCK TABLE \"Odd \"\"Schema\"\"\".\"My Events\" IN SHARE ROW EXCLUSIVE MODE"));
        assertThat(run(database, plan)).extracting(Check::status).containsOnly(Check.Status.PASS);
        OperationPlan second = planner.plan(odd, CreateRequest.next(1, Method.CREATE), null);
        assertThat(names(second)).containsExactly("My Events 2027");
        assertThat(run(database, second)).extracting(Check::status).containsOnly(Check.Status.PASS);
    }

    @Test
    void bothMethodsProduceIdenticalCatalogs() throws Exception {
        String other = newFixtureDatabase();
        try (Database otherDb = Database.open(PG.superuserSettings(other), DatabaseOptions.DEFAULTS)) {
            CreatePartitionsPlanner attach = new CreatePartitionsPlanner(otherDb);
            String odd = "\"Odd \"\"Schema\"\"\".\"My Events\"";
            for (String table : List.of("app.events", "app.t", "app.ticks", odd)) {
                run(database, planner.plan(table, CreateRequest.next(2, Method.CREATE), null));
                OperationPlan viaAttach = attach.plan(table, CreateRequest.next(2, Method.ATTACH), null);
                assertThat(viaAttach.steps().get(0).statements()).anySatisfy(s -> assertThat(s).contains("ATTACH PARTITION"));
                run(otherDb, viaAttach);
            }
            run(database, planner.plan("app.orders", CreateRequest.values(List.of("FR"), Method.CREATE), null));
            run(otherDb, attach.plan("app.orders", CreateRequest.values(List.of("FR"), Method.ATTACH), null));
            run(database, planner.plan("app.sessions", CreateRequest.missing(Method.CREATE), null));
            run(otherDb, attach.plan("app.sessions", CreateRequest.missing(Method.ATTACH), null));
        }
        assertThat(catalog(other)).containsExactlyElementsOf(catalog(db));
        assertThat(catalog(db)).anySatisfy(r -> assertThat(r).startsWith("app | events_2026_06_us |"));
    }

    @Test
    void planningChangesNothing() throws Exception {
        List<String> before = catalog(db);
        planner.plan("app.events", CreateRequest.next(2, Method.ATTACH), null);
        planner.plan("app.orders", CreateRequest.values(List.of("FR"), Method.CREATE), null);
        planner.plan("app.sessions", CreateRequest.missing(Method.CREATE), null);
        assertThat(catalog(db)).containsExactlyElementsOf(before);
    }
    @Test
    void aHugeNextIsRefusedBeforeAnyBoundIsComputed() {
        // bigint: the bounds were once computed in Java (OutOfMemoryError); date: by the server, until
        // statement_timeout. Both are refused with the cap before the catalog is even read.
        for (String set : List.of("app.t", "app.readings")) {
            assertThatThrownBy(() -> planner.plan(set, CreateRequest.next(1_000_000_000, Method.CREATE), null))
                    .isInstanceOfSatisfying(PartscopeException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT))
                    .hasMessage("--next 1000000000 asks for more than 1000 partitions; at most 1000 in one"
                            + " operation (run it again for more)");
        }
    }

    @Test
    void tooManyValuesAreRefusedBeforeAnyIsRead() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            values.add("V" + i);
        }
        assertThatThrownBy(() -> planner.plan("app.orders", CreateRequest.values(values, Method.CREATE), null))
                .hasMessage("--values gives 1001 values, one partition each; at most 1000 in one operation");
    }

    @Test
    void aFromToRangeOfMoreThanTheCapIsRefused() {
        assertThatThrownBy(() -> planner.plan("app.readings",
                CreateRequest.range("2000-01-01", "2100-01-01", "day", Method.CREATE), null))
                .isInstanceOfSatisfying(PartscopeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT))
                .hasMessageContaining("more than 1000 partitions asked for")
                .hasMessageContaining("at most 1000 in one operation");
    }

    @Test
    void boundsInTheYear10000AreNamedWithTheWholeYear() throws Exception {
        PG.exec(db, "CREATE TABLE app.far (d date NOT NULL) PARTITION BY RANGE (d)",
                "CREATE TABLE app.far_9999_11 PARTITION OF app.far FOR VALUES FROM ('9999-11-01') TO ('9999-12-01')",
                "CREATE TABLE app.far_9999_12 PARTITION OF app.far FOR VALUES FROM ('9999-12-01') TO ('10000-01-01')");
        OperationPlan plan = planner.plan("app.far", CreateRequest.next(2, Method.CREATE), null);
        assertThat(names(plan)).containsExactly("far_10000_01", "far_10000_02");
        assertThat(plan.steps().get(0).statements().get(0)).endsWith("FOR VALUES FROM ('10000-01-01') TO"
                + " ('10000-02-01')");
        assertThat(run(database, plan)).allMatch(c -> c.status() == Check.Status.PASS);

        // the newest partition is now in the year 10000 itself: its interval and name are still read
        OperationPlan again = planner.plan("app.far", CreateRequest.next(1, Method.CREATE), null);
        assertThat(names(again)).containsExactly("far_10000_03");
        assertThat(check(again, "interval").message()).contains("detected from far_10000_02");
    }

    @Test
    void bcBoundsAreRefusedWithAMessageNotNamedAsIfTheyWereAd() {
        PG.exec(db, "CREATE TABLE app.ancient (d date NOT NULL) PARTITION BY RANGE (d)",
                "CREATE TABLE app.ancient_1 PARTITION OF app.ancient FOR VALUES FROM ('2026-01-01') TO"
                        + " ('2027-01-01')");
        assertThatThrownBy(() -> planner.plan("app.ancient",
                CreateRequest.range("0044-01-01 BC", "0042-01-01 BC", "year", Method.CREATE), null))
                .isInstanceOfSatisfying(PartscopeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT))
                .hasMessageContaining("'0044-01-01 BC'")
                .hasMessageContaining("BC dates and infinity are not supported");
    }

    @Test
    void theSuggestedSplitDefaultCommandPastesAsOneArgument() throws Exception {
        PG.exec(db, "CREATE SCHEMA \"it's\"",
                "CREATE TABLE \"it's\".\"$(touch /tmp/pwned)\" (n int NOT NULL) PARTITION BY RANGE (n)",
                "CREATE TABLE \"it's\".p_0_10 PARTITION OF \"it's\".\"$(touch /tmp/pwned)\" FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE \"it's\".d PARTITION OF \"it's\".\"$(touch /tmp/pwned)\" DEFAULT",
                "INSERT INTO \"it's\".\"$(touch /tmp/pwned)\" VALUES (15)");
        OperationPlan plan = planner.plan("\"it's\".\"$(touch /tmp/pwned)\"", CreateRequest.next(1, Method.CREATE),
                null);
        String message = check(plan, "default partition").message();
        String command = message.substring(message.indexOf("partscope op split-default"));
        assertThat(command).isEqualTo("partscope op split-default --table '\"it'\\''s\".\"$(touch /tmp/pwned)\"'");
        assertThat(shellWords(command)).containsExactly("partscope", "op", "split-default", "--table",
                "\"it's\".\"$(touch /tmp/pwned)\"");
    }

    /** The words a POSIX shell makes of a pasted command line (printed one a line, never run). */
    public static List<String> shellWords(String commandLine) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\n' " + commandLine).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return List.of(out.split("\n"));
    }
}
