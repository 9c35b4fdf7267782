package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Database;
import io.partscope.support.DemoAppIT;
import io.partscope.ui.browser.MemberTree.MemberLine;
import io.partscope.ui.browser.PartitionSetRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The detach wizard end to end on the demo, from the member tree's context menu: DETACH CONCURRENTLY of the oldest
 * week of telephony.call_logs waits for a transaction that read the set, the Run page shows that session, and the
 * detach completes when it ends (the table moved to an archive schema); then a second detach is cancelled while
 * it waits, the tree marks the partition DETACH PENDING, and "Finalize detach…" on that row completes it.
 */
class DetachWizardDemoIT extends DemoAppIT {

    private int reportPid;

    @Override
    protected String demoFolderPrefix() {
        return "demo-detach-pg";
    }

    private PartitionSetRow callLogs() {
        return window.browser().setsTable().getItems().stream().filter(r -> r.name().equals("telephony.call_logs"))
                .findFirst().orElseThrow();
    }

    private TableView<MemberLine> members() {
        return window.browser().membersTable();
    }

    private MemberLine line(String name) {
        return members().getItems().stream().filter(l -> l.row().member().name().equals(name)).findFirst()
                .orElse(null);
    }

    private String oldestAttached() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> members().getItems().stream()
                .filter(l -> !l.row().member().detachPending())
                .map(l -> l.row().member().name()).min(Comparator.naturalOrder()).orElseThrow())
                .get(10, TimeUnit.SECONDS);
    }

    private void openFromTree(FxRobot robot, String partition, String item) {
        robot.interact(() -> {
            members().getSelectionModel().select(line(partition));
            members().scrollTo(line(partition));
        });
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = members().getContextMenu();
        robot.interact(() -> {
            javafx.geometry.Bounds at = members().localToScreen(members().getBoundsInLocal());
            menu.show(members(), at.getMinX() + 40, at.getMinY() + 60);
        });
        WaitForAsyncUtils.waitForFxEvents();
        MenuItem found = menu.getItems().stream().filter(i -> item.equals(i.getText())).findFirst().orElseThrow();
        assertFalse(found.isDisable(), item + " is enabled on " + partition);
        robot.clickOn(robot.from(menu.getSkin().getNode())
                .lookup((Label l) -> item.equals(l.getText())).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A transaction that read the set and stays open: DETACH CONCURRENTLY must wait for it. */
    private Connection longTransaction(Database db) throws Exception {
        Connection c = db.dedicatedConnection();
        reportPid = pid(c);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = 'monthly report'");
            s.executeQuery("SELECT count(*) FROM telephony.call_logs").close();
        }
        return c;
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String query(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void previewAndRun(FxRobot robot, String expectSql) throws Exception {
        robot.clickOn("#" + OperationWizard.NEXT_ID);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#" + OperationWizard.SQL_ID).tryQuery()
                .isPresent());
        String sql = robot.lookup("#" + OperationWizard.SQL_ID).queryAs(TextArea.class).getText();
        assertTrue(sql.contains(expectSql), sql);
        robot.clickOn(robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class));
    }

    /** The Run page's list of the sessions the step waits for, as text (one line per label). */
    private String awaitBlockers(FxRobot robot) throws Exception {
        awaitTrue(() -> robot.lookup("#" + OperationWizard.BLOCKERS_ID).tryQuery()
                .map(n -> n.getParent() != null && !((javafx.scene.layout.VBox) n).getChildren().isEmpty()
                        && robot.lookup("#" + OperationWizard.BLOCKERS_ID).query().isVisible()
                        && n.getScene() != null).orElse(false), () -> wizardState(robot));
        StringBuilder b = new StringBuilder();
        javafx.scene.Node list = robot.lookup("#" + OperationWizard.BLOCKERS_ID).query();
        robot.from(list).lookup(".label").queryAll()
                .forEach(l -> b.append(((Label) l).getText()).append('\n'));
        return b.toString();
    }

    private String awaitOutcome(FxRobot robot) throws Exception {
        awaitTrue(() -> robot.lookup("#" + OperationWizard.OUTCOME_ID).tryQuery().isPresent(),
                () -> wizardState(robot));
        return robot.lookup("#" + OperationWizard.OUTCOME_ID).queryAs(Label.class).getText();
    }

    /** What the wizard shows, for a failure message. */
    private static String wizardState(FxRobot robot) {
        StringBuilder b = new StringBuilder();
        robot.lookup("#" + OperationWizard.PAGE_TITLE_ID).queryAll().forEach(n -> b.append("page: ")
                .append(((Label) n).getText()).append('\n'));
        robot.lookup("#" + OperationWizard.REFUSAL_ID).tryQuery().ifPresent(n -> b.append("refusal: ")
                .append(((Label) n).getText()).append('\n'));
        robot.lookup("#" + OperationWizard.CHECKS_ID).tryQuery().ifPresent(n -> ((javafx.scene.layout.VBox) n)
                .getChildrenUnmodifiable().forEach(line -> ((javafx.scene.layout.HBox) line).getChildren()
                        .forEach(l -> b.append(((Label) l).getText()).append(' '))));
        robot.lookup("#" + OperationWizard.LOG_ID).tryQuery().ifPresent(n -> b.append("log: ")
                .append(((ListView<?>) n).getItems()).append('\n'));
        return b.toString();
    }

    private void snapshot(FxRobot robot, String file) throws Exception {
        String dir = System.getProperty("partscope.screenshots");
        if (dir == null) {
            return;
        }
        Window wizard = robot.lookup("#" + OperationWizard.BLOCKERS_ID).query().getScene().getWindow();
        WaitForAsyncUtils.waitForFxEvents();
        var image = WaitForAsyncUtils.asyncFx(() -> wizard.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Files.createDirectories(Path.of(dir));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of(dir, file).toFile());
    }

    private static void awaitTrue(java.util.concurrent.Callable<Boolean> condition,
            java.util.function.Supplier<String> state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("still false after 60 s: " + WaitForAsyncUtils.asyncFx(state::get)
                .get(10, TimeUnit.SECONDS));
    }

    @Test
    void detachesConcurrentlyShowingTheBlockerThenFinalizesACancelledOne(FxRobot robot) throws Exception {
        openFreshDemo(robot); // the test detaches its oldest weeks
        robot.interact(() -> window.browser().setsTable().getSelectionModel().select(callLogs()));
        awaitTrue(() -> !members().getItems().isEmpty(), () -> "no members");
        Database db = window.viewModel().currentSession().connection().database();
        int before = callLogs().partitions();
        String oldest = oldestAttached();

        // 1. CONCURRENTLY waits for the report's transaction, shows it, and completes when it ends.
        Connection report = longTransaction(db);
        openFromTree(robot, oldest, "Detach partition…");
        assertTrue(robot.lookup("#" + DetachWizardModel.CONCURRENTLY_ID).queryAs(CheckBox.class).isSelected());
        javafx.scene.control.RadioButton keep = robot.lookup("#detachThenKeep")
                .queryAs(javafx.scene.control.RadioButton.class);
        assertEquals("Keep the table as telephony." + oldest, keep.getText());
        assertFalse(keep.isMnemonicParsing(), "the name's underscores are shown, not taken as mnemonics");
        robot.clickOn("#detachThenArchive");
        previewAndRun(robot, "DETACH PARTITION \"telephony\".\"" + oldest + "\" CONCURRENTLY");
        String shown = awaitBlockers(robot);
        assertTrue(shown.startsWith("pid " + reportPid + " — idle in transaction, transaction open "), shown);
        assertTrue(shown.contains("application monthly report"), shown);
        assertTrue(shown.contains("holds AccessShareLock on telephony.call_logs"), shown);
        assertTrue(shown.contains("SELECT count(*) FROM telephony.call_logs"), shown);
        snapshot(robot, "wizard-detach.png");
        report.commit();
        report.close();
        String outcome = awaitOutcome(robot);
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        awaitTrue(() -> callLogs().partitions() == before - 1, () -> "partitions " + callLogs().partitions()
                + " (before " + before + "), status " + window.viewModel().currentSession().browser().statusProperty().get());
        assertEquals("t", query(db, "SELECT to_regclass('archive.\"" + oldest + "\"') IS NOT NULL"));

        // 2. Cancelled while it waits: the tree marks it DETACH PENDING, and Finalize detach completes it.
        awaitTrue(() -> line(oldest) == null && !members().getItems().isEmpty(), () -> oldest + " still shown");
        String next = oldestAttached();
        report = longTransaction(db);
        openFromTree(robot, next, "Detach partition…");
        previewAndRun(robot, "DETACH PARTITION \"telephony\".\"" + next + "\" CONCURRENTLY");
        awaitBlockers(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "t".equals(query(db, "SELECT inhdetachpending"
                + " FROM pg_inherits WHERE inhrelid = 'telephony.\"" + next + "\"'::regclass")));
        robot.clickOn("#" + OperationWizard.CANCEL_ID);
        outcome = awaitOutcome(robot);
        assertTrue(outcome.startsWith("CANCELLED"), outcome);
        String summary = robot.lookup("#" + OperationWizard.SUMMARY_ID).queryAs(javafx.scene.layout.VBox.class)
                .getChildren().stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                .reduce("", (a, b) -> a + "\n" + b);
        assertTrue(summary.contains("is left PENDING DETACH from telephony.call_logs"), summary);
        // The log says the same: nothing claims the step was rolled back, and it ends with how to finish it.
        java.util.List<String> log = robot.lookup("#" + OperationWizard.SUMMARY_ID)
                .queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .filter(n -> n instanceof javafx.scene.control.ListView).findFirst()
                .map(n -> ((javafx.scene.control.ListView<?>) n).getItems().stream().map(String::valueOf).toList())
                .orElseThrow();
        assertTrue(log.stream().noneMatch(l -> l.contains("rolled back")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains(next) && l.contains("is left PENDING DETACH")),
                log.toString());
        assertTrue(log.get(log.size() - 1).contains("Finalize detach") && log.get(log.size() - 1).contains(
                "op finalize"), log.toString());
        report.rollback();
        report.close();
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        awaitTrue(() -> line(next) != null && line(next).row().member().detachPending(),
                () -> next + " not shown as pending");
        assertTrue(line(next).row().flags().contains(io.partscope.ui.browser.MemberRow.DETACH_PENDING),
                line(next).row().flags().toString());

        openFromTree(robot, next, "Finalize detach…");
        previewAndRun(robot, "DETACH PARTITION \"telephony\".\"" + next + "\" FINALIZE");
        outcome = awaitOutcome(robot);
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        awaitTrue(() -> line(next) == null && !members().getItems().isEmpty(), () -> next + " still shown");
        assertEquals("f", query(db, "SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid ="
                + " 'telephony.\"" + next + "\"'::regclass)"));
    }
}
