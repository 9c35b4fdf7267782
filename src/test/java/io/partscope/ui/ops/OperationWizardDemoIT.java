package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.DemoAppIT;
import io.partscope.ui.browser.PartitionSetRow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The create wizard end to end on the demo: two more weekly partitions of telephony.call_logs. */
class OperationWizardDemoIT extends DemoAppIT {
    @Override
    protected String demoFolderPrefix() {
        return "demo-ops-pg";
    }

    private PartitionSetRow callLogs() {
        return window.browser().setsTable().getItems().stream().filter(r -> r.name().equals("telephony.call_logs"))
                .findFirst().orElseThrow();
    }

    @Test
    void createsTwoWeeklyPartitionsOfTheCallLogs(FxRobot robot) throws Exception {
        openDemo(robot);
        int before = callLogs().partitions();
        robot.interact(() -> {
            window.browser().setsTable().getSelectionModel().select(callLogs());
            window.browser().setsTable().scrollTo(callLogs());
        });
        WaitForAsyncUtils.waitForFxEvents();

        // The context menu of the set's row (shown at the row: Monocle sends no context-menu event).
        Node cell = robot.lookup("telephony.call_logs").query();
        ContextMenu menu = window.browser().setsTable().getContextMenu();
        robot.interact(() -> {
            javafx.geometry.Bounds at = cell.localToScreen(cell.getBoundsInLocal());
            menu.show(cell, at.getMinX() + 10, at.getMaxY());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.from(menu.getSkin().getNode())
                .lookup((Label l) -> "Create partitions…".equals(l.getText())).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();

        Spinner<?> next = robot.lookup("#" + CreatePartitionsWizardModel.NEXT_ID).queryAs(Spinner.class);
        robot.interact(() -> ((Spinner<Integer>) next).getValueFactory().setValue(2));
        robot.clickOn("#" + OperationWizard.NEXT_ID);
        waitOnFx(60, () -> robot.lookup("#" + OperationWizard.SQL_ID).tryQuery()
                .isPresent());
        String sql = robot.lookup("#" + OperationWizard.SQL_ID).queryAs(TextArea.class).getText();
        assertTrue(sql.contains("PARTITION OF \"telephony\".\"call_logs\""), sql);
        assertTrue(sql.contains("lock ACCESS EXCLUSIVE on \"telephony\".\"call_logs\""), sql);
        assertEquals(2, sql.lines().filter(l -> l.startsWith("CREATE TABLE")).count(), sql);

        robot.clickOn(robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class));
        waitOnFx(60,
                () -> robot.lookup("#" + OperationWizard.OUTCOME_ID).tryQuery().isPresent());
        String outcome = robot.lookup("#" + OperationWizard.OUTCOME_ID).queryAs(Label.class).getText();
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        waitOnFx(60, () -> callLogs().partitions() == before + 2);
    }
}
