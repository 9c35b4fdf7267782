package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ServerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file: where it lives, whole lines under concurrent appends, damaged lines skipped. */
class JournalTest {
    @TempDir
    Path dir;

    private static JournalEntry entry(String target) {
        return new JournalEntry(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z"),
                "db1", 5432, "18.1", "shop", "alice", "freeze", target, "summary", "succeeded", "1 step done",
                null, List.of(Check.pass("owner", "ok")),
                List.of(new JournalEntry.StepRecord("s", "done", 2, 10, null, null,
                        List.of(new JournalEntry.StatementRecord("VACUUM (FREEZE) \"public\".\"t\"", 9L)))),
                List.of());
    }

    @Test
    void folderFollowsXdgStateHomeElseTheHomeFolder() {
        assertThat(Journal.standard(new Environment(Map.of("XDG_STATE_HOME", "/x/state"), Path.of("/home/u")))
                .file()).isEqualTo(Path.of("/x/state/partscope/journal.jsonl"));
        assertThat(Journal.standard(new Environment(Map.of(), Path.of("/home/u"))).file())
                .isEqualTo(Path.of("/home/u/.local/state/partscope/journal.jsonl"));
    }

    @Test
    void concurrentAppendsKeepEveryLineWhole() throws Exception {
        Journal journal = new Journal(dir.resolve("a/b/journal.jsonl"));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int n = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        new Journal(journal.file()).append(entry("t" + n + "_" + i));
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        List<JournalEntry> entries = journal.read();
        assertThat(entries).hasSize(200);
        assertThat(entries.get(0).steps().get(0).statements().get(0).sql())
                .isEqualTo("VACUUM (FREEZE) \"public\".\"t\"");
        assertThat(Files.readAllLines(journal.file())).hasSize(200);
    }

    @Test
    void aDamagedLineIsSkippedAndAMissingFileIsEmpty() throws Exception {
        Journal journal = new Journal(dir.resolve("journal.jsonl"));
        assertThat(journal.read()).isEmpty();
        journal.append(entry("one"));
        Files.writeString(journal.file(), "{\"started\": \"cut by a cra", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(journal.file(), "\n", java.nio.file.StandardOpenOption.APPEND);
        journal.append(entry("two"));
        assertThat(journal.read()).extracting(JournalEntry::target).containsExactly("one", "two");
    }

    @Test
    void theFileIsTheOwnersOnlyAndALooserExistingFileIsTightened() throws Exception {
        // The lines hold data values (the LIST values of DEFAULT rows in a split's SQL).
        Journal journal = new Journal(dir.resolve("state/partscope/journal.jsonl"));
        journal.append(entry("one"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file().getParent())))
                .isEqualTo("rwx------");

        Path old = dir.resolve("old/journal.jsonl");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        new Journal(old).append(entry("two"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-------");
        assertThat(new Journal(old).read()).extracting(JournalEntry::target).containsExactly("two");
    }

    /** A line as Partscope wrote it before runs had ids and types: a finished run. */
    private static final String OLD_LINE = "{\"started\":\"2026-01-01T00:00:00Z\",\"finished\":\"2026-01-01T00:00:01Z\","
            + "\"host\":\"db1\",\"port\":5432,\"server_version\":\"18.1\",\"database\":\"shop\","
            + "\"user\":\"alice\",\"kind\":\"freeze\",\"target\":\"public.old\",\"summary\":\"s\","
            + "\"outcome\":\"succeeded\",\"message\":\"1 step done\",\"error_kind\":null,\"preflight\":[],"
            + "\"steps\":[{\"title\":\"s\",\"status\":\"done\",\"attempts\":1,\"millis\":3,\"error\":null,"
            + "\"sql_state\":null,\"statements\":[{\"sql\":\"VACUUM (FREEZE) \\\"public\\\".\\\"t\\\"\",\"millis\":3}]}],"
            + "\"verification\":[]}";

    @Test
    void oldLinesAreFinishedRunsAndARunWithoutItsFinishedLineIsUnfinishedUntilAcknowledged() throws Exception {
        Journal journal = new Journal(dir.resolve("journal.jsonl"));
        Files.writeString(journal.file(), OLD_LINE + "\n");
        ConnectionSettings settings = new ConnectionSettings("db1", 5432, "shop", "alice", null,
                "prefer", null, java.util.Map.of());
        ServerInfo server = new ServerInfo(180001, "18.1", "alice", false, "shop");
        OperationPlan plan = new OperationPlan("freeze", "public.events", "Freeze 2", List.of(),
                List.of(Step.autocommit("Freeze a", "VACUUM (FREEZE) \"public\".\"a\"", List.of()),
                        Step.autocommit("Freeze b", "VACUUM (FREEZE) \"public\".\"b\"", List.of())),
                Verifier.none());
        journal.append(JournalEntry.started("run-1", Instant.parse("2026-01-02T00:00:00Z"), plan, settings, server,
                4242, null, "public.events", JournalEntry.RunOptions.of(ExecutionOptions.DEFAULTS,
                        List.of("op", "freeze", "--table", "public.events", "--min-age", "100"))));
        journal.append(JournalEntry.step("run-1", 0, new StepOutcome("Freeze a",
                List.of("VACUUM (FREEZE) \"public\".\"a\""), StepOutcome.Status.DONE, 5, 1, null, null), settings,
                server));

        // read() keeps its meaning: the finished runs (the old line), not the started or step lines.
        assertThat(journal.read()).extracting(JournalEntry::target).containsExactly("public.old");
        assertThat(journal.read().get(0).steps().get(0).statements().get(0).sql())
                .isEqualTo("VACUUM (FREEZE) \"public\".\"t\"");
        assertThat(journal.lines()).extracting(JournalEntry::type).containsExactly(null, "started", "step");

        List<InterruptedRuns.Run> open = InterruptedRuns.unfinished(journal.lines(), settings, server);
        assertThat(open).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("run-1");
            assertThat(r.started().process().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(r.started().options().command()).containsExactly("op", "freeze", "--table", "public.events",
                    "--min-age", "100");
            assertThat(r.runningStep()).isEqualTo(1);
            assertThat(InterruptedRuns.stepsText(r)).isEqualTo("1 of 2 steps done; step 2 (Freeze b) was running"
                    + " when the process ended");
        });
        // Another database on the same server is not this one's business.
        assertThat(InterruptedRuns.unfinished(journal.lines(), new ConnectionSettings("db1", 5432, "other", "alice",
                null, "prefer", null, java.util.Map.of()), null)).isEmpty();

        journal.acknowledge("run-1", "seen");
        assertThat(InterruptedRuns.unfinished(journal.lines(), settings, server)).isEmpty();
        assertThat(journal.read()).extracting(JournalEntry::target).containsExactly("public.old");
    }

    @Test
    void aProcessIsAliveOnlyWithItsPidAndItsStartTime() throws Exception {
        JournalEntry.RunProcess self = JournalEntry.RunProcess.current();
        assertThat(InterruptedRuns.processAlive(self)).isTrue();
        // The same pid started at another time is another process (the pid was reused).
        assertThat(InterruptedRuns.processAlive(new JournalEntry.RunProcess(self.pid(), self.host(),
                self.processStart().minusSeconds(3600)))).isFalse();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(InterruptedRuns.processAlive(new JournalEntry.RunProcess(ended.pid(), self.host(), null)))
                .isFalse();
    }
}
