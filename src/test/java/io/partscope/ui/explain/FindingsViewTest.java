package io.partscope.ui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partscope.core.explain.ExplainResult;
import io.partscope.core.explain.PruningFinding;
import io.partscope.core.explain.QueryHistory;
import io.partscope.support.CutText;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The pruning lint in the EXPLAIN tab of a 1440 x 900 window: each finding shows its message and its fix whole. */
@ExtendWith(ApplicationExtension.class)
class FindingsViewTest {
    private ExplainPane pane;

    @Start
    void start(Stage stage) throws Exception {
        ExplainViewModel vm = new ExplainViewModel(new Activity(new CurrentThreadTaskExecutor()), () -> null,
                (action, failure) -> {
                    throw new AssertionError(action, failure);
                }, new QueryHistory(Files.createTempDirectory("explain-history")));
        pane = new ExplainPane(vm);
        // The EXPLAIN tab of a 1440 x 900 window: the navigator takes 280 px, the menu, the tabs, the connection bar and the status line about 220.
        Scene scene = new Scene(pane, 1160, 680);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aFindingShowsItsMessageAndItsFixWhole(FxRobot robot) {
        ExplainRun generic = ExplainPaneLargeTest.genericPlanOverDays(400);
        ExplainResult r = generic.result();
        List<PruningFinding> findings = List.of(
                new PruningFinding("public.m", PruningFinding.Kind.GENERIC_PLAN, null,
                        "The plan is generic (plan_cache_mode or the sixth EXECUTE of a prepared statement): the "
                                + "parameters are not known at plan time, so all 400 partitions are planned and 370 "
                                + "are removed only at executor start.",
                        "Run with plan_cache_mode = force_custom_plan, or pass the bounds as literals, so the "
                                + "planner prunes at plan time."),
                new PruningFinding("public.m", PruningFinding.Kind.FUNCTION_ON_KEY, "date_trunc('day', d)",
                        "A function on the partition key hides it from the planner: no partition is pruned for "
                                + "this condition.",
                        "Compare the key itself: d >= date_trunc('day', $1) AND d < date_trunc('day', $1) + "
                                + "interval '1 day'."));
        ExplainResult withFindings = new ExplainResult(r.query(), r.setup(), r.analyze(), r.serverVersion(),
                r.targets(), findings, r.planningTimeMs(), r.executionTimeMs(), r.rolledBack(), r.readOnly(),
                r.warning(), r.plans(), r.analysisMillis(), r.plan());
        robot.interact(() -> pane.viewModel().showResult(new ExplainRun(generic.query(), generic.setup(),
                withFindings), null));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, pane.findings().shownCount());
        List<List<String>> cut = new java.util.ArrayList<>();
        robot.interact(() -> cut.add(CutText.under(pane.findings())));
        assertEquals(List.of(), cut.get(0));
    }
}
