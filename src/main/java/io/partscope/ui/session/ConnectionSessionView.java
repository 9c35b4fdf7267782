package io.partscope.ui.session;

import io.partscope.ui.Styles;
import io.partscope.ui.browser.PartitionSetBrowser;
import io.partscope.ui.connect.ConnectionBar;
import io.partscope.ui.explain.ExplainPane;
import io.partscope.ui.navigator.NavigatorView;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One connection tab: the connection bar on top, the navigator on the left, and on the right two views of the
 * connection: the partition sets (the browser) and EXPLAIN. The status line below. Binds to a
 * {@link ConnectionSession}.
 */
public final class ConnectionSessionView extends BorderPane {
    public static final String STATUS_ID = "status";
    public static final String INTERRUPTED_BANNER_ID = "interruptedBanner";
    /** Stage 2's progress in the status bar: "Measuring sizes: 12,000 of 100,000", a bar, and Stop. */
    public static final String SIZE_STATUS_ID = "sizeStatus";
    public static final String SIZE_PROGRESS_ID = "sizeProgress";
    public static final String STOP_SIZES_ID = "stopSizes";
    public static final String SPLIT_ID = "sessionSplit";
    public static final String VIEWS_ID = "sessionViews";
    public static final String EXPLAIN_TAB_ID = "explainTab";
    public static final String EXPLAIN_SET_MENU_ITEM_ID = "explainSetMenuItem";
    /** The navigator's starting width; the divider keeps it when the window is resized. */
    static final double NAVIGATOR_WIDTH = 280;

    private final ConnectionSession session;
    private final ConnectionBar bar;
    private final NavigatorView navigator;
    private final PartitionSetBrowser browser;
    private final ExplainPane explain;
    private final TabPane views = new TabPane();
    private final Tab browserTab = new Tab("Partition sets");
    private final Tab explainTab = new Tab("EXPLAIN");
    private final SplitPane split;

