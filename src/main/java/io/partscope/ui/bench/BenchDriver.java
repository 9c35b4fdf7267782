package io.partscope.ui.bench;

import io.partscope.ui.browser.PartitionSetBrowser;
import io.partscope.ui.connect.ConnectionBar;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * Drives the real window as a user would, from a thread that is not the FX thread: every step is posted to the FX
 * thread and waited for, and "rendered" means a layout pulse has run after the change (and one more, so it was
 * drawn). All knowledge of the window's structure is here and nowhere else in the benchmark: nodes are found by the
 * public id constants through {@code scene.lookup("#id")}, tables are handled as {@link TableView} or
 * {@link TreeTableView}, so a change of the window means a change of this class only.
 */
final class BenchDriver {
    private final Scene scene;
    private final long timeoutMs;

    BenchDriver(Scene scene, long timeoutMs) {
        this.scene = scene;
        this.timeoutMs = timeoutMs;
    }

    // --- the steps of the scenario ---

    /** Types the URL into the connection bar and clicks Connect. */
    void connect(String url) throws Exception {
        fx(() -> {
            ((TextInputControl) node(ConnectionBar.URL_FIELD_ID)).setText(url);
            ((ButtonBase) node(ConnectionBar.CONNECT_BUTTON_ID)).fire();
            return null;
        });
    }

    /** Waits until the sets table shows rows with text; returns how many sets it lists. */
    int awaitSetsShown() throws Exception {
        await("the sets table to show sets", () -> renderedRowWithText(control(PartitionSetBrowser.SETS_TABLE_ID), ""));
        awaitPulse();
        return fx(() -> rowCount(control(PartitionSetBrowser.SETS_TABLE_ID)));
    }

    /**
     * Waits until nothing is read any more (every set read, every size measured): {@code idle} is asked on the FX
     * thread.
     */
    void awaitReadsDone(java.util.function.BooleanSupplier idle) throws Exception {
        await("every read and size measurement to finish", idle::getAsBoolean);
        awaitPulse();
    }

    /** The status line (e.g. "1 partition sets, 10,010 partitions, read in 2,345 ms"). */
    String statusText() throws Exception {
        return fx(() -> ((Labeled) node(io.partscope.ui.MainWindow.STATUS_ID)).getText());
    }

    /** Selects the set whose first column reads {@code name}, as a click on its row would. */
    void selectSet(String name) throws Exception {
        fx(() -> {
            Control table = control(PartitionSetBrowser.SETS_TABLE_ID);
            for (int i = 0; i < rowCount(table); i++) {
                if (name.equals(String.valueOf(firstColumnText(table, i)))) {
                    select(table, i);
                    return null;
                }
            }
            throw new IllegalStateException("no set named " + name + " in the sets table");
        });
    }

    /** Waits until the members table shows a row whose text contains {@code memberText}; returns its row count. */
    int awaitMembersShown(String memberText) throws Exception {
        await("the partitions table to show " + memberText,
                () -> renderedRowWithText(control(PartitionSetBrowser.MEMBERS_TABLE_ID), memberText));
        awaitPulse();
        return memberRows();
    }

    /** Rows in the partitions table now (a tree: rows of expanded items). */
    int memberRows() throws Exception {
        return fx(() -> rowCount(control(PartitionSetBrowser.MEMBERS_TABLE_ID)));
    }

    /** Scrolls the partitions table so that row {@code index} is at the top, and waits until that is drawn. */
    void scrollMembersTo(int index) throws Exception {
        fx(() -> {
            Control table = control(PartitionSetBrowser.MEMBERS_TABLE_ID);
            if (table instanceof TableView<?> t) {
                t.scrollTo(index);
            } else if (table instanceof TreeTableView<?> t) {
                t.scrollTo(index);
            }
            return null;
        });
        awaitPulse();
    }

    /** Sorts the partitions table by the column titled {@code title}, as clicks on its header would. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void sortMembersBy(String title, boolean descending) throws Exception {
        fx(() -> {
            Control table = control(PartitionSetBrowser.MEMBERS_TABLE_ID);
            if (table instanceof TableView t) {
                TableColumn column = (TableColumn) column(t.getColumns(), title);
                column.setSortType(descending ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                t.getSortOrder().setAll(column);
            } else if (table instanceof TreeTableView t) {
                TreeTableColumn column = (TreeTableColumn) column(t.getColumns(), title);
                column.setSortType(descending ? TreeTableColumn.SortType.DESCENDING
                        : TreeTableColumn.SortType.ASCENDING);
                t.getSortOrder().setAll(column);
            }
            return null;
        });
        awaitPulse();
        awaitPulse();
    }

    /** Types {@code text} into the partitions filter one key at a time, each drawn before the next. */
    void typeMemberFilter(String text) throws Exception {
        for (char c : text.toCharArray()) {
            fx(() -> {
                TextInputControl field = (TextInputControl) node(PartitionSetBrowser.MEMBER_FILTER_FIELD_ID);
                field.appendText(String.valueOf(c));
                return null;
            });
            awaitPulse();
        }
        awaitPulse();
    }

    /** Empties the partitions filter. */
    void clearMemberFilter() throws Exception {
        fx(() -> {
            ((TextInputControl) node(PartitionSetBrowser.MEMBER_FILTER_FIELD_ID)).clear();
            return null;
        });
        awaitPulse();
        awaitPulse();
    }

    /** Clicks "Only problems". */
    void toggleOnlyProblems() throws Exception {
        fx(() -> {
            ((ButtonBase) node(PartitionSetBrowser.ONLY_PROBLEMS_ID)).fire();
            return null;
        });
        awaitPulse();
        awaitPulse();
    }

