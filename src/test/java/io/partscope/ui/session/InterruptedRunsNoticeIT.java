package io.partscope.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.OperationListener;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.StepOutcome;
import io.partscope.core.ops.Verifier;
import io.partscope.support.TestPostgres;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tab's notice on connect: the interrupted runs of its database with the advice, until dismissed. */
class InterruptedRunsNoticeIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path temp;

    @Test
    void aTabConnectingToADatabaseWithAnInterruptedRunShowsItUntilDismissed() throws Exception {
        String db = PG.newDatabase("notice");
        PG.exec(db, "CREATE TABLE m (id bigint, at date NOT NULL) PARTITION BY RANGE (at)");
        Journal journal = new Journal(temp.resolve("journal.jsonl"));
        try (Database database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            // A create of two partitions whose process died after the first: stopped there, its finished line
            // gone and its process a pid that no longer runs.
            OperationPlan plan = new OperationPlan("create", "public.m", "Create 2 partitions of public.m", List.of(),
                    List.of(Step.inTransaction("Create m_1", List.of("CREATE TABLE \"public\".\"m_1\" PARTITION OF"
                            + " \"public\".\"m\" FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')"), List.of()),
                            Step.inTransaction("Create m_2", List.of("CREATE TABLE \"public\".\"m_2\" PARTITION OF"
                                    + " \"public\".\"m\" FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')"), List.of())),
                    Verifier.none());
            Cancellation cancellation = new Cancellation();
            new OperationRunner(database, null, new OperationListener() {
                @Override
                public void stepFinished(int index, StepOutcome outcome) {
                    cancellation.cancel();
                }
            }, cancellation).journal(journal).run(plan);
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(journal.file())) {
                if (!line.contains("\"type\":\"finished\"")) {
                    lines.add(line.replace("\"pid\":" + ProcessHandle.current().pid() + ",",
                            "\"pid\":" + ended.pid() + ","));
                }
            }
            Files.write(journal.file(), lines);

            InterruptedRunsNotice notice = new InterruptedRunsNotice(new Activity(new CurrentThreadTaskExecutor()),
                    InterruptedRunsNotice.Source.of(journal), (what, failure) -> {
                        throw new AssertionError(what, failure);
                    });
            notice.check(database);
            assertThat(notice.runs()).hasSize(1);
            assertThat(notice.headline()).isEqualTo("An operation on this database was interrupted (create of"
                    + " public.m): see how to finish it");
            assertThat(notice.text())
                    .contains("Interrupted: create of public.m, started ")
                    .contains("by process " + ended.pid())
                    .contains("1 of 2 steps done; step 2 (Create m_2) was running when the process ended")
                    .contains("partitions of public.m that exist: public.m_1")
                    .contains("not created: public.m_2")
                    .contains("CREATE TABLE \"public\".\"m_2\" PARTITION OF \"public\".\"m\"");

            notice.dismissAll();
            assertThat(notice.runs()).isEmpty();
            notice.check(database);
            assertThat(notice.runs()).isEmpty();
            notice.check(null);
            assertThat(notice.runs()).isEmpty();
        }
    }
}
