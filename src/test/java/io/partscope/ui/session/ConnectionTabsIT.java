package io.partscope.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.TestPostgres;
import io.partscope.ui.ErrorDialog;
import io.partscope.ui.MainWindow;
import io.partscope.ui.Styles;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.connect.ConnectionBar;
import io.partscope.ui.navigator.NavigatorNode;
import io.partscope.ui.navigator.NavigatorView;
import io.partscope.ui.task.FxTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
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

/**
 * The window's shell against a real server: several connections in tabs, the navigator (databases, schemas, sets,
 * filter, selection both ways, another database in a new tab), and the keyboard shortcuts for tabs.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionTabsIT {
    private static final long TIMEOUT_SECONDS = 60;

    private static TestPostgres pg;
    private static String shop;
    private static String other;

    private FxTaskExecutor executor;
    private MainWindow window;

    @BeforeAll
    static void createDatabases() {
        pg = TestPostgres.get();
        shop = pg.newDatabase("tabs_shop");
        other = pg.newDatabase("tabs_other");
        pg.exec(shop,
                "CREATE SCHEMA app",
                "CREATE SCHEMA ops",
                "CREATE TABLE app.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE TABLE app.events_default PARTITION OF app.events DEFAULT",
                "INSERT INTO app.events VALUES (1, '2030-05-01'), (2, '2025-03-01')",
                "ANALYZE app.events",
                "CREATE TABLE app.orders (id bigint, region text NOT NULL) PARTITION BY LIST (region)",
                "CREATE TABLE app.orders_eu PARTITION OF app.orders FOR VALUES IN ('eu')",
                "CREATE TABLE ops.metrics (k int) PARTITION BY HASH (k)",
                "CREATE TABLE ops.metrics_0 PARTITION OF ops.metrics FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
                "CREATE TABLE ops.metrics_1 PARTITION OF ops.metrics FOR VALUES WITH (MODULUS 2, REMAINDER 1)");
        pg.exec(other, "CREATE TABLE lonely (k int) PARTITION BY RANGE (k)",
                "CREATE TABLE lonely_1 PARTITION OF lonely FOR VALUES FROM (0) TO (10)");
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

    private ConnectionSession current() {
        return window.viewModel().currentSession();
    }

    private TreeView<NavigatorNode> tree() {
        return window.currentView().navigator().tree();
    }

    /** Waits until the selected tab is connected, its sets are listed and its navigator shows them. */
    private void awaitConnected(FxRobot robot, String database) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> errorDialog(robot) != null || (current() != null
                    && current().connection().database() != null
                    && current().connection().database().settings().database().equals(database)
                    && !current().activity().isBusy() && !current().browser().allSets().isEmpty()
                    && visibleLines().stream().anyMatch(line -> line.startsWith("  ")) && databaseListed(database)))
                    .get());
        } catch (java.util.concurrent.TimeoutException e) {
            String state = WaitForAsyncUtils.asyncFx(() -> "tabs=" + window.tabs().getTabs().size() + " current="
                    + current() + " db=" + (current() == null ? null : current().connection().database())
                    + " busy=" + (current() == null ? null : current().activity().isBusy()) + " sets="
                    + (current() == null ? null : current().browser().allSets().size()) + " lines="
                    + (window.currentView() == null ? null : visibleLines())).get();
            throw new AssertionError("not connected to " + database + ": " + state, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = errorDialog(robot);
        assertNull(dialog, () -> "unexpected error: " + dialog.getContentText());
    }

    private boolean databaseListed(String name) {
        TreeItem<NavigatorNode> root = tree().getRoot();
        return root != null && root.getChildren().stream().anyMatch(i -> i.getValue().text().equals(name))
                && root.getChildren().size() > 1;
    }

    private static DialogPane errorDialog(FxRobot robot) {
        return robot.lookup("." + ErrorDialog.STYLE_CLASS).tryQueryAs(DialogPane.class).orElse(null);
    }

    /** The navigator's lines as the user sees them (expanded rows), indented by depth: "name  detail". */
    private List<String> visibleLines() {
        TreeView<NavigatorNode> tree = tree();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tree.getExpandedItemCount(); i++) {
            TreeItem<NavigatorNode> item = tree.getTreeItem(i);
            lines.add("  ".repeat(tree.getTreeItemLevel(item) - 1) + item.getValue().text());
        }
        return lines;
    }

    private void connectHere(String database) {
        WaitForAsyncUtils.asyncFx(() -> current().connectTo(pg.superuserUrl(database)));
    }

    private static boolean sessionsOf(String database, boolean expectSome) {
        String condition = expectSome ? "> 0" : "= 0";
        pg.awaitTrue("postgres", "SELECT count(*) " + condition + " FROM pg_stat_activity WHERE datname = '"
                + database + "' AND application_name = 'partscope'");
        return true;
    }

    @Test
    void theNavigatorListsTheDatabasesTheSchemasAndTheSetsWithTheirNumbersAndMarksProblems(FxRobot robot)
            throws Exception {
        connectHere(shop);
        awaitConnected(robot, shop);

        List<String> lines = visibleLines();
        assertTrue(lines.containsAll(List.of(shop, "  app", "    events", "    orders", "  ops", "    metrics")),
                lines::toString);
        assertTrue(lines.contains(other), () -> "another database of the cluster is listed: " + lines);
        assertTrue(lines.indexOf("  app") == lines.indexOf(shop) + 1, lines::toString);

        TreeCell<?> events = cellShowing(robot, "events");
        assertTrue(texts(events).stream().anyMatch(t -> t.startsWith("3 · ")), () -> texts(events).toString());
        assertTrue(events.getStyleClass().contains(Styles.NAVIGATOR_PROBLEM), "rows in DEFAULT: marked");
        assertTrue(!cellShowing(robot, "orders").getStyleClass().contains(Styles.NAVIGATOR_PROBLEM));
    }

    @Test
    void theFilterKeepsMatchingSetsWithTheirParentsAndClearingItBringsEverythingBack(FxRobot robot)
            throws Exception {
        connectHere(shop);
        awaitConnected(robot, shop);

        robot.clickOn("#" + NavigatorView.FILTER_ID).write("metr");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> visibleLines().equals(List.of(shop, "  ops", "    metrics")));

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> visibleLines().contains("    orders") && visibleLines().contains(other));
    }

    @Test
    void selectingASetInTheNavigatorSelectsItInTheTableAndTheOtherWayRound(FxRobot robot) throws Exception {
        connectHere(shop);
        awaitConnected(robot, shop);

        robot.clickOn(cellShowing(robot, "orders"));
        WaitForAsyncUtils.waitForFxEvents();
        PartitionSetRow inTable = window.browser().setsTable().getSelectionModel().getSelectedItem();
        assertNotNull(inTable, "the table follows the navigator");
        assertEquals("app.orders", inTable.name());

        robot.clickOn("ops.metrics");
        WaitForAsyncUtils.waitForFxEvents();
        TreeItem<NavigatorNode> inTree = tree().getSelectionModel().getSelectedItem();
        assertEquals("metrics", inTree.getValue().text(), "the navigator follows the table");

        // F5 reads again and keeps the selection.
        robot.press(KeyCode.F5).release(KeyCode.F5);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !current().activity().isBusy());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("metrics", tree().getSelectionModel().getSelectedItem().getValue().text());
        assertEquals("ops.metrics", window.browser().setsTable().getSelectionModel().getSelectedItem().name());
    }

    @Test
    void twoConnectionsToTwoDatabasesAtOnceTheTitleFollowsTheTabAndClosingATabDisconnectsIt(FxRobot robot)
            throws Exception {
        connectHere(shop);
        awaitConnected(robot, shop);
        ConnectionSession first = current();

        // Ctrl+T: a new, empty tab with the caret in its URL field.
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, window.tabs().getTabs().size());
        assertEquals(1, window.tabs().getSelectionModel().getSelectedIndex());
        assertEquals("Partscope", window.stage().getTitle());
        Node focused = window.stage().getScene().getFocusOwner();
        assertTrue(focused instanceof TextField f && ConnectionBar.URL_FIELD_ID.equals(f.getId()), "URL focused");
        robot.write(pg.superuserUrl(other)).press(KeyCode.ENTER).release(KeyCode.ENTER);
        awaitConnected(robot, other);
        ConnectionSession second = current();
        assertTrue(first != second);

        String prefix = "Partscope — postgres@127.0.0.1:" + pg.port() + "/";
        assertEquals(prefix + other, window.stage().getTitle());
        assertTrue(sessionsOf(shop, true) && sessionsOf(other, true), "both connected at once");

        robot.interact(() -> window.tabs().getSelectionModel().select(0));
        assertEquals(prefix + shop, window.stage().getTitle());
        assertEquals(List.of("app.events", "app.orders", "ops.metrics"),
                window.browser().setsTable().getItems().stream().map(PartitionSetRow::name).sorted().toList());

        // Ctrl+Tab goes to the next tab, Ctrl+W closes it and its connection.
        robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(prefix + other, window.stage().getTitle());
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.tabs().getTabs().size());
        assertEquals(prefix + shop, window.stage().getTitle());
        assertTrue(sessionsOf(other, false), "the closed tab's sessions are gone");
        assertTrue(sessionsOf(shop, true), "the other tab stays connected");

        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.tabs().getTabs().size());
        assertEquals("Partscope", window.stage().getTitle());
        assertTrue(sessionsOf(shop, false));
    }

    @Test
    void anotherDatabaseOpensInANewTabWithTheSameSettingsAndPassword(FxRobot robot) throws Exception {
        robot.interact(() -> current().connection().connectWith(pg.passwordUserSettings(shop)));
        awaitConnected(robot, shop);
        ConnectionSession first = current();

        robot.clickOn(cellShowing(robot, other));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> current() != first);
        awaitConnected(robot, other);

        assertEquals(2, window.tabs().getTabs().size());
        assertEquals(TestPostgres.PASSWORD_USER, current().connection().database().settings().user());
        assertEquals("Partscope — " + TestPostgres.PASSWORD_USER + "@127.0.0.1:" + pg.port() + "/" + other,
                window.stage().getTitle());
        assertEquals(List.of("public.lonely"),
                window.browser().setsTable().getItems().stream().map(PartitionSetRow::name).toList());
        assertEquals(shop, first.connection().database().settings().database(), "the first tab is untouched");
    }

    /** The navigator cell showing this name (scrolled into view). */
    private TreeCell<?> cellShowing(FxRobot robot, String name) {
        robot.interact(() -> {
            for (int i = 0; i < tree().getExpandedItemCount(); i++) {
                if (tree().getTreeItem(i).getValue().text().equals(name)) {
                    tree().scrollTo(i);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(tree()).lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() instanceof NavigatorNode n && n.text().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no navigator line " + name + " in " + visibleLines()));
    }

    private static List<String> texts(Node node) {
        return node.lookupAll(".label").stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
    }
}
