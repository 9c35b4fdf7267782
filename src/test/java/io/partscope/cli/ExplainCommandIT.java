package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.partscope.core.db.ErrorKind;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partscope explain} as a user runs it: the JSON contract, the report, --compare, input, exit codes. */
class ExplainCommandIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final String PREPARE = "PREPARE q(int) AS SELECT * FROM m WHERE k = $1";
    private static String db;
    private static String url;

    @BeforeAll
    static void load() {
        db = PG.newDatabase("explaincli");
        List<String> sql = new ArrayList<>(List.of(
                "CREATE TABLE m (k int NOT NULL, v text) PARTITION BY RANGE (k)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20)",
                "CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
                "CREATE TABLE m_4 PARTITION OF m FOR VALUES FROM (30) TO (40)",
                "INSERT INTO m SELECT g % 40, 'x' FROM generate_series(1, 400) g",
                "CREATE TABLE big (n int NOT NULL) PARTITION BY LIST (n)",
                "CREATE TABLE plain (id int)",
                "CREATE TABLE canary (id int)",
                "CREATE TABLE counted (id serial, v int)",
                "INSERT INTO counted (v) SELECT g FROM generate_series(1, 50) g"));
        IntStream.rangeClosed(1, 15).forEach(i -> sql.add("CREATE TABLE big_" + i + " PARTITION OF big FOR VALUES IN ("
                + i + ")"));
        sql.add("ANALYZE");
        PG.exec(db, sql.toArray(String[]::new));
        url = PG.superuserUrl(db);
    }

    private static CliRun explain(String... args) {
        List<String> all = new ArrayList<>(List.of("explain", "--url", url));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the document ends its line (the writer once closed stdout, and the newline after it was lost)
        assertThat(run.out()).endsWith("}" + System.lineSeparator());
        return Json.mapper().readTree(run.out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void jsonFollowsTheContractFieldForField() throws Exception {
        JsonNode r = json(explain("--json", "SELECT * FROM m WHERE k < 15"));

        assertThat(fieldNames(r)).containsExactly("query", "setup", "analyze", "server_version", "targets",
                "findings", "planning_time_ms", "execution_time_ms", "rolled_back", "read_only", "warning", "plan");
        assertThat(r.path("query").asText()).isEqualTo("SELECT * FROM m WHERE k < 15");
        assertThat(r.path("setup")).isEmpty();
        assertThat(r.path("analyze").asBoolean()).isFalse();
        assertThat(r.path("server_version").asText()).startsWith(Integer.toString(PG.major()));
        assertThat(r.path("findings").isArray()).isTrue();
        assertThat(r.path("planning_time_ms").isNumber()).isTrue();
        assertThat(r.path("execution_time_ms").isNull()).isTrue();
        assertThat(r.path("rolled_back").asBoolean()).isFalse();
        assertThat(r.path("read_only").asBoolean()).isTrue();
        assertThat(r.path("warning").isNull()).isTrue();

        assertThat(r.path("targets")).hasSize(1);
        JsonNode t = r.path("targets").get(0);
        assertThat(fieldNames(t)).containsExactly("schema", "name", "kind", "leaf_count", "scanned", "pruned",
                "subplans_removed", "never_executed", "removed_at_executor_start");
        assertThat(t.path("schema").asText()).isEqualTo("public");
        assertThat(t.path("name").asText()).isEqualTo("m");
        assertThat(t.path("kind").asText()).isEqualTo("declarative");
        assertThat(t.path("leaf_count").asInt()).isEqualTo(4);
        assertThat(texts(t.path("scanned"))).containsExactly("public.m_1", "public.m_2");
        assertThat(texts(t.path("pruned"))).containsExactly("public.m_3", "public.m_4");
        assertThat(t.path("subplans_removed").asInt()).isZero();
        assertThat(t.path("never_executed")).isEmpty();
        assertThat(t.path("removed_at_executor_start")).isEmpty();

        // The server's own EXPLAIN JSON, passed through as JSON (not as a string).
        JsonNode plan = r.path("plan");
        assertThat(plan.isArray()).isTrue();
        assertThat(plan.get(0).path("Plan").path("Node Type").asText()).isEqualTo("Append");
        assertThat(plan.get(0).path("Plan").path("Plans")).hasSize(2);
    }

    @Test
    void aQueryWithoutPartitionSetsHasNoTargets() throws Exception {
        JsonNode r = json(explain("--json", "SELECT * FROM plain"));
        assertThat(r.path("targets").isArray()).isTrue();
        assertThat(r.path("targets")).isEmpty();
        CliRun text = explain("SELECT * FROM plain");
        assertThat(text.out()).contains("The query reads no partition set");
    }

    @Test
    void reportNamesWhatWasScannedAndCountsThePruned() {
        CliRun run = explain("SELECT * FROM m WHERE k < 15");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("PostgreSQL " + PG.major())
                .contains("public.m: scanned 2 of 4 (m_1, m_2), pruned at plan time: 2\n")
                .doesNotContain("never executed")
                .containsPattern("\nPlan: estimated cost [0-9.,]+, [0-9,]+ rows estimated, planning [0-9.]+ ms\n");
    }

    @Test
    void reportAbbreviatesLongListsUnlessAskedForAll() {
        CliRun run = explain("SELECT * FROM big");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("public.big: scanned 15 of 15 (big_1, big_2, big_3, big_4, big_5, big_6, big_7, "
                + "big_8, big_9, big_10, … and 5 more), pruned at plan time: 0");

        CliRun listed = explain("--list", "SELECT * FROM big WHERE n > 3");
        assertThat(listed.out()).contains("public.big: scanned 12 of 15 (big_4, big_5, big_6, big_7, big_8, big_9, big_10, "
                + "big_11, big_12, big_13, big_14, big_15), pruned at plan time: 3 (big_1, big_2, big_3)")
                .doesNotContain("more)");
    }

    @Test
    void analyzeReportsNeverExecutedAndActualFigures() throws Exception {
        CliRun run = explain("--analyze", "SELECT * FROM m WHERE k = (SELECT 25)");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("EXPLAIN ANALYZE")
                .contains("public.m: scanned 4 of 4 (m_1, m_2, m_3, m_4), pruned at plan time: 0\n"
                        + "  never executed: 3 (m_1, m_2, m_4)\n")
                .containsPattern("execution [0-9.]+ ms, 10 rows, shared buffers [0-9,]+ hit, [0-9,]+ read");
    }

    @Test
    void analyzeOfADeleteLeavesTheRowsAndSaysItWasRolledBack() throws Exception {
        JsonNode r = json(explain("--analyze", "--json", "DELETE FROM m WHERE k < 20"));
        assertThat(r.path("rolled_back").asBoolean()).isTrue();
        assertThat(r.path("analyze").asBoolean()).isTrue();
        assertThat(r.path("execution_time_ms").isNumber()).isTrue();
        assertThat(r.path("plan").get(0).path("Plan").path("Node Type").asText()).isEqualTo("ModifyTable");
        assertThat(texts(r.path("targets").get(0).path("scanned"))).containsExactly("public.m_1", "public.m_2");
        assertThat(PG.queryString(db, "SELECT count(*) FROM m")).isEqualTo("400");

        CliRun text = explain("--analyze", "DELETE FROM m WHERE k >= 20");
        assertThat(text.out()).contains("(the statement's changes were rolled back)");
        assertThat(PG.queryString(db, "SELECT count(*) FROM m")).isEqualTo("400");
    }

    @Test
    void readOnlyRefusesTheAnalyzeOfADeleteBeforeAnythingRunsAndStillExplainsWithoutAnalyze() throws Exception {
        CliRun refused = explain("--read-only", "--analyze", "DELETE FROM m WHERE k < 20");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(11);
        assertThat(refused.err()).contains("read-only").doesNotContain("Exception");
        assertThat(PG.queryString(db, "SELECT count(*) FROM m")).isEqualTo("400");

        JsonNode planOnly = json(explain("--read-only", "--json", "DELETE FROM m WHERE k < 20"));
        assertThat(planOnly.path("read_only").asBoolean()).isTrue();
        assertThat(planOnly.path("analyze").asBoolean()).isFalse();
    }

    @Test
    void compareCustomWithGenericPlanShowsExecutorStartPruning() throws Exception {
        JsonNode r = json(explain("--json", "--setup", PREPARE,
                "--setup-a", "SET plan_cache_mode = force_custom_plan",
                "--setup-b", "SET plan_cache_mode = force_generic_plan", "--compare", "EXECUTE q(5)"));
        assertThat(fieldNames(r)).containsExactly("a", "b", "comparison");
        assertThat(texts(r.path("a").path("setup"))).containsExactly(PREPARE, "SET plan_cache_mode = force_custom_plan");
        assertThat(texts(r.path("b").path("setup"))).containsExactly(PREPARE, "SET plan_cache_mode = force_generic_plan");
        JsonNode tb = r.path("b").path("targets").get(0);
        assertThat(texts(tb.path("scanned"))).containsExactly("public.m_1");
        assertThat(texts(tb.path("removed_at_executor_start"))).containsExactly("public.m_2", "public.m_3",
                "public.m_4");
        assertThat(tb.path("subplans_removed").asInt()).isEqualTo(3);

        JsonNode c = r.path("comparison");
        assertThat(fieldNames(c)).containsExactly("verdict", "sets", "a", "b", "node_types");
        JsonNode set = c.path("sets").get(0);
        assertThat(fieldNames(set)).containsExactly("schema", "name", "kind", "leaf_count", "a", "b", "changed");
        assertThat(fieldNames(set.path("a"))).containsExactly("scanned", "pruned_at_plan_time",
                "removed_at_executor_start", "never_executed");
        assertThat(set.path("a").path("pruned_at_plan_time").asInt()).isEqualTo(3);
        assertThat(set.path("b").path("removed_at_executor_start").asInt()).isEqualTo(3);
        assertThat(set.path("changed")).hasSize(3);
        assertThat(set.path("changed").get(0).toString())
                .isEqualTo("{\"name\":\"public.m_2\",\"a\":\"pruned_at_plan_time\",\"b\":\"removed_at_executor_start\"}");
        assertThat(c.path("verdict").asText()).startsWith("both read 1 of 4 partitions; removed at executor start 0 -> 3");

        CliRun text = explain("--setup", PREPARE, "--setup-a", "SET plan_cache_mode = force_custom_plan",
                "--setup-b", "SET plan_cache_mode = force_generic_plan", "--compare", "EXECUTE q(5)");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("A: EXECUTE q(5)   [setup: " + PREPARE + "; SET plan_cache_mode = "
                        + "force_custom_plan]")
                .containsPattern("\n  removed at executor start +0 +3\n")
                .contains("  pruned at plan time -> removed at executor start: 3 (m_2, m_3, m_4)")
                .contains("Verdict: both read 1 of 4 partitions; removed at executor start 0 -> 3");
    }

    @Test
    void compareTwoQueriesShowsTheRewriteReadsFewerPartitions() throws Exception {
        JsonNode r = json(explain("--json", "--compare", "--query-b", "SELECT * FROM m WHERE k = 5",
                "SELECT * FROM m WHERE k::text = '5'"));
        JsonNode c = r.path("comparison");
        assertThat(c.path("verdict").asText()).startsWith("B reads 1 of 4 partitions instead of 4; estimated cost ");
        assertThat(c.path("a").path("partitions_scanned").asInt()).isEqualTo(4);
        assertThat(c.path("b").path("partitions_scanned").asInt()).isEqualTo(1);
        List<String> types = new ArrayList<>();
        c.path("node_types").forEach(n -> types.add(n.path("node_type").asText() + " " + n.path("a").asInt() + " -> "
                + n.path("b").asInt()));
        assertThat(types).containsExactly("Append 1 -> 0", "Seq Scan 4 -> 1");
        assertThat(c.path("sets").get(0).path("changed")).hasSize(3);

        CliRun text = explain("--compare", "--query-b", "SELECT * FROM m WHERE k = 5",
                "SELECT * FROM m WHERE k::text = '5'");
        assertThat(text.out()).containsPattern("\n  scanned +4 +1\n")
                .contains("  scanned -> pruned at plan time: 3 (m_2, m_3, m_4)")
                .contains("  node types: Append 1 -> 0, Seq Scan 4 -> 1")
                .contains("Verdict: B reads 1 of 4 partitions instead of 4; estimated cost ");
    }

    @Test
    void compareFlagsWithoutCompareOrWithoutAVariantAndAFailingSideAreBadInput() {
        CliRun noCompare = explain("--query-b", "SELECT 1", "SELECT * FROM m");
        assertThat(noCompare.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(noCompare.err()).contains("need --compare");
        CliRun badB = explain("--compare", "--query-b", "SELECT nope FROM m", "SELECT * FROM m");
        assertThat(badB.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(badB.err()).startsWith("partscope: bad input: B: the query failed: column \"nope\" does not exist");
        assertThat(badB.out()).isEmpty();
        CliRun noVariant = explain("--compare", "SELECT * FROM m");
        assertThat(noVariant.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(noVariant.err()).contains("--compare needs a second variant");
    }

    @Test
    void twoStatementsOrASyntaxErrorAreBadInputWithoutAStackTrace() {
        CliRun two = explain("SELECT * FROM m; DELETE FROM m");
        assertThat(two.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(two.err()).startsWith("partscope: bad input: the query holds more than one statement")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(two.out()).isEmpty();

        CliRun syntax = explain("SELEC * FROM m");
        assertThat(syntax.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(syntax.err()).contains("the query failed: syntax error at or near \"SELEC\"")
                .contains("sqlstate: 42601").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(syntax.out()).isEmpty();

        CliRun setup = explain("--setup", "DROP TABLE m", "SELECT * FROM m");
        assertThat(setup.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(setup.err()).contains("setup statement 1 tried to change the database, and explain runs it "
                + "read-only: cannot execute DROP TABLE in a read-only transaction");
        assertThat(PG.queryString(db, "SELECT to_regclass('m') IS NOT NULL")).isEqualTo("t");
    }

    @Test
    void statementTimeoutEndsTheExplainWithQueryCancelled() {
        CliRun run = explain("--analyze", "--statement-timeout", "300ms", "SELECT pg_sleep(10) FROM m WHERE k = 1");
        assertThat(run.exitCode()).isEqualTo(ErrorKind.QUERY_CANCELLED.exitCode());
        assertThat(run.err()).startsWith("partscope: query cancelled");
    }

    @Test
    void theQueryComesFromStdinOrAFile(@TempDir Path dir) throws Exception {
        CliRun stdin = CliRun.runWithInput("-- from a pipe\nSELECT *\n  FROM m\n WHERE k = 25;\n", "explain", "--url",
                url, "--json", "-");
        assertThat(texts(json(stdin).path("targets").get(0).path("scanned"))).containsExactly("public.m_3");

        Path file = dir.resolve("q.sql");
        Files.writeString(file, "SELECT * FROM m WHERE k >= 30 -- the last one\n");
        JsonNode fromFile = json(explain("--json", "@" + file));
        assertThat(texts(fromFile.path("targets").get(0).path("scanned"))).containsExactly("public.m_4");

        CliRun missing = explain("@" + dir.resolve("nope.sql"));
        assertThat(missing.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(missing.err()).contains("nope.sql: no such file");
    }

    private static void assertCanaryAndCountsUnchanged() {
        assertThat(PG.queryString(db, "SELECT to_regclass('canary') IS NOT NULL")).isEqualTo("t");
        assertThat(PG.queryString(db, "SELECT count(*) FROM counted")).isEqualTo("50");
        assertThat(PG.queryString(db, "SELECT count(*) FROM m")).isEqualTo("400");
    }

    @Test
    void theReportedExploitsAreRefusedAndDropNothing() {
        CliRun dollar = explain("SELECT 1 AS x€$$; COMMIT; DROP TABLE canary; --$$");
        assertThat(dollar.exitCode()).as(dollar.err()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(dollar.err()).startsWith("partscope: bad input: the query holds more than one statement");
        assertCanaryAndCountsUnchanged();

        CliRun backslash = explain("--setup", "SET standard_conforming_strings = off",
                "SELECT '\\'' ; COMMIT; DROP TABLE canary; --'");
        assertThat(backslash.exitCode()).as(backslash.err()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(backslash.err()).startsWith("partscope: bad input: the query holds more than one statement");
        assertCanaryAndCountsUnchanged();

        CliRun inSetup = explain("--setup", "SET application_name = x€$$; DROP TABLE canary; --$$", "SELECT 1");
        assertThat(inSetup.exitCode()).as(inSetup.err()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(inSetup.err()).startsWith("partscope: bad input: setup statement 1 holds more than one statement");
        assertCanaryAndCountsUnchanged();

        CliRun delete = explain("--setup", "CREATE TEMP TABLE z AS WITH d AS (DELETE FROM counted WHERE id < 10 "
                + "RETURNING *) SELECT * FROM d", "SELECT * FROM z");
        assertThat(delete.exitCode()).as(delete.err()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(delete.err()).contains("would run a query before the transaction turns read-only")
                .contains("WITH NO DATA");
        assertCanaryAndCountsUnchanged();
    }

    @Test
    void analyzeOfADataModifyingStatementWarnsOnStderrBeforeItRuns() throws Exception {
        CliRun run = explain("--analyze", "--json", "INSERT INTO counted (v) SELECT g FROM generate_series(1, 10) g");
        JsonNode r = json(run);
        assertThat(run.err()).startsWith("partscope: warning: EXPLAIN ANALYZE runs this data-modifying statement")
                .contains("sequences it advances").contains("dead tuples");
        assertThat(r.path("read_only").asBoolean()).isFalse();
        assertThat(r.path("warning").asText()).contains("sequences it advances");
        assertThat(r.path("rolled_back").asBoolean()).isTrue();
        assertCanaryAndCountsUnchanged();

        CliRun select = explain("--analyze", "SELECT * FROM m");
        assertThat(select.exitCode()).as(select.err()).isZero();
        assertThat(select.err()).isEmpty();
    }

    @Test
    void aSetupCommitIsRefusedByName() {
        CliRun run = explain("--setup", "COMMIT", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(run.err()).startsWith("partscope: bad input: setup statement 1 would end the transaction Partscope "
                + "rolls back (COMMIT): COMMIT");
    }

    @Test
    void ctrlCExitsWithQueryCancelled() throws Exception {
        // A real process: the JVM turns SIGINT into shutdown hooks and exit code 130 unless the command says otherwise.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.partscope.Main", "explain", "--url", url, "--analyze",
                "SELECT pg_sleep(60), 'ctrl-c-test'");
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path err = Files.createTempFile("explain-ctrl-c", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            PG.awaitTrue(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'EXPLAIN%ctrl-c-test%'"
                    + " AND state = 'active')");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isEqualTo(ErrorKind.QUERY_CANCELLED.exitCode());
            assertThat(Files.readString(err)).contains("partscope: query cancelled");
            PG.awaitTrue(db, "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'EXPLAIN%ctrl-c-test%'"
                    + " AND state = 'active')");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }
}
