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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Partscope process killed with SIGKILL while DETACH CONCURRENTLY waits (the case: the orphaned server
 * session completed the detach later, the chosen rename never happened): the journal still has the run, and
 * {@code op interrupted} shows what the catalog says at each stage and how to finish.
 */
@RequiresServerVersion(min = 14)
class InterruptedRunIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final String WAITING_DETACH = "SELECT pid FROM pg_stat_activity WHERE query LIKE"
            + " 'ALTER TABLE%DETACH PARTITION%CONCURRENTLY' AND wait_event_type = 'Lock'";

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = PG.newDatabase("interrupted");
        PG.exec(db, "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "INSERT INTO events SELECT g, date '2025-01-01' + (g % 59) FROM generate_series(1, 1000) g");
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--url");
        all.add(3, PG.superuserUrl(db));
        return CliRun.run(env, all.toArray(String[]::new));
    }

    /** partscope in a JVM of its own, as a user runs it, with this test's state folder. */
    private Process partscope(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.partscope.Main");
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().keySet().removeIf(k -> k.startsWith("PG"));
        b.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        b.environment().put("HOME", home.toString());
        File log = home.resolve("child.log").toFile();
        b.redirectErrorStream(true).redirectOutput(log);
        return b.start();
    }

    @Test
    void aKilledDetachIsShownWithThePendingStateThenTheMissingRenameUntilDismissed() throws Exception {
        Process child;
        int orphan;
        try (Connection reader = PG.superuserConnection(db); Statement s = reader.createStatement()) {
            // An open transaction that has read the set: DETACH CONCURRENTLY waits for it in its second phase.
            reader.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM events").close();

            child = partscope("op", "detach", "--url", PG.superuserUrl(db), "--partition", "public.events_2025_01",
                    "--concurrently", "--then", "rename:old_jan", "--yes");
            PG.awaitTrue(db, "SELECT EXISTS (" + WAITING_DETACH + ")");
            orphan = Integer.parseInt(PG.queryString(db, WAITING_DETACH));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // The journal has the run's plan and no end; the file is the owner's only.
            Journal journal = Journal.standard(env);
            assertThat(journal.lines()).extracting(JournalEntry::type).containsExactly("started");
            assertThat(journal.read()).isEmpty();
            // The command to run it again: as given, without the connection (a URL may hold a password) or --yes.
            assertThat(journal.lines().get(0).options().command()).containsExactly("op", "detach", "--partition",
                    "public.events_2025_01", "--concurrently", "--then", "rename:old_jan");
            assertThat(Files.readString(journal.file())).doesNotContain(PG.superuserUrl(db));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file())))
                    .isEqualTo("rw-------");

            // Stage 1: the server session goes on waiting; the partition is pending.
            CliRun pending = cli("op", "interrupted");
            assertThat(pending.exitCode()).as(pending.err() + pending.out()).isEqualTo(OpInterruptedCommand.FOUND_EXIT);
            assertThat(pending.out())
                    .contains("Interrupted: detach of public.events_2025_01, started ")
                    .contains("by process " + child.pid())
                    .contains("0 of 2 steps done; step 1 (Detach public.events_2025_01 from public.events"
                            + " concurrently) was running when the process ended; step 2 did not run")
                    .contains("its server session (pid " + orphan + ") is still there")
                    .contains("SELECT pg_cancel_backend(" + orphan + ");")
                    .contains("public.events_2025_01 is PENDING DETACH from public.events")
                    .contains("partscope op finalize --url URL --table public.events --yes")
                    .contains("ALTER TABLE \"public\".\"events_2025_01\" RENAME TO \"old_jan\";");

            // The orphaned session still holds the set: another operation is refused, naming it, and told about
            // the interrupted run first.
            CliRun freeze = cli("op", "freeze", "--table", "public.events", "--min-age", "0", "--yes");
            assertThat(freeze.exitCode()).as(freeze.err() + freeze.out()).isEqualTo(11);
            assertThat(freeze.out()).contains("another operation is running on the partition set public.events")
                    .contains("held by server pid " + orphan).contains("application \"partscope\"");
            assertThat(freeze.err()).contains("Note: the journal has an interrupted operation on this database:")
                    .contains("detach of public.events_2025_01")
                    .contains("How to finish: partscope op interrupted --url URL");

            reader.commit();
        }
        // Stage 2: the orphaned session completed the detach; the rename never happened.
        PG.awaitTrue(db, "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = " + orphan + ")");
        assertThat(PG.queryString(db, "SELECT count(*) FROM pg_inherits WHERE inhrelid = 'events_2025_01'::regclass"))
                .isEqualTo("0");
        CliRun detached = cli("op", "interrupted", "--json");
        assertThat(detached.exitCode()).as(detached.err() + detached.out()).isEqualTo(OpInterruptedCommand.FOUND_EXIT);
        JsonNode run = new ObjectMapper().readTree(detached.out()).get("interrupted").get(0);
        assertThat(run.get("kind").asText()).isEqualTo("detach");
        assertThat(run.get("running_step").asInt()).isEqualTo(1);
        assertThat(run.get("state").toString()).contains("public.events_2025_01 is detached from public.events;"
                + " Rename public.events_2025_01 to old_jan was not done").doesNotContain("still there");
        assertThat(run.get("next")).extracting(JsonNode::asText)
                .containsExactly("ALTER TABLE \"public\".\"events_2025_01\" RENAME TO \"old_jan\";");

        // Stage 3: the user runs it; then nothing is left, and the run can be dismissed.
        PG.exec(db, "ALTER TABLE \"public\".\"events_2025_01\" RENAME TO \"old_jan\"");
        CliRun done = cli("op", "interrupted");
        assertThat(done.out()).contains("no longer exists under that name").contains("-- nothing left to do");
        String runId = run.get("run_id").asText();
        CliRun dismiss = cli("op", "interrupted", "--dismiss", runId.substring(0, 8));
        assertThat(dismiss.exitCode()).as(dismiss.err() + dismiss.out()).isZero();
        assertThat(dismiss.out()).contains("Dismissed run " + runId);
        CliRun none = cli("op", "interrupted");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("No interrupted operations on this database");
        assertThat(cli("op", "interrupted", "--dismiss", runId).exitCode()).isEqualTo(2);
    }

    @Test
    void aRunOfALiveProcessIsRunningNotInterrupted() throws Exception {
        try (Connection reader = PG.superuserConnection(db); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM events").close();
            Process child = partscope("op", "detach", "--url", PG.superuserUrl(db), "--partition",
                    "public.events_2025_02", "--concurrently", "--yes");
            try {
                PG.awaitTrue(db, "SELECT EXISTS (" + WAITING_DETACH + ")");
                CliRun list = cli("op", "interrupted");
                assertThat(list.exitCode()).as(list.err() + list.out()).isZero();
                assertThat(list.out()).contains("No interrupted operations");
            } finally {
                reader.commit();
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(home.resolve("child.log"))).isZero();
        }
        assertThat(Journal.standard(env).lines()).extracting(JournalEntry::type)
                .containsExactly("started", "step", "finished");
        assertThat(cli("op", "interrupted").exitCode()).isZero();
    }
}
