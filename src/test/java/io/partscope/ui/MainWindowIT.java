package io.partscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.TestPostgres;
import io.partscope.ui.browser.MemberRow;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.connect.ConnectionBar;
import io.partscope.ui.task.FxTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window against a real server: connect, see the partition sets; a bad password shows a clean error. */
@ExtendWith(ApplicationExtension.class)
class MainWindowIT {
    private static final long TIMEOUT_SECONDS = 60;

    private static TestPostgres pg;
    private static String db;

    private FxTaskExecutor executor;
    private MainWindow window;

    @BeforeAll
    static void createPartitionedTables() {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_window");
        pg.exec(db,
                "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events SELECT g, date '2024-01-01' + (g % 900) FROM generate_series(1, 3000) g",
                "CREATE TABLE orders (id bigint, region text NOT NULL) PARTITION BY LIST (region)",
                "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')",
                "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')",
                "CREATE TABLE plain_table (id int)");
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        window = MainWindow.create(stage, executor);
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.viewModel().shutdown()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        FxToolkit.cleanupStages();
        executor.close();
    }

    /** Types the URL, clicks Connect, and waits until the sets are listed or an error dialog is up. */
    private void connect(FxRobot robot, String url) throws Exception {
        robot.clickOn("#" + ConnectionBar.URL_FIELD_ID).write(url);
        robot.clickOn("#" + ConnectionBar.CONNECT_BUTTON_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy()
                        && (!window.browser().setsTable().getItems().isEmpty() || errorDialog(robot) != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static DialogPane errorDialog(FxRobot robot) {
        return robot.lookup("." + ErrorDialog.STYLE_CLASS).tryQueryAs(DialogPane.class).orElse(null);
    }

    private static void assertNoErrorDialog(FxRobot robot) {
        DialogPane dialog = errorDialog(robot);
        if (dialog != null) {
            throw new AssertionError("unexpected error dialog: " + String.join(" | ", visibleTexts(dialog)));
        }
    }

    @Test
    void connectingListsThePartitionSetsWithTheirPartitionCounts(FxRobot robot) throws Exception {
        connect(robot, pg.superuserUrl(db));

        assertNoErrorDialog(robot);
        TableView<PartitionSetRow> table = window.browser().setsTable();

        Map<String, Integer> partitions = table.getItems().stream()
                .collect(Collectors.toMap(PartitionSetRow::name, PartitionSetRow::partitions));
        assertEquals(Map.of("public.events", 4, "public.orders", 2), partitions);
        assertEquals("Partscope — postgres@127.0.0.1:" + pg.port() + "/" + db, window.stage().getTitle());
        String status = robot.lookup("#" + MainWindow.STATUS_ID).queryAs(Label.class).getText();
        assertTrue(status.startsWith("2 partition sets, 6 partitions, read in "), status);
    }

    @Test
    void sizesEstimatedAtConnectAreMeasuredInTheBackground(FxRobot robot) throws Exception {
        connect(robot, pg.superuserUrl(db));
        assertNoErrorDialog(robot);
        long exact = Long.parseLong(pg.queryString(db, "SELECT sum(pg_total_relation_size(relid)) FROM "
                + "pg_partition_tree('events') WHERE isleaf"));
        TableView<PartitionSetRow> table = window.browser().setsTable();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().browser().measuringSizesProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        PartitionSetRow events = table.getItems().stream().filter(r -> r.name().equals("public.events"))
                .findFirst().orElseThrow();
        assertFalse(events.sizesEstimated());
        assertEquals(Formats.bytes(exact), events.totalSize().toString());
        String sizes = robot.lookup("#" + io.partscope.ui.session.ConnectionSessionView.SIZE_STATUS_ID)
                .queryAs(Label.class).getText();
        assertEquals("", sizes, "nothing left to measure");
    }

    @Test
    void selectingASetShowsItsPartitions(FxRobot robot) throws Exception {
        connect(robot, pg.superuserUrl(db));
        assertNoErrorDialog(robot);

        robot.clickOn("public.events");
        WaitForAsyncUtils.waitForFxEvents();

        List<String> members = window.browser().shownMembers().stream().map(MemberRow::name).toList();
        assertEquals(List.of("events_2024", "events_2025", "events_2026",
                "events_default"), members);
    }

    @Test
    void aWrongPasswordShowsTheErrorDialogWithoutAStackTrace(FxRobot robot) throws Exception {
        connect(robot, "postgresql://alice:wrong@127.0.0.1:" + pg.port() + "/" + db);

        DialogPane dialog = errorDialog(robot);
        assertTrue(dialog != null, "an error dialog is shown");
        String shown = String.join("\n", visibleTexts(dialog));
        assertTrue(shown.toLowerCase(Locale.ROOT).contains("authentication failed"), shown);
        assertFalse(dialog.isExpanded(), "the stack trace section starts collapsed");
        assertFalse(shown.contains("\tat ") || shown.contains("Exception"), "no stack trace visible:\n" + shown);
        assertEquals(MainViewModel.APP_TITLE, window.stage().getTitle(), "not connected");
        assertFalse(window.viewModel().currentSession().activity().isBusy());
    }

    /** The text of every visible node in the dialog (labels, text nodes, text areas). */
    private static List<String> visibleTexts(Node node) {
        List<String> texts = new ArrayList<>();
        if (!node.isVisible() || node.getScene() == null) {
            return texts;
        }
        if (node instanceof Text text) {
            texts.add(text.getText());
        } else if (node instanceof TextInputControl input) {
            texts.add(input.getText());
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                texts.addAll(visibleTexts(child));
            }
        }
        return texts;
    }


    @Test
    void autoRefreshShowsASetCreatedAfterConnectingWithoutPressingRefresh(FxRobot robot) throws Exception {
        String own = pg.newDatabase("ui_auto");
        pg.exec(own, "CREATE TABLE first_set (k int) PARTITION BY RANGE (k)");
        connect(robot, pg.superuserUrl(own));
        assertEquals(1, window.browser().setsTable().getItems().size());

        // The box offers 30 s and more; the property takes any interval, which keeps this test short.
        robot.interact(() -> window.viewModel().currentSession().browser().autoRefreshProperty()
                .set(java.time.Duration.ofMillis(300)));
        pg.exec(own, "CREATE TABLE second_set (k int) PARTITION BY LIST (k)");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> window.browser().setsTable().getItems().size() == 2);
        robot.interact(() -> window.viewModel().currentSession().browser().autoRefreshProperty()
                .set(java.time.Duration.ZERO));
        assertNoErrorDialog(robot);
    }

    @Test
    void aSavedConnectionConnectsAndTheUrlFieldNeverShowsItsPassword(FxRobot robot) throws Exception {
        robot.interact(() -> window.viewModel().currentSession().connection()
                .connectWith(pg.passwordUserSettings(db)));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy()
                        && (!window.browser().setsTable().getItems().isEmpty() || errorDialog(robot) != null));
        assertNoErrorDialog(robot);
        String shown = robot.lookup("#" + ConnectionBar.URL_FIELD_ID)
                .queryAs(javafx.scene.control.TextField.class).getText();
        assertEquals(true, shown.startsWith("postgresql://" + TestPostgres.PASSWORD_USER + "@127.0.0.1:"), shown);
        assertEquals(false, shown.contains(TestPostgres.PASSWORD), shown);
        assertEquals(2, window.browser().setsTable().getItems().size());
    }

