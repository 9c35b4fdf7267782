package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
