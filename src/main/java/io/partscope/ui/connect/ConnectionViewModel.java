package io.partscope.ui.connect;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.ServerInfo;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the connection bar: the URL being typed, whether Connect may be pressed, and the database the window is
 * connected to. Opening happens off the FX thread through the shared {@link Activity}; a failure goes to the error
 * reporter and leaves the previous connection (if any) in place.
 */
public final class ConnectionViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionViewModel.class);

    private final Activity activity;
    private final DatabaseOpener opener;
    private final BiConsumer<String, Throwable> errors;

    private final StringProperty url = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Database> database = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connectionName = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Origin> origin = new ReadOnlyObjectWrapper<>();

    /**
     * Where a connection came from when it is a saved profile: its name, its colour ({@code #rrggbb}) and whether
     * it is marked "production: read-only". Null for a typed URL.
     */
    public record Origin(String name, String colour, boolean readOnly) {
    }
    private final BooleanBinding connectDisabled;

    /**
     * @param errors receives (action, failure) for failures the user must see
     */
    public ConnectionViewModel(Activity activity, DatabaseOpener opener, BiConsumer<String, Throwable> errors) {
        this.activity = activity;
        this.opener = opener;
        this.errors = errors;
        this.connectDisabled = Bindings.createBooleanBinding(
                () -> url.get() == null || url.get().isBlank() || activity.isBusy(), url, activity.busyProperty());
    }

    /** Opens the URL in the field; on success it replaces (and closes) the current connection. */
    public void connect() {
        if (connectDisabled.get()) {
            return;
        }
        String target = url.get().strip();
        open(cancellation -> opener.open(target, cancellation));
    }

    /**
     * Connects with settings already resolved (a saved profile, the demo). The URL field shows where, never the
     * password.
     */
    public void connectWith(ConnectionSettings settings) {
        connectWith(settings, null);
    }

    /** As {@link #connectWith(ConnectionSettings)}, for a saved profile: the window shows its name and colour. */
    public void connectWith(ConnectionSettings settings, Origin from) {
        url.set(settings.displayUrl());
        open(cancellation -> Database.open(settings, io.partscope.core.db.DatabaseOptions.INTERACTIVE), from);
    }

    private void open(io.partscope.ui.task.BackgroundWork<Database> how) {
        open(how, null);
    }

    private void open(io.partscope.ui.task.BackgroundWork<Database> how, Origin from) {
        BackgroundTask<Database> task = BackgroundTask.of("connect", cancellation -> {
            Database opened = how.run(cancellation);
            if (cancellation.isCancelled()) {
                opened.close();
                cancellation.throwIfCancelled();
            }
            return opened;
        }).onSuccess(opened -> connected(opened, from)).onFailure(failure -> errors.accept("Connect", failure));
        activity.run("Connecting…", task);
    }

    private void connected(Database opened, Origin from) {
        Database previous = database.get();
        origin.set(from);
        connectionName.set(from == null ? nameOf(opened) : from.name() + " (" + nameOf(opened) + ")");
        database.set(opened);
        LOG.info("connected to {}", opened.settings().displayUrl());
        if (previous != null) {
            closeInBackground(previous);
        }
    }

    /** Closes the current connection (pool shutdown waits on the network, so not on the FX thread). */
    public void disconnect() {
        Database previous = database.get();
        if (previous != null) {
            database.set(null);
            connectionName.set("");
            origin.set(null);
            closeInBackground(previous);
        }
    }

    private void closeInBackground(Database db) {
        activity.runInBackground(BackgroundTask.of("close connection", cancellation -> {
            db.close();
            return null;
        }).onFailure(failure -> LOG.warn("closing {} failed", db.settings().displayUrl(), failure)));
    }

    /** {@code user@host:port/database}, as the title bar shows it. */
    public static String nameOf(Database db) {
        ConnectionSettings s = db.settings();
        ServerInfo server = db.server();
        String user = server != null && server.user() != null ? server.user() : s.user();
        String host = s.host().contains(":") ? "[" + s.host() + "]" : s.host();
        return user + "@" + host + ":" + s.port() + "/" + s.database();
    }

    /** The saved profile of the open connection; null for a typed URL or when not connected. */
    public ReadOnlyObjectProperty<Origin> originProperty() {
        return origin.getReadOnlyProperty();
    }

    public StringProperty urlProperty() {
        return url;
    }

    public BooleanBinding connectDisabledProperty() {
        return connectDisabled;
    }

    public ReadOnlyObjectProperty<Database> databaseProperty() {
        return database.getReadOnlyProperty();
    }

    public Database database() {
        return database.get();
    }

    /** {@code user@host:port/database} of the open connection; empty when not connected. */
    public ReadOnlyStringProperty connectionNameProperty() {
        return connectionName.getReadOnlyProperty();
    }
}
