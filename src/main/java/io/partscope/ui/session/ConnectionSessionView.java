package io.partscope.ui.session;

import io.partscope.ui.Styles;
import io.partscope.ui.browser.PartitionSetBrowser;
import io.partscope.ui.connect.ConnectionBar;
import io.partscope.ui.navigator.NavigatorView;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One connection tab: the connection bar on top, the navigator and the browser side by side, the status line
 * below. Binds to a {@link ConnectionSession}.
 */
public final class ConnectionSessionView extends BorderPane {
    public static final String STATUS_ID = "status";
    public static final String SPLIT_ID = "sessionSplit";
    /** The navigator's starting width; the divider keeps it when the window is resized. */
    static final double NAVIGATOR_WIDTH = 280;

    private final ConnectionSession session;
    private final ConnectionBar bar;
    private final NavigatorView navigator;
    private final PartitionSetBrowser browser;
    private final SplitPane split;

    public ConnectionSessionView(ConnectionSession session, Runnable manageConnections) {
        this.session = session;
        bar = new ConnectionBar(session.connection(), session.activity());
        bar.setOnManageConnections(manageConnections);
        browser = new PartitionSetBrowser(session.browser(), session::refresh);
        navigator = new NavigatorView(session.navigator(), row -> browser.setsTable().scrollTo(row));
        navigator.setMinWidth(0);
        browser.setsTable().setContextMenu(io.partscope.ui.ops.OperationActions.contextMenu(session, browser));
        navigator.setSetContextMenu(io.partscope.ui.ops.OperationActions.contextMenu(session, navigator));
        browser.membersTable().getContextMenu().getItems().add(
                io.partscope.ui.ops.OperationActions.splitDefaultMemberItem(session, browser.membersTable()));
        navigator.setPrefWidth(NAVIGATOR_WIDTH);

        split = new SplitPane(navigator, browser);
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
        Label server = new Label();
        server.getStyleClass().add(Styles.MUTED);
        server.textProperty().bind(session.browser().serverProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, spacer, server);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);

        setTop(bar);
        setCenter(split);
        setBottom(statusBar);
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
