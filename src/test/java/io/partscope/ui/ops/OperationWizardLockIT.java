package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.ops.OperationLock;
import io.partscope.support.TestPostgres;
import io.partscope.ui.MainWindow;
import io.partscope.ui.task.FxTaskExecutor;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
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

/** The wizard, when another session runs an operation on the set: refused, naming the holder. */
@ExtendWith(ApplicationExtension.class)
class OperationWizardLockIT {
    private static final long TIMEOUT_SECONDS = 60;

    private static TestPostgres pg;
    private static String db;

    private FxTaskExecutor executor;
    private MainWindow window;

    @BeforeAll
    static void createSets() {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_oplock");
        pg.exec(db, "CREATE TABLE sales (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE sales_2026_01 PARTITION OF sales FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')");
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

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runningWhileAnotherSessionHoldsTheSetIsRefusedWithItsPidAndApplication(FxRobot robot) throws Exception {
        robot.interact(() -> window.viewModel().currentSession().connection().connectWith(pg.superuserSettings(db),
                null));
        waitIdle();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.browser().setsTable().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        try (Connection other = pg.superuserConnection(db); Statement s = other.createStatement()) {
            s.execute("SET application_name = 'nightly-split'");
            s.execute("SELECT pg_advisory_lock(" + OperationLock.CLASS_ID + ", 'sales'::regclass::oid::bigint::int)");
            String pid = pg.queryString(db, "SELECT pid FROM pg_stat_activity WHERE application_name = 'nightly-split'");

            robot.clickOn("public.sales");
            Node cell = robot.lookup("public.sales").query();
            ContextMenu menu = window.browser().setsTable().getContextMenu();
            robot.interact(() -> {
                javafx.geometry.Bounds at = cell.localToScreen(cell.getBoundsInLocal());
                menu.show(cell, at.getMinX() + 10, at.getMaxY());
            });
            WaitForAsyncUtils.waitForFxEvents();
            Label item = robot.from(menu.getSkin().getNode())
                    .lookup((Label l) -> "Create partitions…".equals(l.getText())).query();
            robot.clickOn(item);
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#" + OperationWizard.NEXT_ID);
            waitIdle();
            robot.clickOn("#" + OperationWizard.RUN_ID);
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> robot.lookup("#" + OperationWizard.OUTCOME_ID).tryQuery().isPresent());
            String outcome = robot.lookup("#" + OperationWizard.OUTCOME_ID).queryAs(Label.class).getText();
            assertTrue(outcome.startsWith("REFUSED: nothing was changed: another operation is running on the"
                    + " partition set public.sales"), outcome);
            assertTrue(outcome.contains("held by server pid " + pid), outcome);
            assertTrue(outcome.contains("application \"nightly-split\""), outcome);
        }
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        waitIdle();
        // Nothing was created.
        assertTrue("1".equals(pg.queryString(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'sales'::regclass")));
    }
}
