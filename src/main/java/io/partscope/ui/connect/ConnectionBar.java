package io.partscope.ui.connect;

import io.partscope.ui.Icons;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;

/** The top bar: the app's mark, the URL field, Connect, and progress with Cancel while work runs. Binds only. */
public final class ConnectionBar extends HBox {
    public static final String URL_FIELD_ID = "urlField";
    public static final String CONNECT_BUTTON_ID = "connectButton";
    public static final String CONNECTIONS_BUTTON_ID = "connectionsButton";
    public static final String PROFILE_CHIP_ID = "profileChip";
    public static final String READ_ONLY_BADGE_ID = "readOnlyBadge";

    private final Button connections = new Button("Connections…");
    public static final String CANCEL_BUTTON_ID = "cancelButton";
    public static final String PROGRESS_ID = "progress";

    private final TextField url;

    public ConnectionBar(ConnectionViewModel viewModel, Activity activity) {
        getStyleClass().add(Styles.CONNECTION_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        ImageView mark = new ImageView(Icons.appIcon(32));
        mark.setFitWidth(24);
        mark.setFitHeight(24);
        mark.setSmooth(true);
        Label brand = new Label("Partscope", mark);
        brand.getStyleClass().add(Styles.BRAND);

        url = new TextField();
        url.setId(URL_FIELD_ID);
        url.setPromptText("postgresql://user@host:5432/dbname   or   jdbc:postgresql://host/dbname");
        url.setTooltip(new Tooltip("A libpq URI or a JDBC URL. PG* variables, ~/.pgpass and the service file apply"
                + " as in psql."));
        url.textProperty().bindBidirectional(viewModel.urlProperty());
        url.setOnAction(event -> viewModel.connect());
        HBox.setHgrow(url, Priority.ALWAYS);

        Button connect = new Button("Connect");
        connect.setId(CONNECT_BUTTON_ID);
        connect.getStyleClass().add(Styles.PRIMARY);
        connect.disableProperty().bind(viewModel.connectDisabledProperty());
        connect.setOnAction(event -> viewModel.connect());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId(PROGRESS_ID);
        progress.setPrefSize(20, 20);
        progress.setMaxSize(20, 20);
        Label what = new Label();
        what.getStyleClass().add(Styles.MUTED);
        what.textProperty().bind(activity.descriptionProperty());
        // A long operation's description ("Running: Detach ... CONCURRENTLY") is what gives way when the bar is
        // short: the brand, the buttons and the URL keep their room, the whole text is in the tooltip.
        what.setMinWidth(0);
        what.setMaxWidth(420);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(activity.descriptionProperty());
        what.setTooltip(whole);
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_BUTTON_ID);
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> activity.cancelAll());
        HBox working = new HBox(8, progress, what, cancel);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(activity.busyProperty());
        working.managedProperty().bind(working.visibleProperty());

        connections.setId(CONNECTIONS_BUTTON_ID);
        connections.setTooltip(new Tooltip("Saved connections, import, test, and the demo database"));
        connections.disableProperty().bind(activity.busyProperty());
        // The saved profile's colour and read-only mark, so a production connection is never mistaken for another.
        Region chip = new Region();
        chip.setId(PROFILE_CHIP_ID);
        chip.setPrefSize(12, 24);
        chip.setMinSize(12, 24);
        Label readOnly = new Label("READ-ONLY");
        readOnly.setId(READ_ONLY_BADGE_ID);
        readOnly.getStyleClass().addAll(Styles.BADGE, Styles.BADGE_PROBLEM);
        readOnly.setTooltip(new Tooltip("This saved connection is marked production: read-only"));
        Runnable showOrigin = () -> {
            ConnectionViewModel.Origin from = viewModel.originProperty().get();
            boolean profile = from != null;
            chip.setVisible(profile);
            chip.setManaged(profile);
            if (profile) {
                // A user-chosen colour cannot be a style class: it is the one inline fill here.
                chip.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                        javafx.scene.paint.Color.web(from.colour()), new javafx.scene.layout.CornerRadii(3),
                        javafx.geometry.Insets.EMPTY)));
            }
            readOnly.setVisible(profile && from.readOnly());
            readOnly.setManaged(readOnly.isVisible());
        };
        viewModel.originProperty().addListener((obs, old, from) -> showOrigin.run());
        showOrigin.run();
        for (Region keep : new Region[] {brand, connections, readOnly, connect, cancel}) {
            keep.setMinWidth(Region.USE_PREF_SIZE);
        }
        url.setMinWidth(160);
        getChildren().addAll(brand, connections, chip, readOnly, url, connect, working);
    }

    /** Puts the caret in the URL field (Enter there connects; not a default button, so Enter elsewhere does not). */
    public void focusUrl() {
        url.requestFocus();
    }

    /** What the Connections… button does (the window opens the connection manager). */
    public void setOnManageConnections(Runnable action) {
        connections.setOnAction(event -> action.run());
    }
}
