package io.partscope.ui;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.Environment;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.demo.DemoDatabase;
import io.partscope.core.profile.ProfileStore;
import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.connect.ConnectionViewModel;
import io.partscope.ui.connect.DatabaseOpener;
import io.partscope.ui.navigator.NavigatorViewModel;
import io.partscope.ui.profiles.ConnectionChoice;
import io.partscope.ui.profiles.ConnectionManagerDialog;
import io.partscope.ui.profiles.SessionPasswords;
import io.partscope.ui.session.ConnectionSession;
import io.partscope.ui.session.ConnectionSessionView;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskExecutor;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The main window: the menu bar, one tab per connection session (connection bar, navigator, browser, status),
 * and a hint when no tab is open. Built the same way by the app and by the UI tests.
 */
public final class MainWindow {
    public static final String STATUS_ID = ConnectionSessionView.STATUS_ID;
    public static final String TABS_ID = "connectionTabs";
    public static final String MENU_BAR_ID = "menuBar";
    /** View › Dark theme, bound to the {@link io.partscope.ui.theme.ThemeController}. */
    public static final String DARK_THEME_MENU_ITEM_ID = "darkThemeMenuItem";
    public static final String TAB_NAME_ID = "tabName";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainWindow.class);

    /** The shortcuts, as Help › Keyboard shortcuts lists them (the menus show the same accelerators). */
    public static final String EXPLAIN_MENU_ITEM_ID = "explainMenuItem";
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Shortcut+T", "New connection tab"},
            new String[] {"Shortcut+Shift+O", "Connections… (saved connections, demo)"},
            new String[] {"Shortcut+W", "Close tab (cancels its work, closes its connection)"},
            new String[] {"Shortcut+Q", "Quit"},
            new String[] {"F5", "Refresh: read the catalog and the database list again"},
            new String[] {"Shortcut+F", "Focus the navigator's filter"},
            new String[] {"Shortcut+L", "Focus the URL field"},
            new String[] {"Shortcut+1", "Focus the navigator"},
            new String[] {"Shortcut+Shift+N", "Show or hide the navigator"},
            new String[] {"Shortcut+2", "Show the partition sets"},
            new String[] {"Shortcut+E", "EXPLAIN (an empty editor starts with a query on the selected set)"},
            new String[] {"Shortcut+Enter (EXPLAIN)", "Run EXPLAIN"},
            new String[] {"Esc (EXPLAIN, while it runs)", "Cancel it on the server"},
            new String[] {"Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous tab"},
            new String[] {"Shortcut+Shift+D", "Dark theme on or off (remembered)"},
            new String[] {"Shortcut+Shift+P", "Create partitions of the selected set (wizard)"},
            new String[] {"Shortcut+Shift+Z", "Freeze partitions of the selected set (wizard)"},
            new String[] {"Shortcut+Shift+S", "Split the DEFAULT partition of the selected set (wizard)"},
            new String[] {"Context menu (a partition)", "Detach partition… / Finalize detach… (wizards)"},
            new String[] {"Enter (navigator, on a database)", "Open that database in a new tab"},
            new String[] {"Down (navigator filter)", "Move into the tree"},
            new String[] {"Esc (navigator filter)", "Clear the filter"});

    private final MainViewModel viewModel;
    private final Stage stage;
    private final TabPane tabs = new TabPane();
    private final Map<ConnectionSession, Tab> tabOf = new java.util.concurrent.ConcurrentHashMap<>();
    private final CheckMenuItem darkTheme = new CheckMenuItem("_Dark theme");
    private final CheckMenuItem showNavigator = new CheckMenuItem("Show _navigator");
    private boolean selecting;

    private final TaskExecutor executor;
    private final Environment environment = Environment.system();
    private final io.partscope.ui.theme.ThemeController themes =
            io.partscope.ui.theme.ThemeController.standard(environment);
    private final SessionPasswords sessionPasswords = new SessionPasswords();
    private DemoDatabase demo;

    private MainWindow(Stage stage, MainViewModel viewModel, TaskExecutor executor) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.executor = executor;

        tabs.setId(TABS_ID);
        tabs.getStyleClass().add(Styles.CONNECTION_TABS);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.setTabDragPolicy(TabPane.TabDragPolicy.REORDER);
        viewModel.sessions().addListener((ListChangeListener<ConnectionSession>) change -> syncTabs());
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (!selecting && tab != null) {
                viewModel.currentSessionProperty().set((ConnectionSession) tab.getUserData());
            }
        });
        viewModel.currentSessionProperty().addListener((obs, old, session) -> {
            Tab tab = session == null ? null : tabOf.get(session);
            if (tab != null && tabs.getSelectionModel().getSelectedItem() != tab) {
                tabs.getSelectionModel().select(tab);
            }
            showNavigator.setSelected(currentView() == null || currentView().isNavigatorShown());
        });

        Label empty = new Label("No connection open.  File › New connection tab (Ctrl+T), or Connections… "
                + "(Ctrl+Shift+O)");
        empty.getStyleClass().add(Styles.PLACEHOLDER);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.sessions()));
        StackPane centre = new StackPane(empty, tabs);
        tabs.visibleProperty().bind(empty.visibleProperty().not());

        MenuBar menus = menuBar();
        BorderPane root = new BorderPane(centre, menus, null, null, null);
        root.getStyleClass().add("main-window");
        // Most of the screen: the member table has many columns, and numbers cut short mislead.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.max(1024, Math.min(1800, screen.getWidth() * 0.94)),
                Math.max(700, Math.min(1100, screen.getHeight() * 0.92)));
        themes.install(scene);
        // The menus' shortcuts win over the focused control (a text field, the tab pane's own Ctrl+Tab, a table).
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            for (Menu menu : menus.getMenus()) {
                for (MenuItem item : menu.getItems()) {
                    if (item.getAccelerator() != null && item.getAccelerator().match(event) && !item.isDisable()) {
                        event.consume();
                        if (item instanceof CheckMenuItem check) {
                            check.setSelected(!check.isSelected());
                        }
                        item.fire();
                        return;
                    }
                }
            }
        });

        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.getIcons().setAll(Icons.windowIcons());
        stage.setMinWidth(800);
        stage.setMinHeight(500);

        newTab();
        stage.setOnShown(event -> focusUrl());
    }

    private MenuBar menuBar() {
        MenuItem newTab = item("_New connection tab", "Shortcut+T", this::newTab);
        newTab.setId("newTabMenuItem");
        MenuItem connections = item("_Connections…", "Shortcut+Shift+O", this::openConnectionManager);
        MenuItem demoItem = item("Open _demo database", null, this::startDemo);
        MenuItem close = item("_Close tab", "Shortcut+W", this::closeCurrentTab);
        close.setId("closeTabMenuItem");
        close.disableProperty().bind(viewModel.currentSessionProperty().isNull());
        MenuItem quit = item("_Quit", "Shortcut+Q", stage::close);
        Menu file = new Menu("_File", null, newTab, connections, demoItem, new SeparatorMenuItem(), close,
                new SeparatorMenuItem(), quit);

        MenuItem refresh = item("_Refresh", "F5", () -> withSession(ConnectionSession::refresh));
        MenuItem filter = item("_Filter sets", "Shortcut+F", () -> withView(v -> v.navigator().focusFilter()));
        MenuItem url = item("Focus _URL field", "Shortcut+L", this::focusUrl);
        MenuItem navigator = item("Focus na_vigator", "Shortcut+1", () -> withView(v -> {
            v.setNavigatorShown(true);
            showNavigator.setSelected(true);
            v.navigator().focusTree();
        }));
        MenuItem sets = item("Partition _sets", "Shortcut+2", () -> withView(ConnectionSessionView::showBrowser));
        MenuItem explain = item("_EXPLAIN", "Shortcut+E", () -> withView(ConnectionSessionView::explainSelectedSet));
        explain.setId(EXPLAIN_MENU_ITEM_ID);
        showNavigator.setSelected(true);
        showNavigator.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+N"));
        showNavigator.setOnAction(event -> withView(v -> v.setNavigatorShown(showNavigator.isSelected())));
        MenuItem next = item("Ne_xt tab", "Ctrl+Tab", () -> viewModel.selectNeighbour(1));
        MenuItem previous = item("_Previous tab", "Ctrl+Shift+Tab", () -> viewModel.selectNeighbour(-1));
        darkTheme.setId(DARK_THEME_MENU_ITEM_ID);
        darkTheme.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        // Switches every styled scene and dialog at once and saves the choice (settings.json).
        darkTheme.selectedProperty().bindBidirectional(themes.darkProperty());
        Menu view = new Menu("_View", null, refresh, new SeparatorMenuItem(), filter, url, navigator, showNavigator,
                new SeparatorMenuItem(), sets, explain, new SeparatorMenuItem(), next, previous, new SeparatorMenuItem(), darkTheme);

        // Operations on the selected set; disabled with the reason for a read-only profile or no selection.
        MenuItem create = item("_Create partitions…", "Shortcut+Shift+P",
                () -> io.partscope.ui.ops.OperationActions.openCreate(viewModel.currentSession(), stage));
        create.setId("createPartitionsMainMenuItem");
        MenuItem freeze = item("_Freeze…", "Shortcut+Shift+Z",
                () -> io.partscope.ui.ops.OperationActions.openFreeze(viewModel.currentSession(), stage));
        freeze.setId("freezeMainMenuItem");
        MenuItem split = item("_Split DEFAULT…", "Shortcut+Shift+S",
                () -> io.partscope.ui.ops.OperationActions.openSplitDefault(viewModel.currentSession(), stage));
        split.setId("splitDefaultMainMenuItem");
        MenuItem why = new MenuItem();
        why.setDisable(true);
        java.util.function.Consumer<ConnectionSession> follow = session -> {
            javafx.beans.binding.StringBinding reason = session == null
                    ? javafx.beans.binding.Bindings.createStringBinding(() -> "No connection tab")
                    : io.partscope.ui.ops.OperationActions.disabledReason(session);
            why.textProperty().bind(reason);
            why.visibleProperty().bind(reason.isNotEmpty());
            create.disableProperty().bind(reason.isNotEmpty());
            freeze.disableProperty().bind(reason.isNotEmpty());
            split.disableProperty().bind(reason.isNotEmpty());
        };
        follow.accept(viewModel.currentSession());
        viewModel.currentSessionProperty().addListener((obs, old, session) -> follow.accept(session));
        Menu operations = new Menu("_Partition set", null, create, freeze, split, why);
        operations.setId("partitionSetMenu");

        MenuItem keys = item("_Keyboard shortcuts", "F1", this::showShortcuts);
        MenuItem about = item("_About Partscope", null, this::showAbout);
        Menu help = new Menu("_Help", null, keys, about);

        MenuBar bar = new MenuBar(file, view, operations, help);
        bar.setId(MENU_BAR_ID);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(event -> action.run());
        return item;
    }

    /** Adds and removes tabs as sessions open and close; the model is the source of truth. */
    private void syncTabs() {
        selecting = true;
        try {
            List<ConnectionSession> open = viewModel.sessions();
            tabOf.keySet().removeIf(session -> {
                if (!open.contains(session)) {
                    tabs.getTabs().remove(tabOf.get(session));
                    return true;
                }
                return false;
            });
            for (ConnectionSession session : open) {
                if (!tabOf.containsKey(session)) {
                    Tab tab = tabFor(session);
                    tabOf.put(session, tab);
                    tabs.getTabs().add(tab);
                }
            }
        } finally {
            selecting = false;
        }
        ConnectionSession current = viewModel.currentSession();
        if (current != null && tabOf.get(current) != null) {
            tabs.getSelectionModel().select(tabOf.get(current));
        }
    }

    private Tab tabFor(ConnectionSession session) {
        ConnectionSessionView view = new ConnectionSessionView(session, this::openConnectionManager);
        session.navigator().setOnOpenDatabase(name -> openDatabaseInNewTab(session, name));

        Region chip = new Region();
        chip.getStyleClass().add(Styles.TAB_CHIP);
        Label name = new Label();
        name.setId(TAB_NAME_ID);
        name.textProperty().bind(session.tabNameProperty());
        Label readOnly = new Label("READ-ONLY");
        readOnly.getStyleClass().addAll(Styles.BADGE, Styles.BADGE_PROBLEM, Styles.TAB_READ_ONLY);
        HBox header = new HBox(6, chip, name, readOnly);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Tab tab = new Tab();
        tab.setGraphic(header);
        tab.setContent(view);
        tab.setUserData(session);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String full = session.connection().connectionNameProperty().get();
            return full.isEmpty() ? "Not connected" : full;
        }, session.connection().connectionNameProperty()));
        tab.setTooltip(tip);
        Runnable showOrigin = () -> {
            ConnectionViewModel.Origin from = session.connection().originProperty().get();
            chip.setVisible(from != null);
            chip.setManaged(from != null);
            if (from != null) {
                // A user-chosen colour cannot be a style class: the one inline fill (as in the connection bar).
                chip.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                        javafx.scene.paint.Color.web(from.colour()), new javafx.scene.layout.CornerRadii(2),
                        Insets.EMPTY)));
            }
            readOnly.setVisible(from != null && from.readOnly());
            readOnly.setManaged(readOnly.isVisible());
        };
        session.connection().originProperty().addListener((obs, old, from) -> showOrigin.run());
        showOrigin.run();
        tab.setOnCloseRequest(event -> {
            event.consume();
            viewModel.closeSession(session);
        });
        return tab;
    }

    /** Opens an empty connection tab with the caret in its URL field. */
    public ConnectionSession newTab() {
        ConnectionSession session = viewModel.newSession();
        javafx.application.Platform.runLater(this::focusUrl);
        return session;
    }

    /** Closes the selected tab: its work is cancelled and its pool closed. */
    public void closeCurrentTab() {
        ConnectionSession s = viewModel.currentSession();
        if (s != null) {
            viewModel.closeSession(s);
        }
    }

    /**
     * Opens another database of the session's cluster in a new tab, with the session's settings (password
     * included) and its profile's colour and read-only mark.
     */
    void openDatabaseInNewTab(ConnectionSession from, String database) {
        Database db = from.connection().database();
        if (db == null) {
            return;
        }
        ConnectionSettings settings = db.settings().withDatabase(database);
        ConnectionViewModel.Origin origin = from.connection().originProperty().get();
        ConnectionViewModel.Origin newOrigin = origin == null ? null
                : new ConnectionViewModel.Origin(origin.name() + " · " + database, origin.colour(), origin.readOnly());
        ConnectionSession session = viewModel.newSession();
        session.connection().connectWith(settings, newOrigin);
    }

    private void focusUrl() {
        withView(ConnectionSessionView::focusUrl);
    }

    private void withSession(java.util.function.Consumer<ConnectionSession> action) {
        ConnectionSession s = viewModel.currentSession();
        if (s != null) {
            action.accept(s);
        }
    }

    private void withView(java.util.function.Consumer<ConnectionSessionView> action) {
        ConnectionSessionView v = currentView();
        if (v != null) {
            action.accept(v);
        }
    }

    /** The selected tab's view; null when no tab is open. */
    public ConnectionSessionView currentView() {
        return viewOf(viewModel.currentSession());
    }

    /** The view of a session's tab; null when it has none (closed). */
    public ConnectionSessionView viewOf(ConnectionSession session) {
        Tab tab = session == null ? null : tabOf.get(session);
        return tab == null ? null : (ConnectionSessionView) tab.getContent();
    }

    private void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(6);
        int row = 0;
        for (String[] shortcut : SHORTCUTS) {
            Label keys = new Label(shortcut[0].replace("Shortcut", isMac() ? "Cmd" : "Ctrl"));
            keys.getStyleClass().add(Styles.CODE);
            grid.addRow(row++, keys, new Label(shortcut[1]));
        }
        Alert alert = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
        io.partscope.ui.theme.Themes.style(alert.getDialogPane());
        alert.show();
    }

    private static boolean isMac() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
    }

    private void showAbout() {
        String version = MainWindow.class.getPackage().getImplementationVersion();
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "A desktop and command-line tool for PostgreSQL "
                + "partitioned tables.\n\nJava " + System.getProperty("java.version") + " · JavaFX "
                + System.getProperty("javafx.runtime.version", "?"), ButtonType.CLOSE);
        alert.initOwner(stage);
        alert.setTitle("About Partscope");
        alert.setHeaderText("Partscope " + (version == null ? "dev" : version));
        io.partscope.ui.theme.Themes.style(alert.getDialogPane());
        alert.show();
    }

    /** The saved connections (profiles) of this user. */
    public ProfileStore profileStore() {
        return ProfileStore.standard(environment);
    }

    /**
     * Opens the connection manager; connects to the chosen profile (in the selected tab if it has never connected,
     * else in a new tab), or starts the demo. On a first start (no saved profile) the manager offers the demo.
     */
    public void openConnectionManager() {
        ConnectionManagerDialog.open(stage, profileStore(), environment, executor, sessionPasswords)
                .ifPresent(choice -> {
                    if (choice instanceof ConnectionChoice.Profile p) {
                        try {
                            ConnectionSettings settings = p.profile().toSettings(environment, p.sessionPassword());
                            viewModel.sessionForNewConnection().connection().connectWith(settings,
                                    new ConnectionViewModel.Origin(p.profile().name(), p.profile().colour(),
                                            p.profile().readOnly()));
                        } catch (PartscopeException e) {
                            ErrorDialog.show(stage, "Connect", e);
                        }
                    } else if (choice instanceof ConnectionChoice.Demo) {
                        startDemo();
                    }
                });
    }

    /**
     * Starts the embedded demo database off the FX thread (the first start loads it), then connects to it in the
     * selected tab if it has never connected, else in a new tab. The server stops with the window
     * ({@link #closeDemo()}).
     */
    public void startDemo() {
        startDemo(DemoDatabase.defaultBaseDirectory(environment));
    }

    /** {@link #startDemo()} with the demo's data in this folder (tests keep one per PostgreSQL major). */
    public void startDemo(java.nio.file.Path baseDirectory) {
        if (demo == null) {
            demo = new DemoDatabase(baseDirectory);
        }
        DemoDatabase server = demo;
        ConnectionSession session = viewModel.sessionForNewConnection();
        BackgroundTask<ConnectionSettings> task = BackgroundTask.of("start demo", cancellation -> {
            server.start(false, step -> LOG.info("demo: {}", step));
            return server.connectionSettings();
        }).onSuccess(settings -> {
            if (!session.isClosed()) {
                session.connection().connectWith(settings);
            }
        }).onFailure(failure -> ErrorDialog.show(stage, "Open the demo database", failure));
        session.activity().run("Starting the demo database (first start: about 20 s)…", task);
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
        MainViewModel vm = new MainViewModel(executor, opener, catalog, NavigatorViewModel.DatabaseSource.standard(),
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

    /** The selected tab's partition-set browser; null when no tab is open. */
    public io.partscope.ui.browser.PartitionSetBrowser browser() {
        ConnectionSessionView v = currentView();
        return v == null ? null : v.browser();
    }

    public TabPane tabs() {
        return tabs;
    }

    /** View › Dark theme (bound to the theme controller: selecting it switches and saves the theme). */
    public CheckMenuItem darkThemeMenuItem() {
        return darkTheme;
    }
}
