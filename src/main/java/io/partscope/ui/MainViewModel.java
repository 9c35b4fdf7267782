package io.partscope.ui;

import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.connect.ConnectionViewModel;
import io.partscope.ui.connect.DatabaseOpener;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.TaskExecutor;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * The window's state: one {@link Activity} shared by the features, the connection, and the browser that follows
 * it. Connecting successfully makes the browser read the new database.
 */
public final class MainViewModel {
    public static final String APP_TITLE = "Partscope";

    private final Activity activity;
    private final ConnectionViewModel connection;
    private final BrowserViewModel browser;
    private final StringBinding title;

    /**
     * @param errors receives (action, failure) for every failure the user must see
     */
    public MainViewModel(TaskExecutor executor, DatabaseOpener opener, BrowserViewModel.CatalogSource catalog,
            BiConsumer<String, Throwable> errors) {
        this.activity = new Activity(executor);
        this.connection = new ConnectionViewModel(activity, opener, errors);
        this.browser = new BrowserViewModel(activity, catalog, errors);
        connection.databaseProperty().addListener((obs, old, db) -> browser.show(db));
        this.title = Bindings.createStringBinding(() -> connection.connectionNameProperty().get().isEmpty()
                ? APP_TITLE : APP_TITLE + " — " + connection.connectionNameProperty().get(),
                connection.connectionNameProperty());
    }

    /** Puts the URL in the field and connects, as if the user had typed it (for --url and the demo). */
    public void connectTo(String url) {
        connection.urlProperty().set(url);
        connection.connect();
    }

    /** Stops running work and closes the connection; for window close. */
    public void shutdown() {
        activity.cancelAll();
        connection.disconnect();
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

    /** "Partscope", or "Partscope — user@host:port/db" when connected. */
    public StringBinding titleProperty() {
        return title;
    }
}
