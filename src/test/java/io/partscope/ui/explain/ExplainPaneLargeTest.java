package io.partscope.ui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.SetKind;
import io.partscope.core.explain.ExplainPlan;
import io.partscope.core.explain.ExplainResult;
import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PlanNode;
import io.partscope.core.explain.PruningTarget;
import io.partscope.core.explain.QueryHistory;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A generic plan over 10,000 daily partitions (built by hand: creating 10,000 partitions takes minutes; the IT uses
 * 2,000 real ones): one image for the leaves, one group row for the scans, hover on the last leaf. Prints how long
 * the FX thread spent showing it (no threshold: machines differ).
 */
@ExtendWith(ApplicationExtension.class)
class ExplainPaneLargeTest {
    static final int LEAVES = 10_000;
    private ExplainPane pane;

    @Start
    void start(Stage stage) throws Exception {
        ExplainViewModel vm = new ExplainViewModel(new Activity(new CurrentThreadTaskExecutor()), () -> null,
                (action, failure) -> {
                    throw new AssertionError(action, failure);
                }, new QueryHistory(Files.createTempDirectory("explain-history")));
        pane = new ExplainPane(vm);
        Scene scene = new Scene(pane, 1400, 900);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    /** 10,000 daily partitions from 2000-01-01; the last 30 are scanned, the rest removed at executor start. */
    static ExplainRun genericPlanOverDays(int leaves) {
        LocalDate first = LocalDate.of(2000, 1, 1);
        List<PruningTarget.Leaf> list = new ArrayList<>(leaves);
        List<PlanNode> scans = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int id = 2;
        for (int i = 0; i < leaves; i++) {
            LocalDate day = first.plusDays(i);
            String name = "m_" + day.toString().replace("-", "");
            boolean read = i >= leaves - 30;
            list.add(new PruningTarget.Leaf(i + 100, "public." + name, "FOR VALUES FROM ('" + day + "') TO ('"
                    + day.plusDays(1) + "')", 1, read ? LeafState.SCANNED : LeafState.REMOVED_AT_EXECUTOR_START));
            if (read) {
                scanned.add("public." + name);
                scans.add(new PlanNode(id++, "Seq Scan", "Member", null, new PlanNode.RelationRef("public", name),
                        name, null, null, null, 0.0, 25.0, 1000.0, null, null, null, null, null, null, null, null,
                        null, null, null, null, Map.of("Filter", "(d >= $1)"), List.of(), List.of()));
            } else {
                removed.add("public." + name);
            }
        }
        PlanNode append = new PlanNode(1, "Append", "Outer", null, null, null, null, null, null, 0.0, 750.0, 30000.0,
                null, null, null, null, null, null, null, null, null, null, null, (long) (leaves - 30), Map.of(),
                List.of(), scans);
        // a plan where nothing was removed at executor start: every leaf a scan, as a custom plan without a WHERE
        List<PlanNode> all = new ArrayList<>();
        PlanNode root = new PlanNode(0, "Aggregate", null, null, null, null, null, null, null, 0.0, 800.0, 1.0, null,
                null, null, null, null, null, null, null, null, null, null, null, Map.of(), List.of(), List.of(append));
        PruningTarget target = new PruningTarget("public", "m", SetKind.DECLARATIVE, leaves, scanned, List.of(),
                leaves - 30, List.of(), removed, list);
        ExplainResult result = new ExplainResult("SELECT count(*) FROM m WHERE d >= $1", List.of(), false, "18.1",
                List.of(target), List.of(), 12.0, null, false, List.of(new ExplainPlan(root, 12.0, null, Map.of())),
                40, "[]");
        return new ExplainRun("EXECUTE q(...)", new ExplainSetup(ExplainSetup.PlanCacheMode.FORCE_GENERIC_PLAN, true,
                false, ""), result);
    }

    /** The same set with every leaf scanned: 10,000 scan nodes under the Append. */
    static ExplainRun fullScan(int leaves) {
        ExplainRun generic = genericPlanOverDays(leaves);
        PruningTarget g = generic.targets().get(0);
        List<PruningTarget.Leaf> list = new ArrayList<>();
        List<PlanNode> scans = new ArrayList<>();
        int id = 2;
        for (PruningTarget.Leaf leaf : g.leaves()) {
            list.add(new PruningTarget.Leaf(leaf.oid(), leaf.qualifiedName(), leaf.bound(), 1, LeafState.SCANNED));
            String name = leaf.qualifiedName().substring("public.".length());
            scans.add(new PlanNode(id++, "Seq Scan", "Member", null, new PlanNode.RelationRef("public", name), name,
                    null, null, null, 0.0, 25.0, 1000.0, null, null, null, null, null, null, null, null, null, null,
                    null, null, Map.of(), List.of(), List.of()));
        }
        PlanNode append = new PlanNode(1, "Append", "Outer", null, null, null, null, null, null, 0.0, 250000.0, 1e7,
                null, null, null, null, null, null, null, null, null, null, null, null, Map.of(), List.of(), scans);
        PlanNode root = new PlanNode(0, "Aggregate", null, null, null, null, null, null, null, 0.0, 260000.0, 1.0,
                null, null, null, null, null, null, null, null, null, null, null, null, Map.of(), List.of(),
                List.of(append));
        PruningTarget target = new PruningTarget("public", "m", SetKind.DECLARATIVE, leaves,
                list.stream().map(PruningTarget.Leaf::qualifiedName).toList(), List.of(), 0, List.of(), List.of(),
                list);
        ExplainResult result = new ExplainResult("SELECT count(*) FROM m", List.of(), false, "18.1", List.of(target),
                List.of(), 30.0, null, false, List.of(new ExplainPlan(root, 30.0, null, Map.of())), 90, "[]");
        return new ExplainRun("SELECT count(*) FROM m", new ExplainSetup(null, true, false, ""), result);
    }

    @Test
    void tenThousandLeavesAreOneCanvasAndTheirScansOneGroupRow(FxRobot robot) {
        ExplainRun a = genericPlanOverDays(LEAVES);
        ExplainRun b = fullScan(LEAVES);
        LeafComparison comparison = new LeafComparison(a, b);
        long[] fxNanos = new long[2];
        Runnable afterLayout = () -> {
            if (fxNanos[1] == 0) {
                fxNanos[1] = System.nanoTime() - fxNanos[0];
            }
        };
        robot.interact(() -> {
            pane.getScene().addPostLayoutPulseListener(afterLayout);
            fxNanos[0] = System.nanoTime();
            pane.viewModel().showResult(b, comparison);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> pane.getScene().removePostLayoutPulseListener(afterLayout));
        System.out.printf("explain pane: showing %,d leaves and %,d scan nodes took %.1f ms on the FX thread "
                + "(up to the end of the next layout pulse)%n", LEAVES, LEAVES, fxNanos[1] / 1e6);

        assertEquals("public.m — scanned 10000 of 10000 · removed at executor start 0 · pruned at plan time 0 · "
                + "never executed 0", pane.targetView().header().getText());
        var table = pane.planTree().table();
        assertTrue(table.getExpandedItemCount() < 10, "rows: " + table.getExpandedItemCount());
        assertEquals("10000 × Seq Scan on m_*", table.getRoot().getChildren().get(0).getChildren().get(0)
                .getValue().label());
        assertTrue(pane.targetView().timeline().isVisible(), "daily ranges on a time axis");

        LeafGrid grid = pane.targetView().grid();
        robot.moveTo(grid.localToScreen(grid.cellCenter(0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("public.m_20000101 · FOR VALUES FROM ('2000-01-01') TO ('2000-01-02') · scanned",
                pane.targetView().leafLine().getText());

        long[] revealNanos = new long[1];
        robot.interact(() -> {
            long t0 = System.nanoTime();
            grid.selectedProperty().set(LEAVES - 1);
            revealNanos[0] = System.nanoTime() - t0;
        });
        System.out.printf("explain pane: selecting the last leaf (opening the group of %,d) took %.1f ms%n", LEAVES,
                revealNanos[0] / 1e6);
        assertEquals("Seq Scan on m_20270518", table.getSelectionModel().getSelectedItem().getValue().label());
        assertTrue(table.getExpandedItemCount() < 540, "the group opened in chunks: " + table.getExpandedItemCount());
        assertEquals(9970, comparison.differingLeaves());
    }
}
