package io.partscope.cli.op;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partscope op split-default} end to end: the analysis, --dry-run, --yes in text and JSON, refusals. */
class OpSplitDefaultCommandIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = PG.newDatabase("opsplit");
        PG.exec(db, "CREATE SCHEMA shop",
                "CREATE TABLE shop.orders (id bigint NOT NULL, placed date NOT NULL, total numeric,"
                        + " PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed)",
                "CREATE TABLE shop.orders_2025_01 PARTITION OF shop.orders FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE shop.orders_default PARTITION OF shop.orders DEFAULT",
                "INSERT INTO shop.orders SELECT g, date '2025-01-01' + (g % 90), g FROM generate_series(1, 900) g");
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private CliRun op(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "op";
        all[1] = "split-default";
        all[2] = "--url";
        all[3] = PG.superuserUrl(db);
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.run(env, all);
    }

    private String partitions() {
        return PG.queryString(db, "SELECT string_agg(c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid), E'\\n'"
                + " ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'shop.orders'::regclass");
    }

    @Test
    void readOnlyRefusesTheSplit() {
        String before = partitions();
        CliRun run = op("--table", "shop.orders", "--yes", "--read-only");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(11);
        assertThat(run.out()).contains("the connection is marked read-only (production)");
        assertThat(partitions()).isEqualTo(before);
    }

    @Test
    void ctrlCWhilePlanningCancelsTheServerQueryAndExitsWithQueryCancelled() throws Exception {
        // The planner reads the DEFAULT's rows; an ACCESS EXCLUSIVE lock held elsewhere makes that read wait (no
        // lock_timeout), so Ctrl-C arrives during planning. A real process: the JVM exits 130 unless we say 9.
        try (TestPostgres.HeldLock lock = PG.holdAccessExclusiveLock(db, "shop.orders_default")) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.partscope.Main", "op", "split-default",
                    "--url", PG.superuserUrl(db), "--table", "shop.orders", "--dry-run", "--lock-timeout", "0",
                    "--statement-timeout", "0");
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            pb.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Path err = Files.createTempFile("op-ctrl-c", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String waiting = "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name LIKE 'partscope%' AND wait_event_type = 'Lock')";
            try {
                PG.awaitTrue(db, waiting);
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(err)).isEqualTo(ErrorKind.QUERY_CANCELLED.exitCode());
                assertThat(Files.readString(err)).contains("partscope: query cancelled");
                PG.awaitTrue(db, "SELECT NOT (" + waiting.substring("SELECT ".length()) + ")");
            } finally {
                p.destroyForcibly();
                Files.deleteIfExists(err);
            }
        }
    }

    @Test
    void dryRunShowsTheAnalysisAndThePlanAndChangesNothing() {
        String before = partitions();
        CliRun run = op("--table", "shop.orders", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"shop\".\"orders_default\": 590 rows")
                .contains("orders_2025_02", "orders_2025_03", "280 rows", "310 rows")
                .contains("LOCK TABLE \"shop\".\"orders\" IN SHARE ROW EXCLUSIVE MODE")
                .contains("ATTACH PARTITION \"shop\".\"orders_2025_03\" FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')")
                .contains("Dry run: nothing was changed.");
        assertThat(partitions()).isEqualTo(before);
        CliRun notConfirmed = op("--table", "shop.orders");
        assertThat(notConfirmed.exitCode()).isEqualTo(OpOptions.NOT_CONFIRMED_EXIT);
        assertThat(partitions()).isEqualTo(before);
    }

    @Test
    void yesSplitsAndPrintsTheVerificationInJson() throws Exception {
        CliRun run = op("--table", "shop.orders", "--yes", "--json", "--copy-ahead-rows", "300");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("run").asText()).isEqualTo("succeeded");
        assertThat(doc.path("analysis").path("default_rows").asLong()).isEqualTo(590);
        assertThat(doc.path("analysis").path("partitions")).hasSize(2);
        assertThat(doc.path("analysis").path("partitions").get(1).path("copy_ahead").asBoolean()).isTrue();
        assertThat(doc.toString()).contains("590 rows in the DEFAULT before = 590 moved");
        assertThat(partitions()).contains("orders_2025_02 FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "orders_2025_03 FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')");
        assertThat(PG.queryString(db, "SELECT count(*) FROM ONLY shop.orders_default")).isEqualTo("0");

        CliRun again = op("--table", "shop.orders", "--yes");
        assertThat(again.exitCode()).isEqualTo(11);
        assertThat(again.out() + again.err()).contains("holds no rows: nothing to do");
    }

    @Test
    void badInputIsAClearMessage() {
        CliRun run = op("--table", "shop.orders", "--interval", "fortnight");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--interval fortnight").doesNotContain("Exception");
        CliRun missing = op("--table", "shop.nothing");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).doesNotContain("Exception");
    }
}
