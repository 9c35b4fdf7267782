package io.partscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.DemoAppIT;
import io.partscope.ui.browser.MemberRow;
import io.partscope.ui.browser.PartitionSetBrowser;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.details.MemberDetailsPane;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tour a DBA takes on the demo database, in the real app: open the demo, pick a set, sort by XID age, filter to
 * the problems, open each chart, open the details of the DEFAULT partition that holds stray rows.
 */
class DemoScenarioIT extends DemoAppIT {

    private PartitionSetBrowser browser() {
        return window.browser();
    }


    private void selectSet(FxRobot robot, String name) throws Exception {
        PartitionSetRow row = browser().setsTable().getItems().stream().filter(r -> r.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no set " + name));
        WaitForAsyncUtils.asyncFx(() -> {
            browser().setsTable().getSelectionModel().select(row);
            browser().setsTable().scrollTo(row);
        }).get(10, TimeUnit.SECONDS);
        waitOnFx(TIMEOUT_SECONDS, () -> !browser().shownMembers().isEmpty()
                && browser().shownMembers().get(0).member().relationName().qualified().contains(
                        name.substring(name.indexOf('.') + 1)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks the tab's own header ("Size" is also a column's name, so not by text). */
    private void selectTab(FxRobot robot, String title) {
        TabPane tabs = robot.lookup("#" + PartitionSetBrowser.SET_TABS_ID).queryAs(TabPane.class);
        Node header = robot.from(tabs).lookup(".tab").match(n -> n instanceof javafx.scene.Parent p
                && robot.from(p).lookup(".tab-label").tryQueryAs(Labeled.class)
                        .map(l -> l.getText().equals(title)).orElse(false)).query();
        robot.clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(title, tabs.getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void aDbaTourOfTheDemoDatabase(FxRobot robot) throws Exception {
        // Open the demo (File › Open demo database does the same); the first start loads it.
        openDemo(robot);
        List<String> sets = browser().setsTable().getItems().stream().map(PartitionSetRow::name).toList();
        assertTrue(sets.containsAll(List.of("shop.orders", "public.events", "public.metrics_daily",
                "telephony.call_logs", "iot.sensor_log")), sets.toString());
        assertTrue(window.stage().getTitle().startsWith("Partscope — "), window.stage().getTitle());

        // Pick the weekly call logs (their XID ages are spread) and sort by XID age: highest first after two clicks.
        selectSet(robot, "telephony.call_logs");
        Node xid = browser().membersTable().getColumns().stream().filter(c -> c.getText().equals("XID age"))
                .findFirst().orElseThrow().getStyleableNode();
        robot.clickOn(xid);
        robot.clickOn(xid);
        waitOnFx(30, () -> isSortedByXidAgeDescending(browser().shownMembers()));

        // The orders, only the problems: the DEFAULT holding stray rows is one of them, every row shown is one.
        selectSet(robot, "shop.orders");
        robot.clickOn("#" + PartitionSetBrowser.ONLY_PROBLEMS_ID);
        waitOnFx(30, () -> browser().shownMembers().stream()
                .anyMatch(r -> r.name().equals("orders_default")));
        List<MemberRow> problems = browser().shownMembers();
        assertTrue(problems.stream().allMatch(MemberRow::hasProblems), problems.toString());
        assertTrue(problems.size() < 6, "some partitions are fine and hidden: " + problems);

        // Every chart opens for a range set with a DEFAULT (metrics_daily: 400 days, a gap in the DEFAULT).
        robot.clickOn("#" + PartitionSetBrowser.ONLY_PROBLEMS_ID);
        selectSet(robot, "public.metrics_daily");
        for (String chart : List.of("Size", "XID age", "Timeline")) {
            selectTab(robot, chart);
            // Charts are built off the FX thread: "Drawing the … chart" first, then the chart and its toolbar.
            waitOnFx(60, () -> robot.lookup("#exportPng").match(Node::isVisible).tryQuery().isPresent());
            Button export = robot.lookup("#exportPng").match(Node::isVisible).queryAs(Button.class);
            assertFalse(export.isDisabled(), chart + ": a chart is drawn and can be exported");
        }

        // Back to orders: the DEFAULT partition's details (double click on it opens the Details tab).
        selectTab(robot, "Partitions");
        selectSet(robot, "shop.orders");
        MemberRow defaultRow = browser().shownMembers().stream().filter(r -> r.name().equals("orders_default"))
                .findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> browser().selectMember(defaultRow)).get(10, TimeUnit.SECONDS);
        robot.type(KeyCode.ENTER);
        waitOnFx(30, () -> {
            TextInputControl ddl = robot.lookup("#" + MemberDetailsPane.DDL_ID).tryQueryAs(TextInputControl.class)
                    .orElse(null);
            return ddl != null && ddl.getText().contains("orders_default");
        });
        String ddl = robot.lookup("#" + MemberDetailsPane.DDL_ID).queryAs(TextInputControl.class).getText();
        assertTrue(ddl.contains("DEFAULT"), ddl);
        String title = robot.lookup("#" + MemberDetailsPane.TITLE_ID).queryAs(Labeled.class).getText();
        assertTrue(title.contains("orders_default"), title);
        assertNoErrorDialog(robot);
    }

    private static boolean isSortedByXidAgeDescending(List<MemberRow> rows) {
        if (rows.size() < 2) {
            return false;
        }
        List<Long> ages = new ArrayList<>();
        for (MemberRow row : rows) {
            ages.add(row.xidAge());
        }
        List<Long> sorted = new ArrayList<>(ages);
        sorted.sort(Comparator.nullsLast(Comparator.<Long>reverseOrder()));
        return ages.equals(sorted) && ages.stream().filter(Objects::nonNull).distinct().count() > 1;
    }
}
