package io.partscope.cli.op;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.core.db.Environment;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.JournalEntry;
import io.partscope.support.CliRun;
import io.partscope.support.RequiresServerVersion;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partscope op freeze} end to end on a real server: plan, --dry-run, --yes in text and JSON, refusals. */
class OpFreezeCommandIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = PG.newDatabase("opfreeze");
        PG.exec(db, "CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025_01 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE public.events_2025_02 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "INSERT INTO public.events SELECT g, date '2025-01-01' + (g % 59) FROM generate_series(1, 5000) g");
        String[] burn = new String[2000];
        Arrays.fill(burn, "SELECT txid_current()");
        PG.exec(db, burn);
        PG.exec(db, "CREATE TABLE public.events_2025_03 PARTITION OF public.events"
                + " FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')");
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private String url() {
        return PG.superuserUrl(db);
    }

    /** What the operation could change: the set's pg_class and pg_inherits rows. */
    private String catalogDump() {
        return PG.queryString(db, "SELECT string_agg(concat_ws(' ', c.relname, c.relkind, c.relfrozenxid,"
                + " c.relpages, c.reltuples, i.inhparent::regclass), E'\\n' ORDER BY c.relname) FROM pg_class c"
                + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid WHERE c.relname LIKE 'events%'");
    }

    private long age(String table) {
        return Long.parseLong(PG.queryString(db, "SELECT age(relfrozenxid) FROM pg_class WHERE relname = '"
                + table + "'"));
    }

    private List<JournalEntry> journal() throws Exception {
        return Journal.standard(env).read();
    }

    @Test
    void readOnlyRefusesTheFreeze() {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age", "0",
                "--yes", "--read-only");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(11);
        assertThat(run.out()).contains("the connection is marked read-only (production)");
        assertThat(catalogDump()).isEqualTo(before);
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        String before = catalogDump();
        // XIDs are cluster-wide: other tests age every partition alike, the 2,000 between these stay.
        long threshold = (age("events_2025_02") + age("events_2025_03")) / 2;
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age",
                Long.toString(threshold), "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Freeze 2 of 3 partitions of public.events (XID age >= "
                        + String.format(java.util.Locale.ROOT, "%,d", threshold) + ")")
                .contains("VACUUM (FREEZE) \"public\".\"events_2025_01\";")
                .contains("VACUUM (FREEZE) \"public\".\"events_2025_02\";")
                .doesNotContain("events_2025_03\";")
                .contains("locks SHARE UPDATE EXCLUSIVE on public.events_2025_01")
                .contains("Dry run: nothing was changed.");
        assertThat(catalogDump()).isEqualTo(before);
        assertThat(journal()).isEmpty();
    }

    @Test
    void withoutYesNothingRunsAndTheExitCodeSaysSo() throws Exception {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age", "0");
        assertThat(run.exitCode()).isEqualTo(13);
        assertThat(run.out()).contains("Nothing was changed: add --yes to run it.");
        assertThat(catalogDump()).isEqualTo(before);
    }

    @Test
    void yesRunsShowsStepsAndTheAgeTableAndJournalsIt() throws Exception {
        long before1 = age("events_2025_01");
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--older-than",
                "2025-03-01", "--analyze", "--yes");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[1/2] VACUUM (FREEZE, ANALYZE) public.events_2025_01 \u2014 XID age ")
                .contains("[2/2] VACUUM (FREEZE, ANALYZE) public.events_2025_02")
                .contains("SUCCEEDED: 2 steps done, verified")
                .contains("Verification (XID age before -> after):")
                .containsPattern("public\\.events_2025_01 +[\\d,]+ -> [\\d,]+  lower");
        assertThat(age("events_2025_01")).isLessThan(before1);
        List<JournalEntry> entries = journal();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).kind()).isEqualTo("freeze");
        assertThat(entries.get(0).outcome()).isEqualTo("succeeded");
        assertThat(entries.get(0).steps()).hasSize(2).allSatisfy(s -> {
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.statements().get(0).sql()).startsWith("VACUUM (FREEZE, ANALYZE) ");
        });
    }

    @Test
    void jsonHasThePlanTheOutcomeAndTheAges() throws Exception {
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age-pct",
                "0", "--yes", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("plan").path("kind").asText()).isEqualTo("freeze");
        assertThat(doc.path("plan").path("steps")).hasSize(3);
        assertThat(doc.path("plan").path("steps").get(0).path("locks").get(0).path("mode").asText())
                .isEqualTo("SHARE UPDATE EXCLUSIVE");
        assertThat(doc.path("outcome").path("status").asText()).isEqualTo("succeeded");
        assertThat(doc.path("partitions")).hasSize(3);
        assertThat(doc.path("ages")).hasSize(3);
        for (JsonNode a : doc.path("ages")) {
            assertThat(a.path("after").asLong()).as(a.toString()).isLessThan(a.path("before").asLong());
        }
    }

    @Test
    void readOnlySessionIsRefusedAndJournaled() throws Exception {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "freeze", "--url",
                url() + "?options=-c%20default_transaction_read_only%3Don", "--table", "public.events",
                "--min-age", "0", "--yes");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(11);
        assertThat(run.out()).contains("default_transaction_read_only").contains("REFUSED");
        assertThat(catalogDump()).isEqualTo(before);
        assertThat(journal()).extracting(JournalEntry::outcome).containsExactly("refused");
    }

    @Test
    void badInputIsAMessageNotAStackTrace() {
        CliRun none = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--min-age").doesNotContain("Exception");
        CliRun missing = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.nope", "--min-age", "1");
        assertThat(missing.exitCode()).isEqualTo(10);
        assertThat(missing.err()).contains("public.nope").doesNotContain("Exception");
    }

    @Test
    void aHeldLockIsRetriedThenFailsWithWhatIsLeft() throws Exception {
        try (TestPostgres.HeldLock lock = PG.holdAccessExclusiveLock(db, "public.events_2025_02")) {
            CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events",
                    "--older-than", "2025-03-01", "--lock-timeout", "100ms", "--retries", "1", "--yes");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(9);
            assertThat(run.out()).contains("[1/2] VACUUM (FREEZE) public.events_2025_01")
                    .contains("lock not granted within 100 ms (needs SHARE UPDATE EXCLUSIVE on"
                            + " public.events_2025_02)")
                    .contains("attempt 2 in 500 ms")
                    .contains("FAILED: failed at step 2 of 2 (VACUUM (FREEZE) public.events_2025_02")
                    .contains("no lock after 2 attempts").contains("step 1 is done");
        }
        JournalEntry entry = journal().get(0);
        assertThat(entry.outcome()).isEqualTo("failed");
        assertThat(entry.steps().get(1).attempts()).isEqualTo(2);
        assertThat(entry.steps().get(1).sqlState()).isEqualTo("55P03");
    }

    @Test
    void vacuumOptionsAreInThePlansSql() {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age", "0",
                "--skip-locked", "--parallel", "2", "--cost-delay", "2.5", "--analyze", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("SET vacuum_cost_delay = '2\\.5ms';\\s+VACUUM \\(FREEZE, ANALYZE,"
                        + " SKIP_LOCKED, PARALLEL 2\\) \"public\"\\.\"events_2025_01\";")
                .contains("VACUUM (FREEZE, ANALYZE, SKIP_LOCKED, PARALLEL 2) \"public\".\"events_2025_03\";")
                .contains("Dry run: nothing was changed.");
        assertThat(catalogDump()).isEqualTo(before);
    }

    @Test
    @RequiresServerVersion(min = 16)
    void bufferUsageLimitIsInTheSqlOnPostgres16AndNewer() {
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age", "0",
                "--buffer-usage-limit", "16MB", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("VACUUM (FREEZE, BUFFER_USAGE_LIMIT '16MB') \"public\".\"events_2025_01\";");
    }

    @Test
    @RequiresServerVersion(max = 15)
    void bufferUsageLimitIsRefusedInPlainWordsBeforePostgres16() {
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age", "0",
                "--buffer-usage-limit", "16MB", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("BUFFER_USAGE_LIMIT needs PostgreSQL 16 or newer; this server is "
                + PG.major()).doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("VACUUM");
    }

    @Test
    void badVacuumOptionsAreClearMessages() {
        String[][] cases = {
            {"--parallel", "-1", "PARALLEL must be between 0 and 1024 workers"},
            {"--cost-delay", "500", "the cost delay must be between 0 and 100 ms (vacuum_cost_delay)"},
            {"--buffer-usage-limit", "lots", "BUFFER_USAGE_LIMIT: \"lots\" is not a size (examples: 256kB, 16MB,"
                    + " 1GB, 0)"},
            {"--parallel", "two", "'two' is not an int"}};
        for (String[] c : cases) {
            CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age",
                    "0", c[0], c[1], "--dry-run");
            assertThat(run.exitCode()).as(String.join(" ", c) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", c)).contains(c[2]).doesNotContain("Exception");
        }
    }

    @Test
    void nothingMatchingIsNothingToDo() {
        CliRun run = CliRun.run(env, "op", "freeze", "--url", url(), "--table", "public.events", "--min-age",
                "2000000000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Freeze 0 of 3 partitions").contains("Nothing to do.");
    }
}