    /**
     * Waits until the EXPLAIN view has finished a run and drawn it (and, with {@code comparison}, the comparison);
     * a server error ends the wait.
     */
    void awaitExplain(io.partscope.ui.explain.ExplainViewModel explain, boolean comparison) throws Exception {
        await("EXPLAIN to finish", () -> {
            if (explain.errorProperty().get() != null) {
                throw new IllegalStateException("EXPLAIN failed: " + explain.errorProperty().get().message());
            }
            return !explain.runningProperty().get() && explain.resultProperty().get() != null
                    && (!comparison || explain.comparisonProperty().get() != null);
        });
        awaitPulse();
        awaitPulse();
    }

    /** Shows the set tab titled {@code title} (Partitions, Size, XID age, Timeline) and waits until it is drawn. */
    void showSetTab(String title) throws Exception {
        fx(() -> {
            TabPane tabs = (TabPane) node(PartitionSetBrowser.SET_TABS_ID);
            for (Tab tab : tabs.getTabs()) {
                if (title.equals(tab.getText())) {
                    tabs.getSelectionModel().select(tab);
                    return null;
                }
            }
            throw new IllegalStateException("no tab " + title);
        });
        // A chart tab first says "Drawing the … chart" while the chart is built off the FX thread.
        await("the " + title + " tab to be drawn", () -> {
            TabPane tabs = (TabPane) node(PartitionSetBrowser.SET_TABS_ID);
            Node content = tabs.getSelectionModel().getSelectedItem().getContent();
            return !(content instanceof javafx.scene.layout.BorderPane pane
                    && pane.getCenter() instanceof Labeled label && label.getText().startsWith("Drawing"));
        });
        awaitPulse();
        awaitPulse();
    }

    /** The titles of the set tabs. */
    List<String> setTabTitles() throws Exception {
        return fx(() -> ((TabPane) node(PartitionSetBrowser.SET_TABS_ID)).getTabs().stream().map(Tab::getText)
                .toList());
    }

    // --- waiting ---

    /** Waits until a layout pulse of the scene has run after this call (the one after it is drawn, too). */
    void awaitPulse() throws Exception {
        CountDownLatch pulsed = new CountDownLatch(1);
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            pulsed.countDown();
        };
        fx(() -> {
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
            return null;
        });
        if (!pulsed.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("no pulse in " + timeoutMs + " ms");
        }
    }

    /** Polls {@code condition} on the FX thread (every 2 ms) until it holds; an error dialog ends the wait. */
    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!fx(condition::getAsBoolean)) {
            String error = fx(BenchDriver::errorDialogText);
            if (error != null) {
                throw new IllegalStateException("the app showed an error while waiting for " + what + ": " + error);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("waited " + timeoutMs + " ms for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    // --- finding things (FX thread) ---

    /** The text of an error dialog that is showing, or null. */
    private static String errorDialogText() {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.getScene() == null) {
                continue;
            }
            for (Node n : w.getScene().getRoot().lookupAll("." + io.partscope.ui.ErrorDialog.STYLE_CLASS)) {
                if (n instanceof javafx.scene.control.DialogPane pane) {
                    return (pane.getHeaderText() == null ? "" : pane.getHeaderText() + " ")
                            + (pane.getContentText() == null ? "" : pane.getContentText());
                }
            }
        }
        return null;
    }

    private Node node(String id) {
        Node node = scene.lookup("#" + id);
        if (node == null) {
            throw new IllegalStateException("nothing with id " + id + " in the window");
        }
        return node;
    }

    private Control control(String id) {
        return (Control) node(id);
    }

    private static int rowCount(Control table) {
        if (table instanceof TableView<?> t) {
            return t.getItems().size();
        }
        if (table instanceof TreeTableView<?> t) {
            return t.getExpandedItemCount();
        }
        throw new IllegalStateException("not a table: " + table);
    }

    private static Object firstColumnText(Control table, int row) {
        if (table instanceof TableView<?> t) {
            return t.getColumns().get(0).getCellData(row);
        }
        if (table instanceof TreeTableView<?> t) {
            return t.getColumns().get(0).getCellData(row);
        }
        throw new IllegalStateException("not a table: " + table);
    }

    private static void select(Control table, int row) {
        if (table instanceof TableView<?> t) {
            t.getSelectionModel().select(row);
        } else if (table instanceof TreeTableView<?> t) {
            t.getSelectionModel().select(row);
        }
    }

    private static TableColumnBase<?, ?> column(List<? extends TableColumnBase<?, ?>> columns, String title) {
        List<TableColumnBase<?, ?>> all = new ArrayList<>(columns);
        for (int i = 0; i < all.size(); i++) {
            TableColumnBase<?, ?> c = all.get(i);
            if (title.equals(c.getText())) {
                return c;
            }
            all.addAll(c.getColumns());
        }
        throw new IllegalStateException("no column " + title);
    }

    /** True when the table shows a filled row (laid out, visible) with a cell whose text contains {@code text}. */
    private static boolean renderedRowWithText(Control table, String text) {
        for (String rowStyle : List.of(".table-row-cell", ".tree-table-row-cell")) {
            for (Node row : table.lookupAll(rowStyle)) {
                if (!(row instanceof IndexedCell<?> cell) || cell.isEmpty() || cell.getIndex() < 0 || !cell.isVisible()) {
                    continue;
                }
                for (Node child : cell.getChildrenUnmodifiable()) {
                    if (child instanceof Labeled l && l.getText() != null && !l.getText().isBlank()
                            && l.getText().contains(text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
