package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.SetSummaryReader;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
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
 * The app's read order on a real server: the sets are listed from their summaries before any member is read, a
 * selected set's partitions come from a read of that set alone while the full read is still running, and the full
 * read's rows, once in, carry the same numbers. The full read and stage 2 wait for the test's permits.
 */
@ExtendWith(ApplicationExtension.class)
class StagedReadBrowserIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static TestPostgres pg;
    private static Database database;
    private static String db;

    private FxTaskExecutor executor;
    private BrowserViewModel viewModel;
    private PartitionSetBrowser browser;
    private final Semaphore fullReads = new Semaphore(0);
    private final Semaphore sizeBatches = new Semaphore(0);
    private final AtomicInteger summaries = new AtomicInteger();
    private final AtomicInteger fullReadsStarted = new AtomicInteger();

    @BeforeAll
    static void createSets() throws Exception {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_staged");
        pg.exec(db, "CREATE TABLE calls (id int NOT NULL, at int NOT NULL) PARTITION BY RANGE (at)",
                "DO $$ BEGIN FOR g IN 0..39 LOOP EXECUTE format('CREATE TABLE calls_%s PARTITION OF calls"
                        + " FOR VALUES FROM (%s) TO (%s)', g, g * 10, g * 10 + 10); END LOOP; END $$",
                "INSERT INTO calls SELECT g, g % 400 FROM generate_series(1, 4000) g",
                "CREATE TABLE orders (id int, region text NOT NULL) PARTITION BY LIST (region)",
                "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')",
                "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')",
                "CREATE TABLE orders_other PARTITION OF orders DEFAULT",
                "INSERT INTO orders SELECT g, (ARRAY['eu', 'us', 'apac'])[g % 3 + 1] FROM generate_series(1, 300) g");
        // PG 14's collector reports counts asynchronously: an INSERT's count landing after VACUUM doubled
        // n_live_tup between the summary and the full read. Every count first, then VACUUM, then its counts.
        String liveAndInserted = "SELECT (SELECT sum(%1$s) = 4000 FROM pg_stat_user_tables WHERE relname LIKE 'calls\\_%%')"
                + " AND (SELECT sum(%1$s) = 300 FROM pg_stat_user_tables WHERE relname LIKE 'orders\\_%%')";
        pg.awaitTrue(db, String.format(liveAndInserted, "n_tup_ins"));
        pg.exec(db, "VACUUM ANALYZE");
        pg.awaitTrue(db, String.format(liveAndInserted, "n_live_tup")
                + " AND (SELECT count(*) = 0 FROM pg_stat_user_tables WHERE relname LIKE 'calls\\_%%'"
                + " AND last_vacuum IS NULL)");
        database = Database.open(pg.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(3);
        BrowserViewModel.CatalogSource standard = BrowserViewModel.CatalogSource.standard();
        BrowserViewModel.CatalogSource gated = new BrowserViewModel.CatalogSource() {
            @Override
            public CatalogSnapshot read(Database d, Cancellation cancellation) throws Exception {
                fullReadsStarted.incrementAndGet();
                if (!fullReads.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the full read run");
                }
                return standard.read(d, cancellation);
            }

            @Override
            public SetSummaryReader.Result summarise(Database d, Cancellation cancellation) throws Exception {
                summaries.incrementAndGet();
                return standard.summarise(d, cancellation);
            }

            @Override
            public PartitionSet readSet(Database d, RelationName set, Cancellation cancellation) throws Exception {
                return standard.readSet(d, set, cancellation);
            }
        };
        BrowserViewModel.SizeSource sizes = (d, oids, cancellation) -> {
            if (!sizeBatches.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let this batch run");
            }
            return BrowserViewModel.SizeSource.standard().measure(d, oids, cancellation);
        };
        viewModel = new BrowserViewModel(new Activity(executor), gated, sizes, (action, failure) -> {
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
        fullReads.release(100);
        sizeBatches.release(1000);
        WaitForAsyncUtils.asyncFx(() -> viewModel.show(null)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        executor.close();
    }

    private PartitionSetRow row(String name) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> viewModel.allSets().stream().filter(r -> r.name().equals(name))
                .findFirst().orElse(null)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the sets table shows of a row: everything but the set object behind it. */
    private static List<Object> numbers(PartitionSetRow r) {
        return List.of(r.name(), r.kind(), r.strategy(), r.partitionKey(), r.partitions(), String.valueOf(
                r.totalBytes()), String.valueOf(r.worstXidAge()), String.valueOf(r.worstXidAgeFraction()),
                String.valueOf(r.deadTuples()), String.valueOf(r.liveTuples()), String.valueOf(r.defaultRows()),
                r.detachPending(), r.sizesEstimated());
    }

    @Test
    void setsAreListedAndASelectedSetDrawnBeforeTheFullReadIsIn(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(database));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> browser.setsTable().getItems().size() == 2);
        assertEquals(0, fullReads.availablePermits());
        PartitionSetRow listed = row("public.orders");
        assertEquals(3, listed.partitions(), "the summary counts the partitions");
        // the 100 rows of the DEFAULT partition: max(live tuples, row estimate), and the live-tuple counter may
        // still count the INSERT on top of what VACUUM reported
        assertTrue(listed.defaultRows() != null && listed.defaultRows() >= 100, "the rows in the DEFAULT partition: "
                + listed.defaultRows());

        robot.interact(() -> viewModel.selectedProperty().set(listed));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> viewModel.members().size() == 3);
        assertEquals(1, fullReadsStarted.get());
        assertEquals(0, fullReads.availablePermits(), "the full read is still waiting");
        List<Object> readAlone = numbers(row("public.orders"));
        assertEquals(numbers(listed), readAlone, "the set read alone shows the summary's numbers");

        PartitionSetRow calls = row("public.calls");
        fullReads.release();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> row("public.calls") != calls);
        assertEquals(numbers(calls), numbers(row("public.calls")), "the full read's numbers are the summary's");
        assertEquals("public.orders", viewModel.selectedProperty().get().name(), "the selection stays");
        assertEquals(3, viewModel.members().size());
    }

    @Test
    void aRefreshListsTheSetsAgainWithoutWaitingForStageTwo(FxRobot robot) throws Exception {
        fullReads.release(2);
        robot.interact(() -> viewModel.show(database));
        // Stage 2 has started and waits for its first batch.
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> viewModel.measuringSizesProperty().get());
        pg.exec(db, "CREATE TABLE calls_40 PARTITION OF calls FOR VALUES FROM (400) TO (410)");

        robot.interact(viewModel::refresh);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> row("public.calls") != null
                && row("public.calls").partitions() == 41);
        assertEquals(2, summaries.get(), "the refresh listed the sets again while stage 2 still waited");
        // Stage 2 of the first read, let go now, must not bring its numbers back over the new read's.
        sizeBatches.release(1000);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !viewModel.measuringSizesProperty().get()
                && row("public.calls").set().partitions().size() == 41);
        assertEquals(41, row("public.calls").partitions());
        assertTrue(viewModel.allSets().stream().noneMatch(PartitionSetRow::sizesEstimated),
                "every size measured in the end");
    }
}
