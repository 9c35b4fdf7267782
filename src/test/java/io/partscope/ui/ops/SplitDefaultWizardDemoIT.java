package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.DemoAppIT;
import io.partscope.ui.browser.MemberTree;
import io.partscope.ui.browser.PartitionSetRow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The split-DEFAULT wizard end to end on the demo: shop.orders (list by country) has NL, PL and BE orders in its
 * DEFAULT; the wizard shows the analysis, runs, and the set gets orders_nl, orders_pl and orders_be.
 */
class SplitDefaultWizardDemoIT extends DemoAppIT {

    @Override
    protected String demoFolderPrefix() {
        return "demo-split-pg";
    }

    private PartitionSetRow orders() {
        return window.browser().setsTable().getItems().stream().filter(r -> r.name().equals("shop.orders"))
                .findFirst().orElseThrow();
    }

    @Test
    void splitsTheStrayCountriesOutOfTheDefault(FxRobot robot) throws Exception {
        openFreshDemo(robot); // a previous run split the DEFAULT already
        int before = orders().partitions();
        robot.interact(() -> {
            window.browser().setsTable().getSelectionModel().select(orders());
            window.browser().setsTable().scrollTo(orders());
        });
        WaitForAsyncUtils.waitForFxEvents();

        // The members table offers "Split DEFAULT…" on the DEFAULT row only.
        TableView<MemberTree.MemberLine> members = window.browser().membersTable();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> members.getItems().stream()
                .anyMatch(l -> l.row().member() != null && l.row().member().isDefault()));
        MenuItem memberItem = members.getContextMenu().getItems().stream()
                .filter(i -> OperationActions.SPLIT_DEFAULT_MEMBER_ITEM_ID.equals(i.getId())).findFirst().orElseThrow();
        robot.interact(() -> members.getSelectionModel().select(members.getItems().stream()
                .filter(l -> l.row().member() != null && !l.row().member().isDefault() && l.row().level() == 1)
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!memberItem.isVisible(), "hidden on a partition that is not the DEFAULT");
        robot.interact(() -> members.getSelectionModel().select(members.getItems().stream()
                .filter(l -> l.row().member() != null && l.row().member().isDefault()).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(memberItem.isVisible() && !memberItem.isDisable(), "shown and enabled on the DEFAULT row");

        // Open it from the sets table's context menu (shown at the row: Monocle sends no context-menu event).
        Node cell = robot.lookup("shop.orders").query();
        ContextMenu menu = window.browser().setsTable().getContextMenu();
        robot.interact(() -> {
            javafx.geometry.Bounds at = cell.localToScreen(cell.getBoundsInLocal());
            menu.show(cell, at.getMinX() + 10, at.getMaxY());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.from(menu.getSkin().getNode())
                .lookup((Label l) -> "Split DEFAULT…".equals(l.getText())).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#" + OperationWizard.NEXT_ID);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#" + OperationWizard.SQL_ID).tryQuery()
                .isPresent());
        // the analysis: what will be created, with counts, and the estimated lock
        List<String> lines = robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("  new "))
                .queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("orders_nl") && l.contains("rows")), lines.toString());
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("Writers of the set wait"))
                .tryQuery().isPresent());
        String sql = robot.lookup("#" + OperationWizard.SQL_ID).queryAs(TextArea.class).getText();
        assertTrue(sql.contains("LOCK TABLE \"shop\".\"orders\" IN SHARE ROW EXCLUSIVE MODE"), sql);
        assertTrue(sql.contains("lock SHARE ROW EXCLUSIVE on \"shop\".\"orders\""), sql);

        robot.clickOn(robot.lookup("#" + OperationWizard.RUN_ID).queryAs(Button.class));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> robot.lookup("#" + OperationWizard.OUTCOME_ID).tryQuery().isPresent());
        String outcome = robot.lookup("#" + OperationWizard.OUTCOME_ID).queryAs(Label.class).getText();
        assertTrue(outcome.startsWith("SUCCEEDED"), outcome);
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("rows in the DEFAULT before ="))
                .tryQuery().isPresent(), "the verification summary is shown");
        assertTrue(robot.lookup((Label l) -> l.getText() != null
                && l.getText().startsWith("The set was locked against writers")).tryQuery().isPresent());
        robot.clickOn("#" + OperationWizard.CLOSE_ID);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> orders().partitions() == before + 3);
    }
}
