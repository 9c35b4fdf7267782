package io.partscope.cli.op;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.core.db.Environment;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.JournalEntry;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partscope op detach} and {@code op finalize} end to end on a real server (PostgreSQL 14 and 18). */
class OpDetachCommandIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final String PARENT = "\"Odd \"\"Schema\"\"\".\"My Events\"";
    private static final String JAN = "\"Odd \"\"Schema\"\"\".\"My Events 2025-01\"";

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = PG.newDatabase("opdetach");
        PG.exec(db, "CREATE SCHEMA \"Odd \"\"Schema\"\"\"",
                "CREATE TABLE " + PARENT + " (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE " + JAN + " PARTITION OF " + PARENT
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE \"Odd \"\"Schema\"\"\".\"My Events 2025-02\" PARTITION OF " + PARENT
                        + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "INSERT INTO " + PARENT + " SELECT g, date '2025-01-01' + (g % 59) FROM generate_series(1, 1000) g",
                "CREATE TABLE orders (id int, country text) PARTITION BY LIST (country)",
                "CREATE TABLE orders_nl PARTITION OF orders FOR VALUES IN ('NL')",
                "CREATE TABLE orders_default PARTITION OF orders DEFAULT",
                "INSERT INTO orders VALUES (1, 'NL'), (2, 'XX')");
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private String url() {
        return PG.superuserUrl(db);
    }

    private String catalogDump() {
        return PG.queryString(db, "SELECT string_agg(concat_ws(' ', n.nspname, c.relname, c.relkind,"
                + " i.inhparent::regclass, i.inhdetachpending), E'\\n' ORDER BY n.nspname, c.relname) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_inherits i ON i.inhrelid = c.oid"
                + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
    }

    private String attachedTo(String table) {
        return PG.queryString(db, "SELECT coalesce((SELECT inhparent::regclass::text || ' pending '"
                + " || inhdetachpending FROM pg_inherits WHERE inhrelid = to_regclass('" + table.replace("'", "''")
                + "')), 'detached')");
    }

    private List<JournalEntry> journal() throws Exception {
        return Journal.standard(env).read();
    }

    @Test
    void readOnlyRefusesTheDetachAndChangesNothing() throws Exception {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--yes", "--read-only");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(11);
        assertThat(run.out()).contains("the connection is marked read-only (production)")
                .doesNotContain("the connection is not marked read-only");
        assertThat(catalogDump()).isEqualTo(before);
    }

    @Test
    void dryRunPrintsTheConcurrentPlanAndChangesNothing() throws Exception {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--concurrently",
                "--then", "archive:\"Old Data\"", "--dry-run");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out())
                .contains("Detach \"Odd \"\"Schema\"\"\".\"My Events 2025-01\" (FOR VALUES FROM ('2025-01-01') TO"
                        + " ('2025-02-01')")
                .contains("[autocommit]")
                .contains("SET lock_timeout = '0ms';  -- no limit")
                .contains("ALTER TABLE \"Odd \"\"Schema\"\"\".\"My Events\" DETACH PARTITION"
                        + " \"Odd \"\"Schema\"\"\".\"My Events 2025-01\" CONCURRENTLY;")
                .contains("locks SHARE UPDATE EXCLUSIVE on \"Odd \"\"Schema\"\"\".\"My Events\"")
                .contains("CREATE SCHEMA IF NOT EXISTS \"Old Data\";")
                .contains("SET SCHEMA \"Old Data\";")
                .contains("Dry run: nothing was changed.");
        assertThat(catalogDump()).isEqualTo(before);
        assertThat(journal()).isEmpty();

        CliRun noYes = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--concurrently");
        assertThat(noYes.exitCode()).isEqualTo(13);
        assertThat(catalogDump()).isEqualTo(before);
    }

    @Test
    void concurrentlyIsRefusedWithAReasonWhenTheSetHasADefaultAndThePlainDetachWorks() throws Exception {
        String before = catalogDump();
        CliRun run = CliRun.run(env, "op", "detach", "--url", url(), "--partition", "public.orders_nl",
                "--concurrently", "--yes");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(11);
        assertThat(run.out() + run.err())
                .contains("public.orders has a DEFAULT partition (public.orders_default)")
                .contains("PostgreSQL refuses DETACH CONCURRENTLY then")
                .contains("A plain DETACH (without CONCURRENTLY) works: ACCESS EXCLUSIVE on public.orders,"
                        + " public.orders_nl and the DEFAULT public.orders_default for one short transaction")
                .doesNotContain("23514").doesNotContain("55000")
                .doesNotContain("cannot detach partitions concurrently");
        assertThat(catalogDump()).isEqualTo(before);
        assertThat(journal()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused"));

        CliRun plain = CliRun.run(env, "op", "detach", "--url", url(), "--partition", "public.orders_nl", "--yes");
        assertThat(plain.exitCode()).as(plain.err() + plain.out()).isZero();
        assertThat(plain.out()).contains("locks ACCESS EXCLUSIVE on public.orders_default")
                .contains("pass   detached  public.orders_nl is no longer a partition of public.orders");
        assertThat(attachedTo("public.orders_nl")).isEqualTo("detached");
        assertThat(PG.queryString(db, "SELECT count(*) FROM orders_nl")).isEqualTo("1");
    }

    @Test
    void concurrentlyThenArchiveInJson() throws Exception {
        CliRun run = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--concurrently",
                "--then", "archive:\"Old Data\"", "--yes", "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("run").asText()).isEqualTo("succeeded");
        assertThat(doc.path("plan").path("kind").asText()).isEqualTo("detach");
        assertThat(doc.path("plan").path("steps").get(0).path("transactional").asBoolean()).isFalse();
        assertThat(doc.path("plan").path("steps").get(0).path("lock_timeout_ms").asLong()).isZero();
        assertThat(doc.path("pending_detach").isNull()).isTrue();
        assertThat(doc.path("outcome").path("verification").toString())
                .contains("is now \\\"Old Data\\\".\\\"My Events 2025-01\\\"");
        assertThat(PG.queryString(db, "SELECT count(*) FROM \"Old Data\".\"My Events 2025-01\"")).isEqualTo("526");
        assertThat(journal()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("detach");
            assertThat(e.outcome()).isEqualTo("succeeded");
        });
    }

    @Test
    void thenDropDropsTheDetachedTable() {
        CliRun run = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--concurrently",
                "--then", "drop", "--yes");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("DROP TABLE \"Odd \"\"Schema\"\"\".\"My Events 2025-01\";")
                .contains("are deleted for good");
        assertThat(PG.queryString(db, "SELECT to_regclass('" + JAN + "') IS NULL")).isEqualTo("t");
        assertThat(PG.queryString(db, "SELECT count(*) FROM " + PARENT)).isEqualTo("474");
    }

    @Test
    void aTimedOutDetachIsLeftPendingTheTreeShowsItAndFinalizeCompletesIt() throws Exception {
        try (Connection blocker = PG.superuserConnection(db)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeQuery("SELECT count(*) FROM " + PARENT).close();
            }
            CliRun run = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--concurrently",
                    "--statement-timeout", "2s", "--yes");
            assertThat(run.exitCode()).as(run.err() + run.out()).isNotZero();
            assertThat(run.out()).contains("waiting for 1 session (Ctrl-C cancels):")
                    .contains("idle in transaction, transaction open")
                    .contains("AccessShareLock on")
                    .contains("is PENDING DETACH from \"Odd \"\"Schema\"\"\".\"My Events\"")
                    .contains("partscope op finalize --url URL --table '\"Odd \"\"Schema\"\"\".\"My Events\"' --yes");
            assertThat(attachedTo(JAN)).endsWith("pending true");

            CliRun tree = CliRun.run(env, "tree", "--url", url(), "--table", PARENT, "--json");
            assertThat(tree.exitCode()).as(tree.err()).isZero();
            JsonNode partitions = new ObjectMapper().readTree(tree.out()).path("roots").get(0).path("partitions");
            boolean seen = false;
            for (JsonNode p : partitions) {
                if (p.path("name").asText().equals("My Events 2025-01")) {
                    assertThat(p.path("detach_pending").asBoolean()).isTrue();
                    seen = true;
                }
            }
            assertThat(seen).as(partitions.toString()).isTrue();
            blocker.rollback();
        }
        CliRun plan = CliRun.run(env, "op", "finalize", "--url", url(), "--table", PARENT);
        assertThat(plan.exitCode()).isEqualTo(13);
        assertThat(plan.out()).contains("DETACH PARTITION \"Odd \"\"Schema\"\"\".\"My Events 2025-01\" FINALIZE;");
        // Read-only: refused, still pending (journalled elsewhere, so the journal below holds the real runs only).
        Environment otherState = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state-ro").toString()), home);
        CliRun readOnly = CliRun.run(otherState, "op", "finalize", "--url", url(), "--table", PARENT, "--yes",
                "--read-only");
        assertThat(readOnly.exitCode()).as(readOnly.err() + readOnly.out()).isEqualTo(11);
        assertThat(readOnly.out()).contains("the connection is marked read-only (production)");
        assertThat(attachedTo(JAN)).endsWith("pending true");
        CliRun fin = CliRun.run(env, "op", "finalize", "--url", url(), "--table", PARENT, "--yes");
        assertThat(fin.exitCode()).as(fin.err() + fin.out()).isZero();
        assertThat(attachedTo(JAN)).isEqualTo("detached");
        assertThat(journal()).extracting(JournalEntry::kind).containsExactly("detach", "finalize");

        CliRun nothing = CliRun.run(env, "op", "finalize", "--url", url(), "--table", PARENT, "--yes");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("Nothing to do.");
    }

    @Test
    void badInputIsAClearMessage() {
        CliRun then = CliRun.run(env, "op", "detach", "--url", url(), "--partition", JAN, "--then", "archive");
        assertThat(then.exitCode()).isEqualTo(2);
        assertThat(then.err()).contains("is not one of keep, drop, archive:SCHEMA, rename:NAME")
                .doesNotContain("Exception");
        CliRun missing = CliRun.run(env, "op", "detach", "--url", url(), "--partition", "public.nope");
        assertThat(missing.exitCode()).isEqualTo(10);
        assertThat(missing.err()).contains("public.nope does not exist");
        CliRun notPartitioned = CliRun.run(env, "op", "finalize", "--url", url(), "--table", "public.orders_nl");
        assertThat(notPartitioned.exitCode()).isEqualTo(2);
        assertThat(notPartitioned.err()).contains("is not a partitioned table");
    }
}