    public ConnectionSessionView(ConnectionSession session, Runnable manageConnections) {
        this.session = session;
        bar = new ConnectionBar(session.connection(), session.activity());
        bar.setOnManageConnections(manageConnections);
        browser = new PartitionSetBrowser(session.browser(), session::refresh);
        io.partscope.ui.ops.OperationActions.installMemberActions(session, browser.membersTable(), browser);
        navigator = new NavigatorView(session.navigator(), row -> browser.setsTable().scrollTo(row));
        navigator.setMinWidth(0);
        browser.setsTable().setContextMenu(io.partscope.ui.ops.OperationActions.contextMenu(session, browser));
        navigator.setSetContextMenu(io.partscope.ui.ops.OperationActions.contextMenu(session, navigator));
        browser.membersTable().getContextMenu().getItems().add(
                io.partscope.ui.ops.OperationActions.splitDefaultMemberItem(session, browser.membersTable()));
        navigator.setPrefWidth(NAVIGATOR_WIDTH);
        MenuItem explainSet = new MenuItem("EXPLAIN a query on this set");
        explainSet.setId(EXPLAIN_SET_MENU_ITEM_ID);
        explainSet.disableProperty().bind(session.browser().selectedProperty().isNull());
        explainSet.setOnAction(e -> explainSelectedSet());
        browser.setsTable().getContextMenu().getItems().addAll(0, java.util.List.of(explainSet,
                new SeparatorMenuItem()));

        explain = new ExplainPane(session.explain());
        browserTab.setContent(browser);
        browserTab.setClosable(false);
        explainTab.setContent(explain);
        explainTab.setClosable(false);
        explainTab.setId(EXPLAIN_TAB_ID);
        views.getTabs().addAll(browserTab, explainTab);
        views.setId(VIEWS_ID);
        views.getStyleClass().add(Styles.SESSION_VIEWS);

        split = new SplitPane(navigator, views);
        split.setId(SPLIT_ID);
        SplitPane.setResizableWithParent(navigator, false);
        // The first layout places the divider at the navigator's width, whatever the window's size.
        split.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> obs, Number old, Number width) {
                if (width.doubleValue() > 0) {
                    split.setDividerPositions(Math.min(0.4, NAVIGATOR_WIDTH / width.doubleValue()));
                    split.widthProperty().removeListener(this);
                }
            }
        });

        Label status = new Label();
        status.setId(STATUS_ID);
        status.textProperty().bind(session.browser().statusProperty());
        // The status line is what the user reads; the size progress beside it gives way instead.
        status.setMinWidth(Region.USE_PREF_SIZE);
        Label server = new Label();
        server.getStyleClass().add(Styles.MUTED);
        server.textProperty().bind(session.browser().serverProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, spacer, sizeProgress(session.browser()), server);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);

        setTop(new javafx.scene.layout.VBox(bar, interruptedBanner(session.interrupted())));
        setCenter(split);
        setBottom(statusBar);
    }

    /**
     * A line under the connection bar while the journal has interrupted operations on this database: Details opens
     * the advice (selectable, to copy the commands), Dismiss stops showing them.
     */
    private HBox interruptedBanner(InterruptedRunsNotice notice) {
        Label text = new Label();
        text.getStyleClass().add(Styles.WARNING);
        javafx.scene.control.Button details = new javafx.scene.control.Button("Details...");
        details.setOnAction(e -> showInterrupted(notice));
        javafx.scene.control.Button dismiss = new javafx.scene.control.Button("Dismiss");
        dismiss.setOnAction(e -> notice.dismissAll());
        HBox banner = new HBox(8, text, details, dismiss);
        banner.setId(INTERRUPTED_BANNER_ID);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        Runnable update = () -> {
            boolean any = !notice.runs().isEmpty();
            banner.setVisible(any);
            banner.setManaged(any);
            text.setText(notice.headline());
        };
        notice.runs().addListener((javafx.collections.ListChangeListener<Object>) c -> update.run());
        update.run();
        return banner;
    }

    private void showInterrupted(InterruptedRunsNotice notice) {
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(notice.text());
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add(Styles.CODE);
        area.setPrefSize(820, 420);
        javafx.scene.control.Alert dialog = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.INFORMATION);
        dialog.setTitle("Interrupted operations");
        dialog.setHeaderText("The journal shows operations that started and never finished (the process ended"
                + " mid-run). What the catalog says now and how to finish:");
        dialog.getDialogPane().setContent(area);
        dialog.setResizable(true);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
            io.partscope.ui.theme.Themes.style(dialog);
        }
        dialog.show();
    }

    /**
     * Sizes measured in the background after the catalog is shown: what is left, and Stop (the estimates stay,
     * marked ~). Apart from the top bar's progress, which is for work the user waits for.
     */
    private static HBox sizeProgress(io.partscope.ui.browser.BrowserViewModel browser) {
        Label text = new Label();
        text.setId(SIZE_STATUS_ID);
        text.getStyleClass().add(Styles.MUTED);
        text.textProperty().bind(browser.sizeStatusProperty());
        text.setMinWidth(0);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(browser.sizeStatusProperty());
        text.setTooltip(whole);
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.setId(SIZE_PROGRESS_ID);
        bar.setPrefWidth(120);
        bar.progressProperty().bind(browser.sizeProgressProperty());
        bar.visibleProperty().bind(browser.measuringSizesProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        javafx.scene.control.Button stop = new javafx.scene.control.Button("Stop");
        stop.setId(STOP_SIZES_ID);
        stop.setTooltip(new javafx.scene.control.Tooltip("Stop measuring sizes: the sizes not measured yet stay "
                + "estimated from pg_class (marked ~) until the next refresh"));
        stop.setOnAction(event -> browser.stopMeasuringSizes());
        stop.visibleProperty().bind(browser.measuringSizesProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        HBox box = new HBox(8, text, bar, stop);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(text.textProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Shows or hides the navigator (the browser takes the whole width when hidden). */
    public void setNavigatorShown(boolean shown) {
        boolean showing = split.getItems().contains(navigator);
        if (shown && !showing) {
            split.getItems().add(0, navigator);
            split.setDividerPositions(Math.min(0.4, navigator.getPrefWidth() / Math.max(1, split.getWidth())));
        } else if (!shown && showing) {
            split.getItems().remove(navigator);
        }
    }

    /** Shows the partition sets (the browser). */
    public void showBrowser() {
        views.getSelectionModel().select(browserTab);
    }

    /** Shows the EXPLAIN pane and puts the caret in its query editor. */
    public void showExplain() {
        views.getSelectionModel().select(explainTab);
        explain.focusQuery();
    }

    /**
     * Opens EXPLAIN on the selected set: an empty editor gets {@code SELECT count(*) FROM <set>} to start from (a
     * query being written is never replaced).
     */
    public void explainSelectedSet() {
        var row = session.browser().selectedProperty().get();
        String query = session.explain().queryProperty().get();
        if (row != null && (query == null || query.isBlank())) {
            session.explain().queryProperty().set("SELECT count(*)\nFROM " + row.set().relationName().qualified()
                    + "\nWHERE ");
        }
        showExplain();
    }

    public boolean isExplainShown() {
        return views.getSelectionModel().getSelectedItem() == explainTab;
    }

    public ExplainPane explain() {
        return explain;
    }

    public boolean isNavigatorShown() {
        return split.getItems().contains(navigator);
    }

    public void focusUrl() {
        bar.focusUrl();
    }

    public ConnectionSession session() {
        return session;
    }

    public NavigatorView navigator() {
        return navigator;
    }

    public PartitionSetBrowser browser() {
        return browser;
    }

    public ConnectionBar bar() {
        return bar;
    }
}
