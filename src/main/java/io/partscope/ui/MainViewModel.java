package io.partscope.ui;

import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.connect.DatabaseOpener;
import io.partscope.ui.navigator.NavigatorViewModel;
import io.partscope.ui.session.ConnectionSession;
import io.partscope.ui.task.TaskExecutor;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state: the open connection sessions (one per tab) and the selected one. Each session has its own
 * connection, browser, navigator and progress; the title follows the selected session.
 */
public final class MainViewModel {
    public static final String APP_TITLE = "Partscope";

    private final TaskExecutor executor;
    private final DatabaseOpener opener;
    private final BrowserViewModel.CatalogSource catalog;
    private final NavigatorViewModel.DatabaseSource databases;
    private final BiConsumer<String, Throwable> errors;

    private final ObservableList<ConnectionSession> sessions = FXCollections.observableArrayList();
    /** One wrapper for everyone: a wrapper listens to the list weakly, so a new one per call could lose listeners. */
    private final ObservableList<ConnectionSession> readOnlySessions =
            FXCollections.unmodifiableObservableList(sessions);
    private final ObjectProperty<ConnectionSession> current = new SimpleObjectProperty<>();
    private final StringBinding title;

    /**
     * @param errors receives (action, failure) for every failure the user must see
     */
    public MainViewModel(TaskExecutor executor, DatabaseOpener opener, BrowserViewModel.CatalogSource catalog,
            NavigatorViewModel.DatabaseSource databases, BiConsumer<String, Throwable> errors) {
        this.executor = executor;
        this.opener = opener;
        this.catalog = catalog;
        this.databases = databases;
        this.errors = errors;
        this.title = Bindings.createStringBinding(() -> {
            ConnectionSession s = current.get();
            String name = s == null ? "" : s.connection().connectionNameProperty().get();
            return name.isEmpty() ? APP_TITLE : APP_TITLE + " — " + name;
        }, current);
        javafx.beans.value.ChangeListener<String> nameChanged = (obs, old, name) -> title.invalidate();
        current.addListener((obs, old, now) -> {
            if (old != null) {
                old.connection().connectionNameProperty().removeListener(nameChanged);
            }
            if (now != null) {
                now.connection().connectionNameProperty().addListener(nameChanged);
            }
        });
    }

    /** Opens a new, unconnected session and selects it. */
    public ConnectionSession newSession() {
        ConnectionSession session = new ConnectionSession(executor, opener, catalog, databases, errors);
        sessions.add(session);
        current.set(session);
        return session;
    }

    /** The selected session when it has never connected (and is not connecting), else a new one. */
    public ConnectionSession sessionForNewConnection() {
        ConnectionSession s = current.get();
        return s != null && s.isUnused() ? s : newSession();
    }

    /** Closes the session (cancels its work, closes its pool) and selects a neighbour. */
    public void closeSession(ConnectionSession session) {
        int index = sessions.indexOf(session);
        if (index < 0) {
            return;
        }
        session.close();
        sessions.remove(index);
        if (current.get() == session) {
            current.set(sessions.isEmpty() ? null : sessions.get(Math.min(index, sessions.size() - 1)));
        }
    }

    /** Selects the next (+1) or previous (-1) session, wrapping around. */
    public void selectNeighbour(int step) {
        if (sessions.isEmpty()) {
            return;
        }
        int index = Math.max(0, sessions.indexOf(current.get()));
        current.set(sessions.get(Math.floorMod(index + step, sessions.size())));
    }

    /** Connects to the URL (for --url): in the selected tab if unused, else in a new one. */
    public void connectTo(String url) {
        sessionForNewConnection().connectTo(url);
    }

    /** Closes every session; for window close. */
    public void shutdown() {
        for (ConnectionSession s : List.copyOf(sessions)) {
            s.close();
        }
    }

    public ObservableList<ConnectionSession> sessions() {
        return readOnlySessions;
    }

    /** The selected session (the selected tab); null when every tab is closed. */
    public ObjectProperty<ConnectionSession> currentSessionProperty() {
        return current;
    }

    public ConnectionSession currentSession() {
        return current.get();
    }

    /** "Partscope", or "Partscope — name" of the selected tab's connection. */
    public StringBinding titleProperty() {
        return title;
    }
}
