package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The summary after a freeze of 26 partitions, in the wizard's own 980 x 680 window: it scrolls to the journal line,
 * Close stays in view, Esc closes it, and each partition is listed once.
 */
@ExtendWith(ApplicationExtension.class)
class WizardSummaryIT {
    private static final long TIMEOUT_SECONDS = 120;
    private static final int PARTITIONS = 26;

    private static TestPostgres pg;
    private static String db;
    private static Database database;

    private FxTaskExecutor executor;
    private OperationWizard wizard;

    @BeforeAll
    static void createSet() throws Exception {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_summary");
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE big (id bigint, at int NOT NULL) PARTITION BY RANGE (at)");
        for (int i = 0; i < PARTITIONS; i++) {
            ddl.add(String.format("CREATE TABLE big_p%02d PARTITION OF big FOR VALUES FROM (%d) TO (%d)", i, i * 10,
                    i * 10 + 10));
        }
        ddl.add("INSERT INTO big SELECT g, g % " + (PARTITIONS * 10) + " FROM generate_series(1, 2600) g");
        pg.exec(db, ddl.toArray(String[]::new));
        database = Database.open(pg.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
    }

    /** Freezes every partition of public.big and waits for the summary. */
    private void freezeAll(FxRobot robot) throws Exception {
        for (int i = 0; i < 30; i++) {
            pg.exec(db, "SELECT txid_current()"); // age every partition: each is a transaction of its own
        }
        executor = new FxTaskExecutor(2);
        robot.interact(() -> {
            wizard = new OperationWizard(null, new FreezeWizardModel("public.big"), new Activity(executor), database,
                    false, null);
            wizard.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("XID age at least");
        TextField minAge = robot.lookup("#" + FreezeWizardModel.MIN_AGE_ID).queryAs(TextField.class);
        robot.interact(() -> minAge.setText("0"));
        robot.clickOn("#" + OperationWizard.NEXT_ID);
        Button run = robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !run.isDisabled());
        robot.clickOn(run);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#" + OperationWizard.OUTCOME_ID).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        String outcome = robot.lookup("#" + OperationWizard.OUTCOME_ID).queryAs(Label.class).getText();
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
    }

    private static ScrollPane scrollPaneOf(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) {
                return s;
            }
        }
        throw new AssertionError("the summary is not in a scroll pane");
    }

    /** The summary's own lines (not the log's cells). */
    private static List<String> summaryTexts(Node summary) {
        List<String> texts = new ArrayList<>();
        collect(summary, texts);
        return texts;
    }

    private static void collect(Node n, List<String> texts) {
        if (n instanceof ListView<?>) {
            return;
        }
        if (n instanceof Label l) {
            texts.add(l.getText());
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, texts));
        }
    }

    @Test
    void theSummaryScrollsToTheJournalAndCloseStaysInTheWindow(FxRobot robot) throws Exception {
        freezeAll(robot);
        double windowHeight = wizard.stage().getScene().getHeight();
        Button close = robot.lookup("#" + OperationWizard.CLOSE_ID).queryAs(Button.class);
        Bounds closeBounds = close.localToScene(close.getBoundsInLocal());
        assertTrue(close.isVisible() && closeBounds.getMaxY() <= windowHeight,
                "Close at " + closeBounds + " in a window " + windowHeight + " high");
        Node summary = robot.lookup("#" + OperationWizard.SUMMARY_ID).query();
        ScrollPane scroll = scrollPaneOf(summary);
        assertTrue(summary.getLayoutBounds().getHeight() > scroll.getViewportBounds().getHeight(),
                "26 partitions make the summary taller than the window: it scrolls");

        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
        Label journal = robot.lookup("#" + OperationWizard.JOURNAL_ID).queryAs(Label.class);
        Bounds line = journal.localToScene(journal.getBoundsInLocal());
        Bounds view = scroll.localToScene(scroll.getLayoutBounds());
        assertTrue(line.getMinY() >= view.getMinY() && line.getMaxY() <= view.getMaxY(),
                "scrolled down, the journal line " + line + " is in view " + view);
        assertTrue(journal.getText().startsWith("Recorded in the journal: "), journal.getText());
    }

    @Test
    void escClosesTheSummary(FxRobot robot) throws Exception {
        freezeAll(robot);
        assertTrue(wizard.stage().isShowing());

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(wizard.stage().isShowing(), "Esc closed the wizard");
    }

    @Test
    void eachPartitionIsListedOnceAndTheLockNoteNotAtAll(FxRobot robot) throws Exception {
        freezeAll(robot);
        List<String> texts = summaryTexts(robot.lookup("#" + OperationWizard.SUMMARY_ID).query());
        for (int i = 0; i < PARTITIONS; i++) {
            String name = String.format("public.big_p%02d", i);
            List<String> naming = texts.stream().filter(t -> t.contains(name + " ") || t.endsWith(name)).toList();
            assertEquals(1, naming.size(), name + " in " + naming);
            assertTrue(naming.get(0).matches(".*XID age \\d+ → \\d+"), naming.get(0));
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains(PARTITIONS + " of " + PARTITIONS + " checks passed")),
                texts.toString());
        assertEquals(0, texts.stream().filter(t -> t.contains("SHARE UPDATE EXCLUSIVE")).count(), texts.toString());
    }

    @Test
    void partitionsThatCouldNotBeFrozenAreListedOnceAndTheReasonIsSaidOnce(FxRobot robot) throws Exception {
        // A transaction open since before the last freeze holds the horizon: relfrozenxid cannot move past it.
        try (java.sql.Connection old = pg.superuserConnection(db)) {
            old.setAutoCommit(false);
            try (java.sql.Statement s = old.createStatement()) {
                s.execute("SELECT txid_current()");
            }
            pg.exec(db, "VACUUM (FREEZE) big");
            freezeAll(robot);
            List<String> texts = summaryTexts(robot.lookup("#" + OperationWizard.SUMMARY_ID).query());
            for (int i = 0; i < PARTITIONS; i++) {
                String name = String.format("public.big_p%02d", i);
                List<String> naming = texts.stream().filter(t -> t.contains(name + " ") || t.endsWith(name)).toList();
                assertEquals(1, naming.size(), name + " in " + naming);
                assertTrue(naming.get(0).endsWith("⚠ not lower"), naming.get(0));
            }
            assertEquals(1, texts.stream().filter(t -> t.contains("holds back the freeze horizon")).count(),
                    texts.toString());
            assertTrue(texts.stream().anyMatch(t -> t.contains(PARTITIONS + " of " + PARTITIONS + ": not lower")),
                    texts.toString());
            old.rollback();
        }
    }
}
