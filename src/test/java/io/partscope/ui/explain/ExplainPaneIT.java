package io.partscope.ui.explain;

import static io.partscope.ui.explain.LeafGridAssertions.assertSameColour;
import static io.partscope.ui.explain.LeafGridAssertions.colourOf;
import static io.partscope.ui.explain.LeafGridAssertions.indexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PruningTarget;
import io.partscope.core.explain.QueryHistory;
import io.partscope.support.TestPostgres;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The EXPLAIN pane against a real server: counts and colours, hover, cancel, server errors, the comparison. */
@ExtendWith(ApplicationExtension.class)
class ExplainPaneIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static final TestPostgres PG = TestPostgres.get();
    private static String dbName;
    private static Database db;

    private FxTaskExecutor executor;
    private ExplainPane pane;
    private final List<Throwable> unexpected = new ArrayList<>();
    private Path historyFolder;

    @BeforeAll
    static void createEvents() throws Exception {
        dbName = PG.newDatabase("ui_explain");
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE events (id bigint, at date NOT NULL, kind text) PARTITION BY RANGE (at)");
        for (int month = 0; month < 24; month++) {
            int year = 2025 + month / 12;
            int m = month % 12 + 1;
            String from = String.format("%d-%02d-01", year, m);
            String to = m == 12 ? (year + 1) + "-01-01" : String.format("%d-%02d-01", year, m + 1);
            ddl.add(String.format("CREATE TABLE events_%d_%02d PARTITION OF events FOR VALUES FROM ('%s') TO ('%s')",
                    year, m, from, to));
        }
        ddl.add("INSERT INTO events SELECT g, date '2025-01-01' + (g % 730), 'k' FROM generate_series(1, 5000) g");
        ddl.add("ANALYZE events");
        PG.exec(dbName, ddl.toArray(String[]::new));
        db = Database.open(PG.superuserSettings(dbName), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = new FxTaskExecutor(2);
        historyFolder = Files.createTempDirectory("explain-history");
        ExplainViewModel viewModel = new ExplainViewModel(new Activity(executor), () -> db,
                (action, failure) -> unexpected.add(failure), new QueryHistory(historyFolder));
        pane = new ExplainPane(viewModel);
        Scene scene = new Scene(pane, 1400, 900);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
        assertEquals(List.of(), unexpected, "no error went to the error dialog");
    }

    private ExplainViewModel vm() {
        return pane.viewModel();
    }

    /** Types the query (and setup), presses Ctrl+Enter, and waits until the run has finished. */
    private void run(FxRobot robot, String query) throws Exception {
        robot.interact(() -> vm().queryProperty().set(query));
        robot.clickOn("#" + ExplainPane.QUERY_ID).press(KeyCode.CONTROL, KeyCode.ENTER)
                .release(KeyCode.ENTER, KeyCode.CONTROL);
        awaitIdle();
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !vm().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aQueryOnOneMonthShowsTheCountsAndColoursEachLeafByItsState(FxRobot robot) throws Exception {
        run(robot, "SELECT count(*) FROM events WHERE at >= '2026-05-01' AND at < '2026-06-01'");

        assertNull(vm().errorProperty().get());
        TargetView view = pane.targetView();
        assertEquals("public.events — scanned 1 of 24 · removed at executor start 0 · pruned at plan time 23 · "
                + "never executed 0", view.header().getText());
        PruningTarget events = view.target();
        int may = indexOf(events, "public.events_2026_05");
        int april = indexOf(events, "public.events_2026_04");
        StatePalette palette = view.grid().palette();
        Color scanned = (Color) palette.fill(LeafState.SCANNED);
        Color pruned = (Color) palette.fill(LeafState.PRUNED_AT_PLAN_TIME);
        assertNotEquals(scanned, pruned);
        assertSameColour(scanned, colourOf(robot, view.grid(), may));
        assertSameColour(pruned, colourOf(robot, view.grid(), april));
        assertTrue(view.timeline().isVisible(), "a range set also gets its timeline");
        assertEquals(List.of("SELECT count(*) FROM events WHERE at >= '2026-05-01' AND at < '2026-06-01'"),
                vm().history());
        assertEquals(vm().history(), new QueryHistory(historyFolder).load(), "the history is saved");
    }

    @Test
    void hoveringACellShowsItsBoundAndClickingItSelectsItsScanInThePlan(FxRobot robot) throws Exception {
        run(robot, "SELECT * FROM events WHERE at >= '2026-05-01' AND at < '2026-06-01'");
        LeafGrid grid = pane.targetView().grid();
        int may = indexOf(pane.targetView().target(), "public.events_2026_05");

        robot.moveTo(grid.localToScreen(grid.cellCenter(may)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("public.events_2026_05 · FOR VALUES FROM ('2026-05-01') TO ('2026-06-01') · scanned",
                pane.targetView().leafLine().getText());

        robot.clickOn(grid.localToScreen(grid.cellCenter(may)));
        WaitForAsyncUtils.waitForFxEvents();
        PlanRow selected = pane.planTree().table().getSelectionModel().getSelectedItem().getValue();
        assertTrue(selected.label().contains("on events_2026_05"), selected.label());
    }

    @Test
    void cancelStopsASlowQueryOnTheServer(FxRobot robot) throws Exception {
        robot.clickOn("#" + ExplainPane.ANALYZE_ID);
        robot.interact(() -> vm().queryProperty().set("SELECT pg_sleep(120), count(*) FROM events"));
        robot.clickOn("#" + ExplainPane.RUN_ID);
        PG.awaitTrue(dbName, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE state = 'active' "
                + "AND query LIKE 'EXPLAIN%pg_sleep(120)%')");

        robot.clickOn("#" + ExplainPane.CANCEL_ID);
        PG.awaitTrue(dbName, "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE state = 'active' "
                + "AND query LIKE 'EXPLAIN%pg_sleep(120)%')");
        awaitIdle();
        assertEquals("Cancelled", vm().statusProperty().get());
        assertNull(vm().resultProperty().get());
    }

    @Test
    void badSqlShowsTheServersMessageUnderTheEditor(FxRobot robot) throws Exception {
        run(robot, "SELECT * FROM events WHERE no_such_column = 1");

        assertTrue(pane.errorBox().isVisible());
        String message = pane.errorMessage().getText();
        assertTrue(message.contains("column \"no_such_column\" does not exist"), message);
        assertTrue(message.contains("42703"), message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), message);
        assertEquals("EXPLAIN failed", vm().statusProperty().get());

        run(robot, "SELECT * FROM events WHERE at = '2026-05-03'");
        assertFalse(pane.errorBox().isVisible(), () -> "a good run clears the error: " + pane.errorMessage().getText()
                + " / " + vm().statusProperty().get() + " / " + vm().queryProperty().get());
    }

    @Test
    void aFailedExplainClearsThePreviousPlanLeafGridAndLint(FxRobot robot) throws Exception {
        // A function around the key defeats pruning: the lint has something to say about the good query.
        run(robot, "SELECT * FROM events WHERE extract(year FROM at) = 2026");
        assertNull(vm().errorProperty().get());
        assertTrue(pane.planTree().table().getRoot() != null, "the good query's plan is shown");
        assertEquals(24, pane.targetView().grid().leaves().size(), "and its leaf grid");
        assertTrue(pane.findings().shownCount() > 0, "and its lint");

        run(robot, "SELECT * FROM events WHERE extract(year FROM att) = 2026");

        assertTrue(pane.errorBox().isVisible());
        assertTrue(pane.errorMessage().getText().contains("column \"att\" does not exist"),
                pane.errorMessage().getText());
        assertNull(vm().resultProperty().get(), "no result belongs to the failed query");
        assertNull(pane.planTree().table().getRoot(), "the old plan is gone");
        assertTrue(pane.targetView().grid().leaves() == null || pane.targetView().grid().leaves().isEmpty(),
                "the old leaf grid is gone");
        assertEquals("", pane.targetView().header().getText());
        assertEquals(0, pane.findings().shownCount(), "the old lint is gone");
    }

    @Test
    void analyzeOfADeleteSaysItIsRolledBack(FxRobot robot) throws Exception {
        robot.interact(() -> vm().queryProperty().set("DELETE FROM events WHERE at = '2026-05-03'"));
        assertFalse(vm().rolledBackWarningProperty().get(), "without ANALYZE nothing runs");
        robot.clickOn("#" + ExplainPane.ANALYZE_ID);
        assertTrue(robot.lookup("runs inside a transaction that is rolled back").query().isVisible());
    }

    @Test
    void theComparisonOfACustomAndAGenericPlanOutlinesTheLeavesThatDiffer(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm().setupTextProperty().set("PREPARE q(date) AS SELECT * FROM events WHERE at = $1;");
            vm().planCacheModeProperty().set(ExplainSetup.PlanCacheMode.FORCE_CUSTOM_PLAN);
        });
        run(robot, "EXECUTE q('2026-05-03')");
        assertEquals("public.events — scanned 1 of 24 · removed at executor start 0 · pruned at plan time 23 · "
                + "never executed 0", pane.targetView().header().getText());
        robot.clickOn("#" + ExplainPane.PIN_ID);

        robot.interact(() -> vm().planCacheModeProperty().set(ExplainSetup.PlanCacheMode.FORCE_GENERIC_PLAN));
        robot.clickOn("#" + ExplainPane.COMPARE_ID);
        awaitIdle();

        assertEquals("public.events — scanned 1 of 24 · removed at executor start 23 · pruned at plan time 0 · "
                + "never executed 0", pane.targetView().header().getText());
        assertEquals("Comparison", pane.resultTabs().getSelectionModel().getSelectedItem().getText());
        ComparisonView comparison = pane.comparisonView();
        assertEquals("A against B: 23 leaves differ", comparison.title().getText());
        LeafGrid b = comparison.sideB().grid();
        int may = indexOf(comparison.sideB().target(), "public.events_2026_05");
        int april = indexOf(comparison.sideB().target(), "public.events_2026_04");
        assertFalse(b.isHighlighted(may), "scanned in both");
        assertTrue(b.isHighlighted(april), "pruned at plan time in A, removed at executor start in B");
        assertTrue(comparison.sideA().grid().isHighlighted(april));
        // What the user sees: the outline colour around April's cell, none around May's.
        Color outline = (Color) b.palette().highlight();
        Point2D aprilCorner = b.cellCenter(april).subtract(b.cellSize() / 2 + 0.5, 0);
        Point2D mayCorner = b.cellCenter(may).subtract(b.cellSize() / 2 + 0.5, 0);
        assertSameColour(outline, pixel(robot, b, aprilCorner));
        assertNotEquals(outline, pixel(robot, b, mayCorner));
    }

    private static Color pixel(FxRobot robot, LeafGrid grid, Point2D at) {
        AtomicReference<Color> out = new AtomicReference<>();
        robot.interact(() -> out.set(grid.colourAt(Math.floor(at.getX()), at.getY())));
        return out.get();
    }

    @Test
    void onAReadOnlyProfileAnalyzeOfADeleteIsRefusedWithTheReasonAndNothingRuns(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm().setReadOnlyProfile(() -> true);
            vm().analyzeProperty().set(true);
        });
        run(robot, "DELETE FROM events WHERE id < 100");
        assertEquals("EXPLAIN refused", vm().statusProperty().get());
        assertTrue(vm().errorProperty().get().message().startsWith("the profile is read-only: EXPLAIN ANALYZE would "
                + "run this data-modifying statement"), vm().errorProperty().get().message());
        assertNull(vm().resultProperty().get());
        assertEquals("5000", PG.queryString(dbName, "SELECT count(*) FROM events"));
    }

    @Test
    void elsewhereAnalyzeOfADeleteAsksFirstAndDeclinedRunsNothing(FxRobot robot) throws Exception {
        List<String> asked = new ArrayList<>();
        robot.interact(() -> {
            vm().setConfirmDataChange(warning -> asked.add(warning) && false);
            vm().analyzeProperty().set(true);
        });
        run(robot, "DELETE FROM events WHERE id < 100");
        assertEquals(List.of(io.partscope.core.explain.Explainer.DATA_CHANGE_WARNING), asked);
        assertEquals("Not run", vm().statusProperty().get());
        assertNull(vm().resultProperty().get());

        robot.interact(() -> vm().setConfirmDataChange(warning -> true));
        run(robot, "DELETE FROM events WHERE id < 100");
        assertFalse(vm().resultProperty().get().result().readOnly());
        assertEquals("5000", PG.queryString(dbName, "SELECT count(*) FROM events"));
    }
}
