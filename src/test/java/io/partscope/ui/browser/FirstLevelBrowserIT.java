package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.FirstLevelReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
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
 * A large nested set on a real server: once selected, its first level (the root's direct children, the
 * sub-partitioned ones closed with their roll-ups) is drawn while its members are still read, and the whole set,
 * once in, replaces it with the same numbers on those lines, the selected line still selected and a branch opened
 * meanwhile open. The full read and the set's own read wait for the test's permits; stage 2 never runs.
 */
@ExtendWith(ApplicationExtension.class)
class FirstLevelBrowserIT {
    private static final long TIMEOUT_SECONDS = 60;
    /** Leaves per month: 3 x 700 leaves and a few more members is over BrowserViewModel.FIRST_LEVEL_FROM. */
    private static final int DAYS = 700;
    private static TestPostgres pg;
    private static Database database;

    private FxTaskExecutor executor;
    private BrowserViewModel viewModel;
    private PartitionSetBrowser browser;
    private final Semaphore fullReads = new Semaphore(0);
    private final AtomicInteger fullReadsStarted = new AtomicInteger();

    @BeforeAll
    static void createSet() throws Exception {
        pg = TestPostgres.get();
        String db = pg.newDatabase("ui_first_level");
        pg.exec(db, "CREATE TABLE events (id int NOT NULL, note text) PARTITION BY RANGE (id)",
                "DO $$ BEGIN FOR m IN 0..2 LOOP"
                        + " EXECUTE format('CREATE TABLE events_%s PARTITION OF events FOR VALUES FROM (%s) TO (%s)"
                        + " PARTITION BY RANGE (id)', m, m * 1000, m * 1000 + 1000);"
                        + " FOR d IN 0.." + (DAYS - 1) + " LOOP EXECUTE format('CREATE TABLE events_%s_%s PARTITION OF"
                        + " events_%s FOR VALUES FROM (%s) TO (%s)', m, d, m, m * 1000 + d, m * 1000 + d + 1);"
                        + " END LOOP; END LOOP; END $$",
                // a DEFAULT below a branch, holding rows (the branch's DEFAULT rows), and one at the top
                "CREATE TABLE events_1_default PARTITION OF events_1 DEFAULT",
                "CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events SELECT g, 'x' FROM generate_series(0, 2999) g WHERE g % 1000 < " + DAYS
                        + " OR g / 1000 = 1",
                "INSERT INTO events SELECT g, 'x' FROM generate_series(5000, 5099) g");
        // PG 14's collector reports counts asynchronously (see StagedReadBrowserIT), and with 2,100 tables in one
        // burst it dropped some INSERT counts here (n_tup_ins never reached 2,500): VACUUM's own counts are waited for.
        String counted = "SELECT (SELECT sum(%s) = 2500 FROM pg_stat_user_tables WHERE relname LIKE 'events\\_%%')";
        pg.exec(db, "VACUUM ANALYZE");
        awaitTrue(db, String.format(counted, "n_live_tup"));
        database = Database.open(pg.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    /** TestPostgres.awaitTrue, given longer: the counts of 2,100 tables reached the statistics late on a loaded machine. */
    private static void awaitTrue(String db, String query) {
        for (int attempt = 1; ; attempt++) {
            try {
                pg.awaitTrue(db, query);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
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
                await();
                return standard.read(d, cancellation);
            }

            @Override
            public SetSummaryReader.Result summarise(Database d, Cancellation cancellation) throws Exception {
                return standard.summarise(d, cancellation);
            }

            @Override
            public PartitionSet readSet(Database d, RelationName set, Cancellation cancellation) throws Exception {
                await();
                return standard.readSet(d, set, cancellation);
            }

            @Override
            public FirstLevelReader.Result readFirstLevel(Database d, PartitionSet summary,
                    Cancellation cancellation) throws Exception {
                return standard.readFirstLevel(d, summary, cancellation);
            }

            private void await() throws InterruptedException {
                if (!fullReads.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the read run");
                }
            }
        };
        Semaphore never = new Semaphore(0);
        BrowserViewModel.SizeSource sizes = (d, oids, cancellation) -> {
            never.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new IllegalStateException("stage 2 is not part of this test");
        };
        viewModel = new BrowserViewModel(new Activity(executor), gated, sizes, (action, failure) -> {
            if (!(failure instanceof io.partscope.core.db.PartscopeException p)
                    || p.kind() != io.partscope.core.db.ErrorKind.QUERY_CANCELLED) {
                if (!(failure instanceof IllegalStateException)) {
                    throw new AssertionError(action, failure);
                }
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
        WaitForAsyncUtils.asyncFx(() -> viewModel.show(null)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        executor.close();
    }

    private <T> T fx(java.util.concurrent.Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private List<MemberTree.MemberLine> lines() throws Exception {
        return fx(() -> new ArrayList<>(browser.membersTable().getItems()));
    }

    private MemberTree.MemberLine line(String name) throws Exception {
        return lines().stream().filter(l -> l.row().name().equals(name)).findFirst().orElse(null);
    }

    /** What a line shows in the members table (bloat aside: the first level has none, see below). */
    private static List<Object> shown(MemberTree.MemberLine line) {
        MemberRow r = line.row();
        return java.util.Arrays.asList(r.name(), r.bound(), line.depth(), line.isBranch(), r.totalBytes(), r.rows(),
                r.deadPct(), r.xidAge(), r.xidAgeFraction(), r.mxidAge(), r.lastVacuum(), r.lastAnalyze(),
                r.flags(), r.problems(), r.sizesEstimated(), line.sizeShare());
    }

    /** The texts of the rendered name cells. */
    private List<String> renderedNames() throws Exception {
        return fx(() -> {
            List<String> texts = new ArrayList<>();
            for (javafx.scene.Node node : browser.membersTable().lookupAll(".table-cell")) {
                if (node instanceof MemberColumns.NameCell cell && cell.getText() != null) {
                    texts.add(cell.getText());
                }
            }
            return texts;
        });
    }

    private String memberCount() throws Exception {
        return fx(() -> ((Labeled) browser.lookup("#" + PartitionSetBrowser.MEMBER_COUNT_ID)).getText());
    }

    @Test
    void theFirstLevelIsDrawnWithItsBranchNumbersThenTheWholeSetReplacesItKeepingTheSelection(FxRobot robot)
            throws Exception {
        robot.interact(() -> viewModel.show(database));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> browser.setsTable().getItems().size() == 1);
        PartitionSetRow events = fx(() -> viewModel.allSets().get(0));
        robot.interact(() -> viewModel.selectedProperty().set(events));

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> browser.membersTable().getItems().size()
                == 4);
        assertEquals(0, fullReads.availablePermits(), "the full read is still waiting");
        assertEquals(1, fullReadsStarted.get());
        List<MemberTree.MemberLine> first = lines();
        assertEquals(List.of("events_0", "events_1", "events_2", "events_default"),
                first.stream().map(l -> l.row().name()).toList(), "the direct children, DEFAULT last");
        assertEquals(List.of(true, true, true, false), first.stream().map(MemberTree.MemberLine::isBranch).toList(),
                "the months are closed branches");
        assertEquals(String.format("4 of %,d (%,d leaves) read, reading the rest…", events.partitions(),
                events.leaves()), memberCount(), "the count says the rest is on its way");
        MemberRow month = line("events_1").row();
        assertEquals(1000L, month.rows(), "a branch's rows are the sum over its leaves");
        assertTrue(month.flags().contains(MemberRow.SUBPARTITIONED), month.flags().toString());
        assertNull(month.bloatPct(), "no bloat roll-up before the leaves' statistics are read: unknown, not 0%");

        // The user selects a month and opens another before the rest is in.
        robot.interact(() -> browser.selectMember(month));
        MemberRow other = line("events_2").row();
        robot.interact(() -> viewModel.setExpanded(other, true));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> line("events_2").isLoading());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(renderedNames().contains("events_2" + MemberColumns.NameCell.READING_SUFFIX),
                "an opened branch says its partitions are being read: " + renderedNames());
        assertEquals(4, lines().size(), "and shows no child it does not have yet");

        fullReads.release();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(viewModel::isWholeSetShown));
        WaitForAsyncUtils.waitForFxEvents();
        List<MemberTree.MemberLine> whole = lines();
        assertEquals(4 + DAYS, whole.size(), "the opened month shows its days, the others stay closed");
        for (MemberTree.MemberLine before : first) {
            MemberTree.MemberLine after = line(before.row().name());
            assertEquals(shown(before), shown(after), "the same numbers on " + before.row().name());
        }
        assertFalse(line("events_2").isLoading());
        assertEquals("events_1", fx(() -> browser.membersTable().getSelectionModel().getSelectedItem().row().name()),
                "the selection stays");
        assertEquals(String.format("%,d (%,d leaves)", events.partitions(), events.leaves()), memberCount());
    }
}
