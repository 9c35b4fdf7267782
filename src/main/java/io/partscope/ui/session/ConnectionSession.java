package io.partscope.ui.session;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.connect.ConnectionViewModel;
import io.partscope.ui.connect.DatabaseOpener;
import io.partscope.ui.explain.ExplainViewModel;
import io.partscope.ui.navigator.NavigatorViewModel;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.TaskExecutor;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * One connection tab's state: its own {@link Activity} (progress and Cancel), the connection, the browser and the
 * navigator that follow it, and the EXPLAIN pane's model. Closing the session cancels its work and closes its pool; other tabs are untouched.
 */
public final class ConnectionSession {
    /** The tab's name before it is connected. */
    public static final String UNCONNECTED_NAME = "New connection";

    private final Activity activity;
    private final ConnectionViewModel connection;
    private final BrowserViewModel browser;
    private final NavigatorViewModel navigator;
    private final ExplainViewModel explain;
    private final InterruptedRunsNotice interrupted;
    private final StringBinding tabName;
    private boolean closed;

    public ConnectionSession(TaskExecutor executor, DatabaseOpener opener, BrowserViewModel.CatalogSource catalog,
            NavigatorViewModel.DatabaseSource databases, BiConsumer<String, Throwable> errors) {
        this.activity = new Activity(executor);
        this.connection = new ConnectionViewModel(activity, opener, errors);
        this.browser = new BrowserViewModel(activity, catalog, errors);
        this.navigator = new NavigatorViewModel(activity, browser, databases, errors);
        // EXPLAIN runs on a session of its own from the tab's current database (another connect replaces it).
        this.explain = new ExplainViewModel(activity, connection::database, errors);
        this.interrupted = new InterruptedRunsNotice(activity, InterruptedRunsNotice.Source.of(
                io.partscope.core.ops.Journal.standard(io.partscope.core.db.Environment.system())), errors);
        explain.setReadOnlyProfile(() -> connection.originProperty().get() != null
                && connection.originProperty().get().readOnly());
        connection.databaseProperty().addListener((obs, old, db) -> {
            if (closed && db != null) {
                // A connect that finished just as the tab closed: do not keep its pool.
                connection.disconnect();
                return;
            }
            browser.show(db);
            navigator.show(db);
            interrupted.check(db);
        });
        this.tabName = Bindings.createStringBinding(() -> tabNameOf(connection.database(),
                connection.originProperty().get()), connection.databaseProperty(), connection.originProperty());
    }

    /** The profile's name, or user@host/database; {@link #UNCONNECTED_NAME} when not connected. */
    static String tabNameOf(Database db, ConnectionViewModel.Origin origin) {
        if (db == null) {
            return UNCONNECTED_NAME;
        }
        ConnectionSettings s = db.settings();
        if (origin != null) {
            return origin.name();
        }
        String user = db.server() != null && db.server().user() != null ? db.server().user() : s.user();
        return user + "@" + s.host() + "/" + s.database();
    }

    /** Puts the URL in the field and connects, as if the user had typed it. */
    public void connectTo(String url) {
        connection.urlProperty().set(url);
        connection.connect();
    }

    /** Reads the catalog and the database list again. */
    public void refresh() {
        browser.refresh();
        navigator.refreshDatabases();
    }

    /** True before the first successful connection and while nothing runs: a new connection may reuse the tab. */
    public boolean isUnused() {
        return connection.database() == null && !activity.isBusy();
    }

    /** Cancels running work, stops the auto-refresh and closes the pool (off the FX thread). */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        browser.autoRefreshProperty().set(java.time.Duration.ZERO);
        browser.stopMeasuringSizes();
        activity.cancelAll();
        connection.disconnect();
    }

    public boolean isClosed() {
        return closed;
    }

    public Activity activity() {
        return activity;
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public BrowserViewModel browser() {
        return browser;
    }

    public NavigatorViewModel navigator() {
        return navigator;
    }

    /** The EXPLAIN pane's state: query, setup toggles, history, the last result and the pinned one. */
    public ExplainViewModel explain() {
        return explain;
    }

    /** Operations the journal shows as interrupted on this tab's database, read when it connects. */
    public InterruptedRunsNotice interrupted() {
        return interrupted;
    }

    /** What the tab shows: the profile's name, or user@host/database. */
    public StringBinding tabNameProperty() {
        return tabName;
    }
}
