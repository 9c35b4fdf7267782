package io.partscope.ui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.explain.QueryHistory;
import io.partscope.support.TestPostgres;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
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

/**
 * A plan over 2,000 partitions from a real EXPLAIN: every leaf is a cell of the one image, and the plan tree shows
 * the 2,000 scans as one group row, whose items exist only once it is opened.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainLargePlanIT {
    private static final int LEAVES = 2000;
    private static final TestPostgres PG = TestPostgres.get();
    private static Database db;

    private FxTaskExecutor executor;
    private ExplainPane pane;

    @BeforeAll
    static void createManyPartitions() throws Exception {
        String name = PG.newDatabase("ui_explain_large");
        PG.exec(name, "CREATE TABLE big (k int NOT NULL, v int) PARTITION BY RANGE (k)",
                "DO $$ BEGIN FOR i IN 0.." + (LEAVES - 1) + " LOOP EXECUTE format("
                        + "'CREATE TABLE big_%s PARTITION OF big FOR VALUES FROM (%s) TO (%s)', i, i * 10, i * 10 + 10);"
                        + " END LOOP; END $$");
        db = Database.open(PG.superuserSettings(name), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = new FxTaskExecutor(2);
        ExplainViewModel viewModel = new ExplainViewModel(new Activity(executor), () -> db, (action, failure) -> {
            throw new AssertionError(action, failure);
        }, new QueryHistory(Files.createTempDirectory("explain-history")));
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
    }

    @Test
    void twoThousandScansAreOneGroupRowUntilOpened(FxRobot robot) throws Exception {
        robot.interact(() -> {
            pane.viewModel().queryProperty().set("SELECT * FROM big WHERE v > 0");
            pane.viewModel().run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !pane.viewModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("public.big — scanned 2000 of 2000 · removed at executor start 0 · pruned at plan time 0 · "
                + "never executed 0", pane.targetView().header().getText());
        assertEquals(LEAVES, pane.targetView().grid().leaves().size());
        var table = pane.planTree().table();
        assertTrue(table.getExpandedItemCount() < 10, "rows before opening: " + table.getExpandedItemCount());
        TreeItem<PlanRow> group = find(table.getRoot());
        assertEquals("2000 × Seq Scan on big_*", group.getValue().label());
        assertEquals(0, group.getChildren().size(), "no items for the scans until the group is opened");

        robot.interact(() -> group.setExpanded(true));
        assertEquals(List.of("500 × Seq Scan on big_* (1–500 of 2,000)", "500 × Seq Scan on big_* (501–1,000 of 2,000)",
                "500 × Seq Scan on big_* (1,001–1,500 of 2,000)", "500 × Seq Scan on big_* (1,501–2,000 of 2,000)"),
                group.getChildren().stream().map(c -> c.getValue().label()).toList(), "opened in chunks of 500");

        // The last leaf: hover shows it, click opens its place in the plan.
        LeafGrid grid = pane.targetView().grid();
        robot.interact(() -> group.setExpanded(false));
        robot.interact(() -> grid.selectedProperty().set(LEAVES - 1));
        WaitForAsyncUtils.waitForFxEvents();
        // EXPLAIN VERBOSE names the scan "big_1999 big_2000": the partition and the alias the planner gave it.
        String selected = table.getSelectionModel().getSelectedItem().getValue().label();
        assertTrue(selected.startsWith("Seq Scan on big_1999 "), selected);
        assertTrue(table.getExpandedItemCount() < 520, "one chunk opened: " + table.getExpandedItemCount());
    }

    private static TreeItem<PlanRow> find(TreeItem<PlanRow> item) {
        if (item.getValue().isGroup()) {
            return item;
        }
        for (TreeItem<PlanRow> child : item.getChildren()) {
            TreeItem<PlanRow> found = find(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
