package io.partscope.ui;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.demo.DemoDatabase;
import io.partscope.core.profile.ProfileStore;
import io.partscope.ui.profiles.ConnectionChoice;
import io.partscope.ui.profiles.ConnectionManagerDialog;
import io.partscope.ui.profiles.SessionPasswords;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.browser.PartitionSetBrowser;
import io.partscope.ui.connect.ConnectionBar;
import io.partscope.ui.connect.DatabaseOpener;
import io.partscope.ui.task.TaskExecutor;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * The main window: the connection bar on top, the partition-set browser in the middle, the status bar below.
 * Built the same way by the app and by the UI tests.
 */
public final class MainWindow {
    public static final String STATUS_ID = "status";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainWindow.class);

    private final MainViewModel viewModel;
    private final Stage stage;
    private final PartitionSetBrowser browser;

    private final TaskExecutor executor;
    private final Environment environment = Environment.system();
    private final SessionPasswords sessionPasswords = new SessionPasswords();
    private DemoDatabase demo;

    private MainWindow(Stage stage, MainViewModel viewModel, TaskExecutor executor) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.executor = executor;

        ConnectionBar bar = new ConnectionBar(viewModel.connection(), viewModel.activity());
        bar.setOnManageConnections(this::openConnectionManager);
        browser = new PartitionSetBrowser(viewModel.browser(), viewModel.browser()::refresh);

        Label status = new Label();
        status.setId(STATUS_ID);
        status.textProperty().bind(viewModel.browser().statusProperty());
        Label server = new Label();
        server.getStyleClass().add(Styles.MUTED);
        server.textProperty().bind(viewModel.browser().serverProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, spacer, server);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);

        BorderPane root = new BorderPane(browser, bar, null, statusBar, null);
        root.getStyleClass().add("main-window");
        // Most of the screen: the member table has many columns, and numbers cut short mislead.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.max(1024, Math.min(1800, screen.getWidth() * 0.94)),
                Math.max(700, Math.min(1100, screen.getHeight() * 0.92)));
        scene.getStylesheets().add(Styles.STYLESHEET);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), viewModel.browser()::refresh);

        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.getIcons().setAll(Icons.windowIcons());
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.setOnShown(event -> bar.focusUrl());
    }

    /** Builds the window on this stage with the standard connection and catalog services. */
    /** The saved connections (profiles) of this user. */
    public ProfileStore profileStore() {
        return ProfileStore.standard(environment);
    }

    /**
     * Opens the connection manager; connects to the chosen profile, or starts the demo. On a first start (no saved
     * profile) the manager offers the demo database.
     */
    public void openConnectionManager() {
        ConnectionManagerDialog.open(stage, profileStore(), environment, executor, sessionPasswords)
                .ifPresent(choice -> {
                    if (choice instanceof ConnectionChoice.Profile p) {
                        try {
                            viewModel.connection().connectWith(p.profile().toSettings(environment,
                                    p.sessionPassword()), new io.partscope.ui.connect.ConnectionViewModel.Origin(
                                    p.profile().name(), p.profile().colour(), p.profile().readOnly()));
                        } catch (io.partscope.core.db.PartscopeException e) {
                            ErrorDialog.show(stage, "Connect", e);
                        }
                    } else if (choice instanceof ConnectionChoice.Demo) {
                        startDemo();
                    }
                });
    }

    /**
     * Starts the embedded demo database off the FX thread (the first start loads it), then connects to it. The
     * server stops with the window ({@link #closeDemo()}).
     */
    public void startDemo() {
        if (demo == null) {
            demo = new DemoDatabase(DemoDatabase.defaultBaseDirectory(environment));
        }
        DemoDatabase server = demo;
        BackgroundTask<ConnectionSettings> task = BackgroundTask.of("start demo", cancellation -> {
            server.start(false, step -> LOG.info("demo: {}", step));
            return server.connectionSettings();
        }).onSuccess(settings -> viewModel.connection().connectWith(settings))
                .onFailure(failure -> ErrorDialog.show(stage, "Open the demo database", failure));
        viewModel.activity().run("Starting the demo database (the first start loads it: about 20 s)…", task);
    }

    /** Stops the demo server if this window started one. */
    public void closeDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    public static MainWindow create(Stage stage, TaskExecutor executor) {
        return create(stage, executor, DatabaseOpener.standard(Environment.system()),
                BrowserViewModel.CatalogSource.standard());
    }

    public static MainWindow create(Stage stage, TaskExecutor executor, DatabaseOpener opener,
            BrowserViewModel.CatalogSource catalog) {
        MainWindow[] self = new MainWindow[1];
        MainViewModel vm = new MainViewModel(executor, opener, catalog,
                (action, failure) -> ErrorDialog.show(self[0] == null ? null : self[0].stage, action, failure));
        self[0] = new MainWindow(stage, vm, executor);
        return self[0];
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    public Stage stage() {
        return stage;
    }

    public PartitionSetBrowser browser() {
        return browser;
    }
}
