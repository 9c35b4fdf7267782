package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.ProfileStore;
import io.partscope.support.CliRun;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partscope tree} as a user runs it: the JSON contract checked against the catalogs, the table, exit codes. */
class TreeCommandIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;
    private static String url;

    @BeforeAll
    static void load() {
        db = PG.newDatabase("treecli");
        Fixtures.loadPartitionSets(PG, db);
        url = PG.superuserUrl(db);
    }

    private static JsonNode treeJson(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("tree", "--url", url, "--json"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the document ends its line (the writer once closed stdout, and the newline after it was lost)
        assertThat(run.out()).endsWith("}" + System.lineSeparator());
        return Json.mapper().readTree(run.out());
    }

    @Test
    void jsonHasEveryContractFieldForEveryMember() throws Exception {
        JsonNode tree = treeJson();
        assertThat(tree.path("server_version").asText()).startsWith(Integer.toString(PG.major()));
        List<String> rootFields = List.of("schema", "name", "kind", "strategy", "partition_key", "partitions",
                "totals");
        List<String> memberFields = List.of("schema", "name", "parent_schema", "parent_name", "parents", "level",
                "is_leaf", "is_default", "bound", "partition_key", "detach_pending", "total_bytes", "table_bytes",
                "index_bytes", "toast_bytes", "row_estimate", "live_tuples", "dead_tuples", "xid_age", "mxid_age",
                "freeze_max_age", "bloat_bytes", "bloat_pct", "last_vacuum", "last_autovacuum", "last_analyze",
                "last_autoanalyze");
        assertThat(tree.path("roots")).isNotEmpty();
        for (JsonNode root : tree.path("roots")) {
            for (String f : rootFields) {
                assertThat(root.has(f)).as(root.path("name") + " has " + f).isTrue();
            }
            for (JsonNode m : root.path("partitions")) {
                for (String f : memberFields) {
                    assertThat(m.has(f)).as(m.path("name") + " has " + f).isTrue();
                }
                // Members with children carry their roll-up; leaves do not.
                assertThat(m.has("totals")).as(m.path("name") + " totals").isEqualTo(!m.path("is_leaf").asBoolean());
            }
        }
    }

    @Test
    void everyMembersNumbersMatchWhatTheCatalogsSay() throws Exception {
        JsonNode tree = treeJson();
        int checked = 0;
        try (Connection c = PG.superuserConnection(db);
                PreparedStatement ps = c.prepareStatement("""
                        SELECT c.relkind::text, pg_get_expr(c.relpartbound, c.oid) AS bound,
                               pg_total_relation_size(c.oid) AS total, pg_table_size(c.oid) AS tbl,
                               pg_indexes_size(c.oid) AS idx,
                               CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END
                                 AS toast,
                               c.reltuples, s.n_live_tup, s.n_dead_tup,
                               CASE WHEN c.relkind = 'r' THEN greatest(age(c.relfrozenxid), age(t.relfrozenxid)) END
                                 AS xid_age,
                               (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i
                                  JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                                 WHERE i.inhrelid = c.oid ORDER BY i.inhseqno LIMIT 1) AS parent
                        FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
                        LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
                        WHERE c.oid = to_regclass(?)""")) {
            for (JsonNode root : tree.path("roots")) {
                for (JsonNode m : root.path("partitions")) {
                    String name = m.path("name").asText();
                    ps.setString(1, Identifiers.qualified(m.path("schema").asText(), name));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(name + " exists").isTrue();
                        assertThat(m.path("bound").asText(null)).as(name).isEqualTo(rs.getString("bound"));
                        assertThat(m.path("parent_schema").asText() + "." + m.path("parent_name").asText())
                                .as(name).isEqualTo(rs.getString("parent"));
                        if (!"r".equals(rs.getString("relkind"))) {
                            assertThat(m.path("xid_age").isNull()).as(name).isTrue();
                            continue;
                        }
                        assertThat(m.path("total_bytes").asLong()).as(name).isEqualTo(rs.getLong("total"));
                        assertThat(m.path("table_bytes").asLong() + m.path("toast_bytes").asLong()).as(name)
                                .isEqualTo(rs.getLong("tbl"));
                        assertThat(m.path("index_bytes").asLong()).as(name).isEqualTo(rs.getLong("idx"));
                        assertThat(m.path("toast_bytes").asLong()).as(name).isEqualTo(rs.getLong("toast"));
                        double reltuples = rs.getDouble("reltuples");
                        if (reltuples >= 0) {
                            assertThat(m.path("row_estimate").asLong()).as(name).isEqualTo((long) reltuples);
                        } else {
                            assertThat(m.path("row_estimate").isNull()).as(name).isTrue();
                        }
                        assertThat(m.path("live_tuples").asLong()).as(name).isEqualTo(rs.getLong("n_live_tup"));
                        assertThat(m.path("dead_tuples").asLong()).as(name).isEqualTo(rs.getLong("n_dead_tup"));
                        // No XIDs are consumed between the two reads, so the ages agree exactly.
                        assertThat(m.path("xid_age").asLong()).as(name).isEqualTo(rs.getLong("xid_age"));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
    }

    /** The JSON without read_at, which differs between two reads. */
    private static JsonNode withoutReadAt(JsonNode tree) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("read_at");
        return tree;
    }

    @Test
    void streamedJsonIsByteForByteWhatDatabindWritesOfTheSameSnapshot() throws Exception {
        // TreeJson writes tree --json without databind (start-up cost); the records' annotations stay the reference.
        io.partscope.core.catalog.CatalogSnapshot snapshot;
        try (io.partscope.core.db.Database database = io.partscope.core.db.Database.open(PG.superuserSettings(db),
                io.partscope.core.db.DatabaseOptions.DEFAULTS)) {
            snapshot = new io.partscope.core.catalog.CatalogReader(database).read(
                    io.partscope.core.catalog.CatalogFilter.ALL, null);
        }
        assertThat(snapshot.roots()).hasSizeGreaterThan(3);
        java.io.StringWriter pretty = new java.io.StringWriter();
        TreeJson.writePretty(snapshot, pretty);
        assertThat(pretty.toString()).isEqualTo(Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(snapshot));
        java.io.ByteArrayOutputStream compact = new java.io.ByteArrayOutputStream();
        TreeJson.writeCompact(snapshot, compact);
        assertThat(compact.toByteArray()).isEqualTo(Json.mapper().writeValueAsBytes(snapshot));
    }

    @Test
    void sizesExactIsTheDefaultOutput() throws Exception {
        assertThat(withoutReadAt(treeJson("--sizes", "exact"))).isEqualTo(withoutReadAt(treeJson()));
    }

    @Test
    void sizesEstimatedPrintsEveryMemberWithSizesFromPgClassMarkedEstimated() throws Exception {
        JsonNode exact = treeJson();
        JsonNode estimated = treeJson("--sizes", "estimated");
        int checked = 0;
        try (Connection c = PG.superuserConnection(db); PreparedStatement ps = c.prepareStatement("""
                SELECT c.relkind::text, c.relpages * current_setting('block_size')::bigint AS tbl,
                       (SELECT coalesce(sum(i.relpages), 0) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                         WHERE x.indrelid = c.oid) * current_setting('block_size')::bigint AS idx
                FROM pg_class c WHERE c.oid = to_regclass(?)""")) {
            for (int r = 0; r < exact.path("roots").size(); r++) {
                JsonNode exactRoot = exact.path("roots").get(r);
                JsonNode root = estimated.path("roots").get(r);
                assertThat(root.path("name")).isEqualTo(exactRoot.path("name"));
                assertThat(root.path("partitions").size()).isEqualTo(exactRoot.path("partitions").size());
                for (JsonNode m : root.path("partitions")) {
                    String name = m.path("name").asText();
                    ps.setString(1, Identifiers.qualified(m.path("schema").asText(), name));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(name).isTrue();
                        boolean storage = "r".equals(rs.getString("relkind"));
                        assertThat(m.path("sizes_estimated").asBoolean()).as(name).isEqualTo(storage);
                        if (storage) {
                            assertThat(m.path("table_bytes").asLong()).as(name).isEqualTo(rs.getLong("tbl"));
                            assertThat(m.path("index_bytes").asLong()).as(name).isEqualTo(rs.getLong("idx"));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
        CliRun text = CliRun.run("tree", "--url", url, "--table", "app.events", "--sizes", "estimated");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("sizes: estimated from pg_class page counts")
                .doesNotContain("size estimated (locked)");
    }

    @Test
    void unknownSizeModeIsBadInput() {
        CliRun run = CliRun.run("tree", "--url", url, "--sizes", "roughly");
        assertThat(run.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(run.err()).contains("'roughly' is not a size mode: write exact or estimated");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void tableOptionTakesANameAsSqlWritesIt() throws Exception {
        JsonNode tree = treeJson("--table", "\"Odd \"\"Schema\"\". x\".\"My \"\"Events\"\"; DROP TABLE x;\"");
        assertThat(tree.path("roots")).hasSize(1);
        assertThat(tree.path("roots").get(0).path("name").asText()).isEqualTo("My \"Events\"; DROP TABLE x;");
        assertThat(tree.path("roots").get(0).path("partitions")).hasSize(2);
    }

    @Test
    void textOutputIsAnIndentedTableWithFlags() {
        CliRun run = CliRun.run("tree", "--url", url, "--table", "app.events");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("app.events  (declarative RANGE (occurred_at))")
                .contains("NAME").contains("BOUND").contains("XID AGE")
                .containsPattern("\n  events_2026_01 +FROM \\('2026-01-01")
                .containsPattern("\n    events_2026_01_eu +IN \\('eu'\\)")
                .containsPattern("events_default +DEFAULT .*default")
                .contains("archive.events_2026_02");
    }

    @Test
    void unknownTableExitsWithObjectNotFound() {
        CliRun run = CliRun.run("tree", "--url", url, "--table", "app.nope");
        assertThat(run.exitCode()).isEqualTo(ErrorKind.OBJECT_NOT_FOUND.exitCode());
        assertThat(run.err()).contains("table app.nope does not exist").doesNotContain("Exception");
    }

    @Test
    void unknownSchemaExitsWithObjectNotFound() {
        CliRun run = CliRun.run("tree", "--url", url, "--schema", "Nope");
        assertThat(run.exitCode()).isEqualTo(ErrorKind.OBJECT_NOT_FOUND.exitCode());
        assertThat(run.err()).contains("schema \"Nope\" does not exist");
    }

    @Test
    void malformedTableNameIsBadInput() {
        CliRun run = CliRun.run("tree", "--url", url, "--table", "\"unterminated");
        assertThat(run.exitCode()).isEqualTo(ErrorKind.BAD_INPUT.exitCode());
        assertThat(run.err()).contains("unterminated");
    }

    @Test
    void wrongPasswordExitsWithAuthenticationFailedAndNeverPrintsThePassword() {
        String wrong = "postgresql://" + TestPostgres.PASSWORD_USER + ":Wr0ngPassw0rd@127.0.0.1:" + PG.port() + "/"
                + db;
        CliRun run = CliRun.run("tree", "--url", wrong);
        assertThat(run.exitCode()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED.exitCode());
        assertThat(run.err()).contains("authentication failed").doesNotContain("Wr0ngPassw0rd")
                .doesNotContain("at org.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unreachableHostAndMissingDatabaseHaveTheirOwnExitCodes() {
        CliRun refused = CliRun.run("tree", "--url", "postgresql://postgres@127.0.0.1:1/x", "--connect-timeout", "2s");
        assertThat(refused.exitCode()).isEqualTo(ErrorKind.HOST_UNREACHABLE.exitCode());
        CliRun missing = CliRun.run("tree", "--url", "postgresql://postgres@127.0.0.1:" + PG.port() + "/no_such_db");
        assertThat(missing.exitCode()).isEqualTo(ErrorKind.DATABASE_NOT_FOUND.exitCode());
        assertThat(missing.err()).contains("no_such_db");
        CliRun ssl = CliRun.run("tree", "--url", url + "?sslmode=require");
        assertThat(ssl.exitCode()).isEqualTo(ErrorKind.SSL_REQUIRED.exitCode());
    }

    @Test
    void catalogWithoutReadPermissionExitsWithPermissionDenied() {
        String locked = PG.newDatabase("nocatalog");
        PG.exec(locked, "CREATE TABLE t (k int) PARTITION BY LIST (k)",
                "REVOKE SELECT ON pg_catalog.pg_inherits FROM PUBLIC");
        CliRun run = CliRun.run("tree", "--url", PG.passwordUserUrl(locked));
        assertThat(run.exitCode()).isEqualTo(ErrorKind.PERMISSION_DENIED.exitCode());
        assertThat(run.err()).contains("pg_inherits").doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void statementTimeoutWhileBlockedExitsWithQueryCancelled() throws Exception {
        try (TestPostgres.HeldLock ddl = PG.holdAccessExclusiveLock(db, "pg_catalog.pg_inherits")) {
            CliRun run = CliRun.run("tree", "--url", url, "--statement-timeout", "500ms", "--lock-timeout", "0");
            assertThat(run.exitCode()).isEqualTo(ErrorKind.QUERY_CANCELLED.exitCode());
            assertThat(run.err()).contains("statement_timeout").contains("--statement-timeout")
                    .doesNotContain("query cancelled: query cancelled");
            assertThat(run.err()).startsWith("partscope: query cancelled: the statement ran longer than"
                    + " statement_timeout");
        }
    }

    @Test
    void controlCharactersInNamesAreEscapedAsPsqlDoes() throws Exception {
        String evil = PG.newDatabase("evilnames");
        // ESC ] 0 ; ... BEL retitles a terminal window; ESC [ 2 J clears the screen.
        PG.exec(evil, "CREATE TABLE \"logs\u001b]0;pwned\u0007\" (at date) PARTITION BY RANGE (at)",
                "CREATE TABLE \"logs_\u001b[2J\" PARTITION OF \"logs\u001b]0;pwned\u0007\""
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')");
        String evilUrl = PG.superuserUrl(evil);

        CliRun text = CliRun.run("tree", "--url", evilUrl);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("logs\\x1B]0;pwned\\x07").contains("logs_\\x1B[2J")
                .doesNotContain("\u001b").doesNotContain("\u0007");

        CliRun missing = CliRun.run("tree", "--url", evilUrl, "--table", "\"no\u001b[2J\"");
        assertThat(missing.exitCode()).isEqualTo(ErrorKind.OBJECT_NOT_FOUND.exitCode());
        assertThat(missing.err()).contains("no\\x1B[2J").doesNotContain("\u001b");

        // JSON keeps the real name (Jackson writes the escape itself), and nothing raw reaches the terminal either.
        CliRun json = CliRun.run("tree", "--url", evilUrl, "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(Json.mapper().readTree(json.out()).path("roots").get(0).path("name").asText())
                .isEqualTo("logs\u001b]0;pwned\u0007");
    }

    @Test
    void jsonEscapesDelAndC1ControlsItselfAndStaysValidJson() throws Exception {
        String evil = PG.newDatabase("c1names");
        // CSI (U+009B) is ESC [ in one character; JSON allows it raw, a terminal obeys it.
        PG.exec(evil, "CREATE TABLE \"c1\u009b2J\" (at date) PARTITION BY RANGE (at)",
                "CREATE TABLE \"del\u007f\" PARTITION OF \"c1\u009b2J\""
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')");
        CliRun json = CliRun.run("tree", "--url", PG.superuserUrl(evil), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).doesNotContain("\u009b").doesNotContain("\u007f")
                .contains("c1\\u009B2J").contains("del\\u007F");
        JsonNode root = Json.mapper().readTree(json.out()).path("roots").get(0);
        assertThat(root.path("name").asText()).isEqualTo("c1\u009b2J");
        assertThat(root.path("partitions").get(0).path("name").asText()).isEqualTo("del\u007f");
    }

    @Test
    void aSavedProfileConnectsWithThePasswordFromPgpassword(@TempDir Path config) throws Exception {
        new ProfileStore(config.resolve("partscope")).save(List.of(ConnectionProfile.create("reports", "127.0.0.1",
                PG.port(), db, TestPostgres.PASSWORD_USER, "disable", null, null, false, null)));
        Path noHome = config.resolve("home");
        CliRun run = CliRun.run(new Environment(Map.of("XDG_CONFIG_HOME", config.toString(), "PGPASSWORD",
                TestPostgres.PASSWORD), noHome), "tree", "--profile", "reports", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.mapper().readTree(run.out()).path("roots")).isNotEmpty();

        CliRun without = CliRun.run(new Environment(Map.of("XDG_CONFIG_HOME", config.toString()), noHome), "tree",
                "--profile", "reports");
        assertThat(without.exitCode()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED.exitCode());
        assertThat(without.err()).contains("asks for a password for user \"alice\"");
    }

    @Test
    void targetSessionAttrsNoServerMatchesIsAClearMessageWithoutResumeHint() {
        CliRun run = CliRun.run("tree", "--url", url + "?target_session_attrs=read-only", "--connect-timeout", "5s");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ErrorKind.HOST_UNREACHABLE.exitCode());
        assertThat(run.err()).contains("no server matching target_session_attrs=read-only at 127.0.0.1:" + PG.port())
                .doesNotContain("connection lost").doesNotContain("resume");
        assertThat(run.out()).isEmpty();
    }
}
