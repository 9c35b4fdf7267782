package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The browser on a real server shows a read in two stages: sizes estimated from pg_class first, marked "~", then
 * the measured ones as stage 2 brings them in; Stop leaves what is not measured yet estimated and marked.
 */
@ExtendWith(ApplicationExtension.class)
class SizeStagesBrowserIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static final List<String> LEAVES = List.of("big_1", "big_2", "big_3", "big_4", "big_5", "big_6");
    private static TestPostgres pg;
    private static String db;
    private static Database database;

    private FxTaskExecutor executor;
    private BrowserViewModel viewModel;
    private PartitionSetBrowser browser;
    /** Each measured batch waits for its permit: the test decides when stage 2 may go on. */
    private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
    private final AtomicInteger batchesStarted = new AtomicInteger();
    private final AtomicInteger batchesEnded = new AtomicInteger();

    @BeforeAll
    static void createSet() throws Exception {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_sizes");
        pg.exec(db, "CREATE TABLE big (k int NOT NULL, pad text) PARTITION BY RANGE (k)");
        for (int i = 1; i <= LEAVES.size(); i++) {
            pg.exec(db, "CREATE TABLE big_" + i + " PARTITION OF big FOR VALUES FROM (" + (i * 1000) + ") TO ("
                    + (i * 1000 + 1000) + ")");
        }
        pg.exec(db, "CREATE INDEX ON big (k)",
                "INSERT INTO big SELECT 1000 + g, repeat('x', 100) FROM generate_series(0, 5999) g",
                // VACUUM gives relpages (stage 1's numbers) and writes the free-space and visibility maps, which
                // pg_table_size counts and relpages does not: the exact sizes differ from the estimates.
                "VACUUM ANALYZE big");
        database = Database.open(pg.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        BrowserViewModel.SizeSource gated = (d, oids, cancellation) -> {
            batchesStarted.incrementAndGet();
            try {
                if (!permits.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let this batch run");
                }
                return BrowserViewModel.SizeSource.standard().measure(d, oids, cancellation);
            } finally {
                batchesEnded.incrementAndGet();
            }
        };
        viewModel = new BrowserViewModel(new Activity(executor), BrowserViewModel.CatalogSource.standard(), gated,
                (action, failure) -> {
                    if (!(failure instanceof io.partscope.core.db.PartscopeException p)
                            || p.kind() != io.partscope.core.db.ErrorKind.QUERY_CANCELLED) {
                        throw new AssertionError(action, failure);
                    }
                });
        browser = new PartitionSetBrowser(viewModel, () -> { });
        Scene scene = new Scene(browser, 1400, 800);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        permits.release(100);
        WaitForAsyncUtils.asyncFx(() -> viewModel.show(null)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        executor.close();
    }

    /** Connects, selects the set, and waits until its partitions are drawn. */
    private void showBig(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(database));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !viewModel.allSets().isEmpty());
        robot.interact(() -> viewModel.selectedProperty().set(viewModel.allSets().get(0)));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> drawnSizes().size() == LEAVES.size());
    }

    /** The size each drawn partition line shows, by name, as the user reads it. */
    private Map<String, String> drawnSizes() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                browser.membersTable().layout();
                Map<String, String> sizes = new LinkedHashMap<>();
                for (javafx.scene.Node node : browser.membersTable().lookupAll(".table-row-cell")) {
                    TableRow<?> row = (TableRow<?>) node;
                    if (row.getItem() instanceof MemberTree.MemberLine line) {
                        for (javafx.scene.Node cell : row.lookupAll(".table-cell")) {
                            if (cell instanceof MemberColumns.SizeBarCell size && size.getGraphic() != null) {
                                Label text = (Label) ((StackPane) size.getGraphic()).getChildren().get(1);
                                sizes.put(line.row().member().name(), text.getText());
                            }
                        }
                    }
                }
                return sizes;
            }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sets table's "Total size" cell of the set, as drawn. */
    private String drawnSetSize() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            browser.setsTable().layout();
            for (javafx.scene.Node node : browser.setsTable().lookupAll(".table-cell")) {
                TableCell<?, ?> cell = (TableCell<?, ?>) node;
                if (cell.getTableColumn() != null && "Total size".equals(cell.getTableColumn().getText())
                        && cell.getTableRow() != null && cell.getTableRow().getItem() != null) {
                    return cell.getText();
                }
            }
            return null;
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String exactSize(String table) {
        return Formats.bytes(Long.parseLong(pg.queryString(db, "SELECT pg_total_relation_size('" + table + "')")));
    }

    private static String estimatedSize(String table) {
        return SizeText.ESTIMATED_MARK + Formats.bytes(Long.parseLong(pg.queryString(db, """
                SELECT (c.relpages + coalesce((SELECT sum(i.relpages) FROM pg_index x JOIN pg_class i
                         ON i.oid = x.indexrelid WHERE x.indrelid = c.oid), 0)
                      + coalesce(t.relpages, 0) + coalesce((SELECT sum(i.relpages) FROM pg_index x JOIN pg_class i
                         ON i.oid = x.indexrelid WHERE x.indrelid = c.reltoastrelid), 0))
                       * current_setting('block_size')::bigint
                FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = '""" + table
                + "'::regclass")));
    }

    @Test
    void sizesShowEstimatedAndMarkedFirstThenMeasured(FxRobot robot) throws Exception {
        showBig(robot);
        Map<String, String> estimated = new LinkedHashMap<>();
        LEAVES.forEach(t -> estimated.put(t, estimatedSize(t)));
        assertEquals(estimated, drawnSizes(), "stage 1: every partition drawn with its pg_class estimate");
        assertTrue(drawnSetSize().startsWith(SizeText.ESTIMATED_MARK), drawnSetSize());
        assertEquals("Measuring sizes: 0 of 6", viewModel.sizeStatusProperty().get());

        permits.release(100);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !viewModel.measuringSizesProperty().get());
        Map<String, String> exact = new LinkedHashMap<>();
        LEAVES.forEach(t -> exact.put(t, exactSize(t)));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> drawnSizes().equals(exact));
        assertTrue(!exact.equals(estimated), "the fixture makes measured sizes differ from the estimates");
        assertEquals(Formats.bytes(sumOfLeaves()), drawnSetSize());
        assertEquals("", viewModel.sizeStatusProperty().get());
    }

    private static long sumOfLeaves() {
        return Long.parseLong(pg.queryString(db, "SELECT sum(pg_total_relation_size(relid)) FROM "
                + "pg_partition_tree('big') WHERE isleaf"));
    }

    @Test
    void measuredBatchesAreSwappedInTogetherAndEndWithEverySizeExact(FxRobot robot) throws Exception {
        // One partition per batch, and no second swap within the hour: the batches after the first wait for the last.
        robot.interact(() -> {
            viewModel.setSizeBatch(1);
            viewModel.setSizeApplyInterval(3_600_000);
        });
        showBig(robot);
        permits.release(1);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !drawnSizes().get("big_1").startsWith(SizeText.ESTIMATED_MARK));
        assertEquals("Measuring sizes: 1 of 6", viewModel.sizeStatusProperty().get(), "the first batch at once");

        permits.release(3);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> batchesEnded.get() == 4);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> batchesStarted.get() == 5);
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, String> shown = drawnSizes();
        for (String leaf : LEAVES.subList(1, LEAVES.size())) {
            assertTrue(shown.get(leaf).startsWith(SizeText.ESTIMATED_MARK), leaf + " not swapped in yet: " + shown);
        }
        assertEquals("Measuring sizes: 1 of 6", viewModel.sizeStatusProperty().get());

        permits.release(100);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !viewModel.measuringSizesProperty().get());
        Map<String, String> exact = new LinkedHashMap<>();
        LEAVES.forEach(t -> exact.put(t, exactSize(t)));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> drawnSizes().equals(exact));
        assertEquals(Formats.bytes(sumOfLeaves()), drawnSetSize());
        assertEquals("", viewModel.sizeStatusProperty().get());
        assertEquals(6, batchesStarted.get());
    }

    @Test
    void stoppingStageTwoLeavesTheRestEstimatedAndMarked(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.setSizeBatch(2));
        showBig(robot);
        permits.release(1);
        // The second batch starts only once the first is swapped in.
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> batchesStarted.get() == 2);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !drawnSizes().get("big_1").startsWith(SizeText.ESTIMATED_MARK));
        assertEquals("Measuring sizes: 2 of 6", viewModel.sizeStatusProperty().get());

        robot.interact(viewModel::stopMeasuringSizes);
        permits.release(100);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> batchesEnded.get() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("big_1", exactSize("big_1"));
        expected.put("big_2", exactSize("big_2"));
        LEAVES.subList(2, LEAVES.size()).forEach(t -> expected.put(t, estimatedSize(t)));
        assertEquals(expected, drawnSizes());
        assertTrue(drawnSetSize().startsWith(SizeText.ESTIMATED_MARK), drawnSetSize());
        assertEquals("Measuring sizes stopped: 2 of 6 measured; the others show estimates (~)",
                viewModel.sizeStatusProperty().get());
        assertEquals(2, batchesStarted.get(), "no batch after Stop");
    }
}
