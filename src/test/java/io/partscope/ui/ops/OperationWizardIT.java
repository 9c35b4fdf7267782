package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.TestPostgres;
import io.partscope.ui.MainWindow;
import io.partscope.ui.browser.MemberRow;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.connect.ConnectionViewModel;
import io.partscope.ui.task.FxTaskExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The operation wizards in the real window against a real server: create partitions end to end from the sets
 * table's context menu, a refusal in the preview, freeze end to end, and the wizards disabled for a read-only profile.
 */
@ExtendWith(ApplicationExtension.class)
class OperationWizardIT {
    private static final long TIMEOUT_SECONDS = 60;

    private static TestPostgres pg;
    private static String db;

    private FxTaskExecutor executor;
    private MainWindow window;

    @BeforeAll
    static void createSets() {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_ops");
        pg.exec(db,
                "CREATE TABLE sales (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE sales_2026_01 PARTITION OF sales FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE sales_2026_02 PARTITION OF sales FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "CREATE TABLE sales_2026_03 PARTITION OF sales FOR VALUES FROM ('2026-03-01') TO ('2026-04-01')",
                "INSERT INTO sales SELECT g, date '2026-01-01' + (g % 80) FROM generate_series(1, 500) g",
                "CREATE TABLE visits (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE visits_2026_01 PARTITION OF visits FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE visits_2026_02 PARTITION OF visits FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "CREATE TABLE visits_default PARTITION OF visits DEFAULT",
                "INSERT INTO visits SELECT g, date '2026-03-05' FROM generate_series(1, 20) g",
                "CREATE TABLE ledger (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE ledger_2025 PARTITION OF ledger FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE ledger_2026 PARTITION OF ledger FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO ledger SELECT g, date '2025-01-01' + (g % 700) FROM generate_series(1, 2000) g");
        // Age the ledger's partitions: each statement is a transaction of its own.
        for (int i = 0; i < 30; i++) {
            pg.exec(db, "SELECT txid_current()");
        }
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        window = MainWindow.create(stage, executor);
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.viewModel().shutdown()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        FxToolkit.cleanupStages();
        executor.close();
    }

