package io.partscope.cli.op;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.core.db.Environment;
import io.partscope.core.ops.create.CreatePartitionsPlannerIT;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.ProfileStore;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partscope op create} end to end: plan, --dry-run, --yes in text and JSON, refusals, bad input. */
class OpCreateCommandIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = CreatePartitionsPlannerIT.newFixtureDatabase();
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private CliRun op(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "op";
        all[1] = "create";
        all[2] = "--url";
        all[3] = PG.superuserUrl(db);
        System.arraycopy(args, 0, all, 4, args.length);
        CliRun run = CliRun.run(env, all);
        try {
            Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "op-create-last.txt"),
                    String.join(" ", args) + "\n" + run.out() + "\n--- err\n" + run.err() + "\n", 
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run;
    }

    private String partitions(String table) throws Exception {
        return String.join("\n", CreatePartitionsPlannerIT.partitionsOf(db, table));
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        String before = String.join("\n", CreatePartitionsPlannerIT.catalog(db));
        CliRun run = op("--table", "app.events", "--next", "2", "--method", "attach", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Create 2 monthly partitions of app.events")
                .contains("ALTER TABLE \"app\".\"events\" ATTACH PARTITION \"app\".\"events_2026_05\" FOR VALUES FROM")
                .contains("CREATE TABLE \"app\".\"events_2026_05_eu\" PARTITION OF \"app\".\"events_2026_05\" FOR VALUES IN ('eu')")
                .contains("LOCK TABLE \"app\".\"events\" IN SHARE ROW EXCLUSIVE MODE")
                .contains("Dry run: nothing was changed.");
        assertThat(String.join("\n", CreatePartitionsPlannerIT.catalog(db))).isEqualTo(before);

        CliRun notConfirmed = op("--table", "app.events", "--next", "1");
        assertThat(notConfirmed.exitCode()).isEqualTo(OpOptions.NOT_CONFIRMED_EXIT);
        assertThat(String.join("\n", CreatePartitionsPlannerIT.catalog(db))).isEqualTo(before);
    }

    @Test
    void yesCreatesThePartitionsAndVerifiesThem() throws Exception {
        CliRun run = op("--table", "app.call_logs", "--next", "2", "--yes");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("call_logs_2026w20", "call_logs_2026w21");
        assertThat(partitions("app.call_logs")).contains("call_logs_2026w20 |", "call_logs_2026w21 |");
    }

    @Test
    void jsonDescribesThePlanTheRunAndThePartitions() throws Exception {
        CliRun run = op("--table", "\"Odd \"\"Schema\"\"\".\"My Events\"", "--next", "1", "--method", "attach",
                "--yes", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("run").asText()).isEqualTo("succeeded");
        assertThat(doc.path("partitions").get(0).path("name").asText()).isEqualTo("My Events 2026");
        assertThat(doc.path("plan").toString()).contains("ATTACH PARTITION");
        assertThat(partitions("\"Odd \"\"Schema\"\"\".\"My Events\"")).contains("My Events 2026 |");
    }

    @Test
    void defaultWithRowsOfTheNewRangeIsRefusedWithSplitDefault() throws Exception {
        String before = partitions("app.orders");
        CliRun run = op("--table", "app.orders", "--values", "FR,NL", "--yes");
        assertThat(run.exitCode()).isEqualTo(11);
        assertThat(run.out() + run.err()).contains("split-default").doesNotContain("23514")
                .doesNotContain("Exception");
        assertThat(partitions("app.orders")).isEqualTo(before);

        CliRun json = op("--table", "app.orders", "--values", "NL", "--json");
        assertThat(json.exitCode()).isEqualTo(11);
        assertThat(new ObjectMapper().readTree(json.out()).path("run").asText()).isEqualTo("refused");
    }

    @Test
    void aLockHeldOnTheSetEndsInALockTimeoutMessageWithNothingChanged() throws Exception {
        // The planning read already needs a share lock on the set (pg_partition_tree locks it), so it gives up
        // after --lock-timeout; the runner's retries are tested in CreatePartitionsPlannerIT.
        String before = String.join("\n", CreatePartitionsPlannerIT.catalog(db));
        CliRun run;
        try (TestPostgres.HeldLock lock = PG.holdAccessExclusiveLock(db, "app.readings")) {
            run = op("--table", "app.readings", "--next", "1", "--yes", "--retries", "1", "--lock-timeout", "200ms");
        }
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(9);
        assertThat(run.out() + run.err()).contains("lock").doesNotContain("Exception");
        assertThat(String.join("\n", CreatePartitionsPlannerIT.catalog(db))).isEqualTo(before);
    }

    @Test
    void hashNeedsNoSelector() throws Exception {
        CliRun run = op("--table", "app.sessions", "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(partitions("app.sessions")).contains("sessions_p2 | FOR VALUES WITH (modulus 4, remainder 2)");
    }

    @Test
    void readOnlyFlagRefusesTheOperationAndTheCheckSaysSo() throws Exception {
        String before = partitions("app.call_logs");
        CliRun run = op("--table", "app.call_logs", "--next", "1", "--yes", "--read-only");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(11);
        assertThat(run.out()).contains("the connection is marked read-only (production): operations are refused")
                .doesNotContain("the connection is not marked read-only");
        assertThat(partitions("app.call_logs")).isEqualTo(before);
    }

    /** The app's saved connections, in the folder the app reads ($XDG_CONFIG_HOME/partscope). */
    private Environment withProfiles(ConnectionProfile... profiles) throws Exception {
        Path config = home.resolve("config");
        new ProfileStore(config.resolve("partscope")).save(List.of(profiles));
        return new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString(),
                "XDG_CONFIG_HOME", config.toString()), home);
    }

    private ConnectionProfile profile(String name, boolean readOnly) {
        return ConnectionProfile.create(name, "127.0.0.1", PG.port(), db, "postgres", "disable", null, null, readOnly,
                null);
    }

    @Test
    void aProfileMarkedReadOnlyRefusesTheOperation() throws Exception {
        Environment profiles = withProfiles(profile("prod", true), profile("staging", false));
        String before = partitions("app.call_logs");
        CliRun run = CliRun.run(profiles, "op", "create", "--profile", "prod", "--table", "app.call_logs", "--next",
                "1", "--yes");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(11);
        assertThat(run.out()).contains("the connection is marked read-only (production)");
        assertThat(partitions("app.call_logs")).isEqualTo(before);
    }

    @Test
    void aProfileNotMarkedReadOnlyConnectsAndRuns() throws Exception {
        Environment profiles = withProfiles(profile("prod", true), profile("staging", false));
        CliRun run = CliRun.run(profiles, "op", "create", "--profile", "staging", "--table", "app.call_logs",
                "--next", "1", "--yes");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("the connection is not marked read-only");
        assertThat(partitions("app.call_logs")).contains("call_logs_2026w20 |");
    }

    @Test
    void anUnknownProfileIsBadInputNamingTheSavedOnes() throws Exception {
        Environment profiles = withProfiles(profile("prod", true), profile("staging", false));
        CliRun run = CliRun.run(profiles, "op", "create", "--profile", "Prod", "--table", "app.call_logs",
                "--next", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no saved connection named \"Prod\"").contains("\"prod\", \"staging\"")
                .doesNotContain("Exception");

        CliRun both = CliRun.run(profiles, "op", "create", "--profile", "prod", "--url", PG.superuserUrl(db),
                "--table", "app.call_logs", "--next", "1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("without --url");
    }

    @Test
    void badInputIsAMessageNotAStackTrace() {
        CliRun wrongSelector = op("--table", "app.orders", "--next", "2");
        assertThat(wrongSelector.exitCode()).isEqualTo(2);
        assertThat(wrongSelector.err()).contains("--values").doesNotContain("Exception");

        CliRun badBound = op("--table", "app.readings", "--from", "yesterday-ish", "--to", "2026-06-01");
        assertThat(badBound.exitCode()).isEqualTo(2);
        assertThat(badBound.err()).contains("--from yesterday-ish is not a valid date").doesNotContain("Exception");

        CliRun badMethod = op("--table", "app.readings", "--next", "1", "--method", "swap");
        assertThat(badMethod.exitCode()).isEqualTo(2);
        assertThat(badMethod.err()).contains("--method must be create or attach");
    }
}
