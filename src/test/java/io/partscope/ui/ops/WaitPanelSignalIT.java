package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.ops.BackendSignal;
import io.partscope.core.ops.Blocker;
import io.partscope.support.TestPostgres;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A DETACH CONCURRENTLY waits for a session that read the set; from the wait panel the DBA cancels its query or
 * terminates it, and the detach goes on to SUCCEEDED. A cancel of a session idle in transaction says that it stays.
 */
@ExtendWith(ApplicationExtension.class)
class WaitPanelSignalIT {
    private static final TestPostgres PG = TestPostgres.get();

    private String db;
    private Database database;
    private FxTaskExecutor executor;
    private OperationWizard wizard;

    @BeforeEach
    void createSet() throws Exception {
        db = PG.newDatabase("wait_signal");
        PG.exec(db, "CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025_01 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE public.events_2025_02 PARTITION OF public.events"
                        + " FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "INSERT INTO public.events SELECT g, date '2025-01-01' + (g % 59) FROM generate_series(1, 500) g");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
        executor = new FxTaskExecutor(2);
    }

    @AfterEach
    void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
        database.close();
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Starts the detach of events_2025_01 (CONCURRENTLY, the table kept) and returns the blocker it waits for. */
    private Blocker detachWaitingFor(FxRobot robot, int pid) throws Exception {
        robot.interact(() -> {
            wizard = new OperationWizard(null, new DetachWizardModel(new RelationName("public", "events_2025_01"),
                    new RelationName("public", "events")), new Activity(executor), database, false, null);
            wizard.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + OperationWizard.NEXT_ID);
        Button run = robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !run.isDisabled());
        robot.clickOn(run);
        awaitTrue(() -> wizard.runModel().blockers().stream().anyMatch(b -> b.pid() == pid));
        return WaitForAsyncUtils.asyncFx(() -> wizard.runModel().blockers().stream().filter(b -> b.pid() == pid)
                .findFirst().orElseThrow()).get(10, TimeUnit.SECONDS);
    }

    private String awaitOutcome() throws Exception {
        awaitTrue(() -> wizard.runModel().outcomeProperty().get() != null);
        return WaitForAsyncUtils.asyncFx(() -> wizard.runModel().outcomeProperty().get().status().json())
                .get(10, TimeUnit.SECONDS);
    }

    private String signalResult() throws Exception {
        awaitTrue(() -> !wizard.runModel().signalResultProperty().get().isEmpty());
        return WaitForAsyncUtils.asyncFx(() -> wizard.runModel().signalResultProperty().get()).get(10,
                TimeUnit.SECONDS);
    }

    private void awaitTrue(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still false after 60 s; log: " + WaitForAsyncUtils.asyncFx(
                () -> String.join("\n", wizard.runModel().log())).get(10, TimeUnit.SECONDS));
    }

    private boolean attached() {
        return "t".equals(PG.queryString(db, "SELECT EXISTS (SELECT 1 FROM pg_inherits"
                + " WHERE inhrelid = 'public.events_2025_01'::regclass)"));
    }

    @Test
    void cancellingTheBlockingQueryLetsTheDetachProceed(FxRobot robot) throws Exception {
        try (Connection report = PG.superuserConnection(db)) {
            int pid = pid(report);
            Thread query = new Thread(() -> {
                try (Statement s = report.createStatement()) {
                    s.execute("SELECT count(*) FROM public.events, pg_sleep(600)");
                } catch (Exception expected) {
                    // cancelled: "canceling statement due to user request"
                }
            });
            query.start();
            PG.awaitTrue(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = " + pid
                    + " AND state = 'active' AND query LIKE '%pg_sleep(600)%')");
            Blocker blocker = detachWaitingFor(robot, pid);
            assertEquals("active", blocker.state());
            robot.interact(() -> wizard.runModel().signal(BackendSignal.Kind.CANCEL, blocker));
            String result = signalResult();
            assertTrue(result.startsWith("Cancel sent to pid " + pid + ": its query is cancelled"), result);
            assertEquals("succeeded", awaitOutcome());
            query.join();
        }
        assertTrue(!attached(), "events_2025_01 is detached");
    }

    @Test
    void anIdleTransactionIsNotEndedByACancelAndIsByTerminateConfirmedInTheDialog(FxRobot robot) throws Exception {
        try (Connection report = PG.superuserConnection(db)) {
            int pid = pid(report);
            report.setAutoCommit(false);
            try (Statement s = report.createStatement()) {
                s.execute("SET application_name = 'monthly report'");
                s.executeQuery("SELECT count(*) FROM public.events").close();
            }
            Blocker blocker = detachWaitingFor(robot, pid);
            assertEquals("idle in transaction", blocker.state());

            robot.interact(() -> wizard.runModel().signal(BackendSignal.Kind.CANCEL, blocker));
            String result = signalResult();
            assertTrue(result.contains("idle in transaction: a cancel stops only a running query, so its transaction"
                    + " and its locks stay"), result);
            assertEquals("idle in transaction", PG.queryString(db, "SELECT state FROM pg_stat_activity WHERE pid = "
                    + pid));
            assertTrue(attached(), "the detach still waits");

            robot.clickOn("#" + OperationWizard.TERMINATE_BACKEND_ID + "-" + pid);
            WaitForAsyncUtils.waitForFxEvents();
            String question = robot.lookup("#" + OperationWizard.SIGNAL_CONFIRM_ID)
                    .queryAs(javafx.scene.control.DialogPane.class).getContentText();
            assertTrue(question.contains("application: monthly report"), question);
            robot.clickOn("Terminate session");
            assertEquals("succeeded", awaitOutcome());
            assertTrue(!attached(), "events_2025_01 is detached");
            assertEquals("f", PG.queryString(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = " + pid
                    + ")"));
            String log = WaitForAsyncUtils.asyncFx(() -> String.join("\n", wizard.runModel().log())).get(10,
                    TimeUnit.SECONDS);
            assertTrue(log.contains("Terminate sent to pid " + pid + ": the session ends and its transaction is"
                    + " rolled back"), log);
        }
    }
}