    @Test
    void aSavedProductionConnectionShowsItsNameColourAndReadOnlyMark(FxRobot robot) throws Exception {
        robot.interact(() -> window.viewModel().currentSession().connection().connectWith(pg.superuserSettings(db),
                new io.partscope.ui.connect.ConnectionViewModel.Origin("Billing (production)", "#d9480f", true)));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy()
                        && !window.browser().setsTable().getItems().isEmpty());
        assertNoErrorDialog(robot);

        assertEquals("Partscope — Billing (production) (postgres@127.0.0.1:" + pg.port() + "/" + db + ")",
                window.stage().getTitle());
        assertEquals(true, robot.lookup("#" + ConnectionBar.READ_ONLY_BADGE_ID).query().isVisible());
        javafx.scene.layout.Region chip = robot.lookup("#" + ConnectionBar.PROFILE_CHIP_ID).queryAs(
                javafx.scene.layout.Region.class);
        assertEquals(javafx.scene.paint.Color.web("#d9480f"), chip.getBackground().getFills().get(0).getFill());
        // The tab says the same: the profile's name, its colour and READ-ONLY.
        Node header = window.tabs().getSelectionModel().getSelectedItem().getGraphic();
        assertEquals(List.of("Billing (production)", "READ-ONLY"), visibleTexts(header).stream()
                .filter(t -> !t.isBlank()).toList());
        javafx.scene.layout.Region tabChip = (javafx.scene.layout.Region) header.lookup("." + Styles.TAB_CHIP);
        assertEquals(javafx.scene.paint.Color.web("#d9480f"), tabChip.getBackground().getFills().get(0).getFill());

        robot.interact(() -> window.viewModel().currentSession().connectTo(pg.superuserUrl(db)));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> window.viewModel().currentSession().connection().originProperty().get() == null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(false, robot.lookup("#" + ConnectionBar.READ_ONLY_BADGE_ID).query().isVisible());
    }
}