    private void connect(FxRobot robot, ConnectionViewModel.Origin origin) throws Exception {
        robot.interact(() -> window.viewModel().currentSession().connection().connectWith(pg.superuserSettings(db),
                origin));
        waitIdle();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.browser().setsTable().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Right-clicks the set's row and picks the menu item. */
    private void openFromContextMenu(FxRobot robot, String set, String item) {
        ContextMenu menu = showContextMenu(robot, set);
        robot.clickOn(menuLabel(robot, menu, item));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects the set's row and shows the sets table's context menu at it (Monocle sends no context-menu event). */
    private ContextMenu showContextMenu(FxRobot robot, String set) {
        robot.clickOn(set);
        Node cell = robot.lookup(set).query();
        ContextMenu menu = window.browser().setsTable().getContextMenu();
        robot.interact(() -> {
            javafx.geometry.Bounds at = cell.localToScreen(cell.getBoundsInLocal());
            menu.show(cell, at.getMinX() + 10, at.getMaxY());
        });
        WaitForAsyncUtils.waitForFxEvents();
        return menu;
    }

    private static Label menuLabel(FxRobot robot, ContextMenu menu, String text) {
        return robot.from(menu.getSkin().getNode()).lookup((Label l) -> text.equals(l.getText())).query();
    }

    private void preview(FxRobot robot) throws Exception {
        robot.clickOn("#" + OperationWizard.NEXT_ID);
        waitIdle();
    }

    private static String outcome(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#" + OperationWizard.OUTCOME_ID).tryQuery().isPresent());
        return robot.lookup("#" + OperationWizard.OUTCOME_ID).queryAs(Label.class).getText();
    }

    private List<String> members(FxRobot robot, String set) {
        robot.clickOn(set);
        WaitForAsyncUtils.waitForFxEvents();
        return window.browser().shownMembers().stream().map(MemberRow::name).toList();
    }

    @Test
    void createsTheNextTwoPartitionsEndToEnd(FxRobot robot) throws Exception {
        connect(robot, null);
        openFromContextMenu(robot, "public.sales", "Create partitions…");
        Spinner<?> next = robot.lookup("#" + CreatePartitionsWizardModel.NEXT_ID).queryAs(Spinner.class);
        robot.interact(() -> ((Spinner<Integer>) next).getValueFactory().setValue(2));
        preview(robot);

        String sql = robot.lookup("#" + OperationWizard.SQL_ID).queryAs(TextArea.class).getText();
        assertTrue(sql.contains("CREATE TABLE"), sql);
        assertTrue(sql.contains("2026-04-01") && sql.contains("2026-06-01"), sql);
        assertTrue(sql.contains("lock ACCESS EXCLUSIVE on \"public\".\"sales\""), sql);
        assertTrue(robot.lookup("#" + OperationWizard.REFUSAL_ID).tryQuery().isEmpty(), "nothing refused");
        Button run = robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class);
        assertFalse(run.isDisabled());

        robot.clickOn(run);
        String outcome = outcome(robot);
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        waitIdle();

        List<String> members = members(robot, "public.sales");
        assertTrue(members.containsAll(List.of("sales_2026_04", "sales_2026_05")), members.toString());
        assertEquals(5, members.size(), members.toString());
        assertEquals("2", pg.queryString(db, "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid ="
                + " i.inhrelid WHERE i.inhparent = 'sales'::regclass AND c.relname IN ('sales_2026_04',"
                + " 'sales_2026_05')"));
    }

    @Test
    void rowsInTheDefaultRefuseInThePreviewAndRunStaysDisabled(FxRobot robot) throws Exception {
        connect(robot, null);
        openFromContextMenu(robot, "public.visits", "Create partitions…");
        preview(robot);

        String refusal = robot.lookup("#" + OperationWizard.REFUSAL_ID).queryAs(Label.class).getText();
        assertTrue(refusal.startsWith("Run is disabled: "), refusal);
        assertTrue(refusal.toLowerCase(java.util.Locale.ROOT).contains("default"), refusal);
        assertTrue(robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class).isDisabled());
        VBox checks = robot.lookup("#" + OperationWizard.CHECKS_ID).queryAs(VBox.class);
        assertTrue(checks.lookupAll(".danger").size() > 0, "a REFUSE line is marked");
        assertEquals("3", pg.queryString(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'visits'::regclass"));
    }

    @Test
    void freezeLowersTheAgesShownInTheSummary(FxRobot robot) throws Exception {
        connect(robot, null);
        openFromContextMenu(robot, "public.ledger", "Freeze…");
        robot.clickOn("XID age at least");
        TextField value = robot.lookup("#" + FreezeWizardModel.MIN_AGE_ID).queryAs(TextField.class);
        robot.interact(() -> value.setText("10"));
        preview(robot);
        String sql = robot.lookup("#" + OperationWizard.SQL_ID).queryAs(TextArea.class).getText();
        assertTrue(sql.contains("VACUUM (FREEZE"), sql);

        robot.clickOn("#" + OperationWizard.RUN_ID);
        String outcome = outcome(robot);
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
        Node summary = robot.lookup("#" + OperationWizard.SUMMARY_ID).query();
        Pattern change = Pattern.compile("XID age (\\d+) → (\\d+)");
        int lowered = 0;
        for (Node n : summary.lookupAll(".label")) {
            Matcher m = change.matcher(((Label) n).getText());
            if (m.find()) {
                assertTrue(Long.parseLong(m.group(2)) < Long.parseLong(m.group(1)), ((Label) n).getText());
                lowered++;
            }
        }
        assertEquals(2, lowered, "both ledger partitions are listed with their ages before and after");
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
    }

    @Test
    void aReadOnlyProfileDisablesTheWizardsAndSaysWhy(FxRobot robot) throws Exception {
        connect(robot, new ConnectionViewModel.Origin("Billing (production)", "#d9480f", true));
        ContextMenu menu = showContextMenu(robot, "public.sales");
        TableView<PartitionSetRow> table = window.browser().setsTable();
        List<MenuItem> items = menu.getItems();
        MenuItem create = items.stream().filter(i -> "Create partitions…".equals(i.getText())).findFirst().orElseThrow();
        MenuItem freeze = items.stream().filter(i -> "Freeze…".equals(i.getText())).findFirst().orElseThrow();
        assertTrue(create.isDisable());
        assertTrue(freeze.isDisable());
        assertTrue(menuLabel(robot, menu, "The profile \"Billing (production)\" is read-only: operations are"
                + " disabled").isVisible(), "the reason is shown in the menu");
        robot.interact(menu::hide);
        // The core refuses too, should a wizard be opened anyway.
        io.partscope.core.ops.OperationPlan plan = new CreatePartitionsWizardModel(table.getItems().stream()
                .filter(r -> r.name().equals("public.sales")).findFirst().orElseThrow().set())
                .plan(window.viewModel().currentSession().connection().database(), true, null);
        assertTrue(plan.refused());
    }
}
