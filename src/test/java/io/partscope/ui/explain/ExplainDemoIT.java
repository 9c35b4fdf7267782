package io.partscope.ui.explain;

import static io.partscope.ui.explain.LeafGridAssertions.assertSameColour;
import static io.partscope.ui.explain.LeafGridAssertions.colourOf;
import static io.partscope.ui.explain.LeafGridAssertions.indexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.explain.LeafState;
import io.partscope.support.DemoAppIT;
import io.partscope.ui.browser.MemberRow;
import io.partscope.ui.browser.PartitionSetBrowser;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.session.ConnectionSessionView;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * EXPLAIN in the real app on the demo database: from the selected set to a query, the leaves drawn in their
 * states with the counts, then a rewrite that defeats pruning compared side by side with the lint saying why.
 */
class ExplainDemoIT extends DemoAppIT {
    private static final DateTimeFormatter LEAF_DATE = DateTimeFormatter.ofPattern("yyyy_MM_dd");

    private ExplainViewModel vm() {
        return window.currentView().session().explain();
    }

    private ExplainPane pane() {
        return window.currentView().explain();
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        waitOnFx(TIMEOUT_SECONDS, () -> !vm().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void explainAQueryOnTheDemoThenCompareItWithARewriteThatDefeatsPruning(FxRobot robot) throws Exception {
        openDemo(robot);
        PartitionSetBrowser browser = window.browser();
        PartitionSetRow metrics = browser.setsTable().getItems().stream()
                .filter(r -> r.name().equals("public.metrics_daily")).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> browser.setsTable().getSelectionModel().select(metrics))
                .get(10, TimeUnit.SECONDS);
        waitOnFx(TIMEOUT_SECONDS, () -> browser.shownMembers().size() > 100
                && browser.shownMembers().get(0).name().startsWith("metrics_daily"));
        // Two days in the middle of the set, read from the partitions' names (the demo's dates follow its load day).
        MemberRow day = browser.shownMembers().stream().filter(r -> r.name().matches("metrics_daily_\\d{4}_.*"))
                .skip(200).findFirst().orElseThrow();
        LocalDate from = LocalDate.parse(day.name().substring("metrics_daily_".length()), LEAF_DATE);
        LocalDate to = from.plusDays(2);

        // Ctrl+E opens EXPLAIN with a query on the selected set to start from.
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ConnectionSessionView view = window.currentView();
        assertTrue(view.isExplainShown());
        assertTrue(vm().queryProperty().get().startsWith("SELECT count(*)\nFROM public.metrics_daily\nWHERE "),
                vm().queryProperty().get());

        String pruned = "SELECT count(*) FROM public.metrics_daily WHERE recorded_at >= '" + from
                + "' AND recorded_at < '" + to + "'";
        robot.interact(() -> vm().queryProperty().set(pruned));
        robot.clickOn("#" + ExplainPane.QUERY_ID).press(KeyCode.CONTROL, KeyCode.ENTER)
                .release(KeyCode.ENTER, KeyCode.CONTROL);
        awaitIdle();
        assertNull(vm().errorProperty().get());
        TargetView target = pane().targetView();
        assertEquals("public.metrics_daily — scanned 2 of 401 · removed at executor start 0 · pruned at plan time 399"
                + " · never executed 0", target.header().getText());
        int scannedLeaf = indexOf(target.target(), "public.metrics_daily_" + from.format(LEAF_DATE));
        int prunedLeaf = indexOf(target.target(), "public.metrics_daily_" + to.format(LEAF_DATE));
        StatePalette palette = target.grid().palette();
        assertNotEquals(palette.fill(LeafState.SCANNED), palette.fill(LeafState.PRUNED_AT_PLAN_TIME));
        assertSameColour((Color) palette.fill(LeafState.SCANNED), colourOf(robot, target.grid(), scannedLeaf));
        assertSameColour((Color) palette.fill(LeafState.PRUNED_AT_PLAN_TIME),
                colourOf(robot, target.grid(), prunedLeaf));
        assertTrue(target.timeline().isVisible(), "a range set also gets its timeline");
        assertEquals(0, pane().findings().shownCount(), "a query that prunes well has no lint");
        assertEquals("Pruning lint: nothing to report", ((javafx.scene.control.Label) pane().findings()
                .getChildren().get(0)).getText());

        // Pin it as A, rewrite with a cast on the key (B), compare: every leaf is scanned in B, the lint says why.
        robot.clickOn("#" + ExplainPane.PIN_ID);
        String cast = "SELECT count(*) FROM public.metrics_daily WHERE recorded_at::date >= '" + from
                + "' AND recorded_at::date < '" + to + "'";
        robot.interact(() -> vm().queryProperty().set(cast));
        robot.clickOn("#" + ExplainPane.COMPARE_ID);
        awaitIdle();
        assertEquals("public.metrics_daily — scanned 401 of 401 · removed at executor start 0 · pruned at plan time 0"
                + " · never executed 0", target.header().getText());
        assertEquals("Comparison", pane().resultTabs().getSelectionModel().getSelectedItem().getText());
        ComparisonView comparison = pane().comparisonView();
        assertEquals("A against B: 399 leaves differ", comparison.title().getText());
        assertTrue(comparison.sideB().grid().isHighlighted(prunedLeaf));
        assertFalse(comparison.sideB().grid().isHighlighted(scannedLeaf));
        assertTrue(pane().findings().shownCount() >= 1, "the cast on the key is reported");
        List<String> texts = robot.from(pane().findings()).lookup(".label").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).toList();
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Fix: ")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("recorded_at")), texts.toString());
    }
}
