package io.partscope.ui.profiles;

import io.partscope.core.db.Environment;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.PrivilegeReport;
import io.partscope.core.profile.ProfileStore;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the connection manager: the saved profiles, the add/edit form and its validation, the imports, "Test
 * connection" (off the FX thread, through the {@link TaskExecutor}) and the user's final choice. Holds no
 * {@code Node}; use from the FX thread only. Store reads and writes are a few kilobytes of local JSON and run
 * inline; database work never does.
 */
public final class ConnectionManagerViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManagerViewModel.class);

    private final ProfileStore store;
    private final Environment environment;
    private final ProfileTester tester;
    private final SessionPasswords passwords;
    private final BiConsumer<String, Throwable> errors;
    private final Activity activity;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    /** The id of the saved profile the form edits; null for a new one. */
    private final ReadOnlyObjectWrapper<String> editingId = new ReadOnlyObjectWrapper<>();

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty database = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final ObjectProperty<String> sslMode = new SimpleObjectProperty<>(ConnectionProfile.DEFAULT_SSL_MODE);
    private final StringProperty options = new SimpleStringProperty("");
    private final StringProperty colour = new SimpleStringProperty(ConnectionProfile.DEFAULT_COLOUR);
    private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    /** The pg_service.conf entry an imported profile came from; not edited in the form, carried along. */
    private final StringProperty service = new SimpleStringProperty(null);
    private final StringProperty password = new SimpleStringProperty("");

    private final StringProperty importUri = new SimpleStringProperty("");
    private final StringProperty importService = new SimpleStringProperty("");

    private final ReadOnlyObjectWrapper<PrivilegeReport> testReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionChoice> choice = new ReadOnlyObjectWrapper<>();

    private final StringBinding validationMessage;
    private final BooleanBinding valid;
    private final BooleanBinding saveDisabled;
    private final BooleanBinding empty;

    /**
     * @param store       where profiles are saved
     * @param environment for {@code ~/.pgpass}, the service files and the import
     * @param executor    runs "Test connection" off the FX thread
     * @param tester      the connection test ({@link ProfileTester#standard()} in the app)
     * @param passwords   the session's typed passwords, shared across openings of the dialog
     * @param errors      receives (action, failure) for failures the user must see
     */
    public ConnectionManagerViewModel(ProfileStore store, Environment environment, TaskExecutor executor,
            ProfileTester tester, SessionPasswords passwords, BiConsumer<String, Throwable> errors) {
        this.store = store;
        this.environment = environment;
        this.tester = tester;
        this.passwords = passwords;
        this.errors = errors;
        this.activity = new Activity(executor);
        this.validationMessage = Bindings.createStringBinding(this::validate, name, host, port, database, user,
                sslMode, colour, editingId, profiles);
        this.valid = validationMessage.isEmpty();
        this.saveDisabled = valid.not().or(activity.busyProperty());
        this.empty = Bindings.isEmpty(profiles);
        // A report describes the connection it was made for; once the form changes it may no longer be true.
        for (var p : List.of(host, port, database, user, sslMode, options, password)) {
            p.addListener((obs, old, now) -> testReport.set(null));
        }
        newProfile();
    }

    /** Reads the saved profiles; a file that cannot be read is reported (and kept as .bak by the store). */
    public void load() {
        try {
            profiles.setAll(store.load());
        } catch (PartscopeException e) {
            LOG.warn("could not read the saved connections: {}", e.getMessage());
            LOG.debug("reading the saved connections failed", e);
            errors.accept("Read saved connections", e);
        }
    }

    // ------------------------------------------------------------------ the form

    /** Clears the form for a new profile. */
    public void newProfile() {
        editingId.set(null);
        name.set("");
        host.set("localhost");
        port.set(Integer.toString(ConnectionProfile.DEFAULT_PORT));
        database.set("");
        user.set("");
        sslMode.set(ConnectionProfile.DEFAULT_SSL_MODE);
        options.set("");
        colour.set(ConnectionProfile.DEFAULT_COLOUR);
        readOnly.set(false);
        service.set(null);
        password.set("");
        testReport.set(null);
    }

    /** Puts a saved profile in the form (null: a new one). */
    public void edit(ConnectionProfile profile) {
        if (profile == null) {
            newProfile();
            return;
        }
        fill(profile);
        editingId.set(profile.id());
        password.set(passwords.get(profile.id()).orElse(""));
        testReport.set(null);
    }

    private void fill(ConnectionProfile p) {
        name.set(p.name());
        host.set(p.host());
        port.set(Integer.toString(p.port()));
        database.set(p.database());
        user.set(p.user());
        sslMode.set(p.sslMode());
        options.set(p.options() == null ? "" : p.options());
        colour.set(p.colour());
        readOnly.set(p.readOnly());
        service.set(p.service());
    }

    /** The first thing wrong with the form, or "" when it may be saved. */
    private String validate() {
        String n = strip(name.get());
        if (n.isEmpty()) {
            return "Give the connection a name.";
        }
        String lower = n.toLowerCase(Locale.ROOT);
        for (ConnectionProfile p : profiles) {
            if (!p.id().equals(editingId.get()) && p.name().strip().toLowerCase(Locale.ROOT).equals(lower)) {
                return "A connection named \"" + n + "\" already exists.";
            }
        }
        if (strip(host.get()).isEmpty()) {
            return "Enter the host (a name, an address, or a socket directory).";
        }
        if (parsePort(port.get()) == null) {
            return "The port must be a number from 1 to 65535.";
        }
        if (strip(database.get()).isEmpty()) {
            return "Enter the database name.";
        }
        if (strip(user.get()).isEmpty()) {
            return "Enter the user name.";
        }
        if (!ConnectionProfile.SSL_MODES.contains(sslMode.get())) {
            return "Choose an SSL mode.";
        }
        if (!ConnectionProfile.isColour(colour.get())) {
            return "Choose a colour.";
        }
        return "";
    }

    private static Integer parsePort(String text) {
        try {
            int p = Integer.parseInt(strip(text));
            return p >= 1 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** The form as a profile (keeping the edited profile's id), or empty while it is invalid. */
    public Optional<ConnectionProfile> formProfile() {
        if (!valid.get()) {
            return Optional.empty();
        }
        String id = editingId.get() != null ? editingId.get() : ConnectionProfile.newId();
        return Optional.of(new ConnectionProfile(id, strip(name.get()), strip(host.get()), parsePort(port.get()),
                strip(database.get()), strip(user.get()), sslMode.get(), strip(options.get()), colour.get(),
                readOnly.get(), service.get()));
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves the form: adds a new profile or replaces the edited one, and writes the store. On failure the list is
     * as before and the error reaches the user.
     *
     * @return the saved profile, or empty when the form is invalid or the write failed
     */
    public Optional<ConnectionProfile> save() {
        Optional<ConnectionProfile> form = formProfile();
        if (form.isEmpty() || activity.isBusy()) {
            return Optional.empty();
        }
        ConnectionProfile profile = form.get();
        List<ConnectionProfile> updated = new ArrayList<>(profiles);
        int at = indexOf(updated, profile.id());
        if (at >= 0) {
            updated.set(at, profile);
        } else {
            updated.add(profile);
        }
        if (!write(updated)) {
            return Optional.empty();
        }
        editingId.set(profile.id());
        passwords.put(profile.id(), password.get());
        return Optional.of(profile);
    }

    /** Deletes the profile being edited (and its session password); the form then starts a new one. */
    public void delete() {
        String id = editingId.get();
        if (id == null) {
            return;
        }
        List<ConnectionProfile> updated = new ArrayList<>(profiles);
        updated.removeIf(p -> p.id().equals(id));
        if (write(updated)) {
            passwords.forget(id);
            newProfile();
        }
    }

    private boolean write(List<ConnectionProfile> updated) {
        try {
            store.save(updated);
        } catch (PartscopeException e) {
            errors.accept("Save connections", e);
            return false;
        }
        profiles.setAll(updated);
        return true;
    }

    private static int indexOf(List<ConnectionProfile> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ imports

    /** Fills the form (as a new profile) from the URI field; a password in it goes to the password field only. */
    public void importFromUri() {
        String uri = strip(importUri.get());
        try {
            imported(ConnectionProfile.fromUri(uri, environment));
            importUri.set("");
        } catch (PartscopeException e) {
            errors.accept("Import from URI", e);
        }
    }

    /** Fills the form (as a new profile) from a pg_service.conf entry. */
    public void importFromService() {
        try {
            imported(ConnectionProfile.fromService(strip(importService.get()), environment));
            importService.set("");
        } catch (PartscopeException e) {
            errors.accept("Import from service", e);
        }
    }

    private void imported(ConnectionProfile.ImportedProfile imported) {
        newProfile();
        ConnectionProfile p = imported.profile();
        fill(p.withName(uniqueName(p.name())));
        password.set(imported.hasPassword() ? imported.password() : "");
    }

    /** The name, or "name (2)", "name (3)"... when taken. */
    private String uniqueName(String wanted) {
        String candidate = wanted;
        for (int n = 2; isTaken(candidate); n++) {
            candidate = wanted + " (" + n + ")";
        }
        return candidate;
    }

    private boolean isTaken(String candidate) {
        String lower = candidate.strip().toLowerCase(Locale.ROOT);
        return profiles.stream().anyMatch(p -> p.name().strip().toLowerCase(Locale.ROOT).equals(lower));
    }

    // ------------------------------------------------------------------ test connection

    /** Connects with the form's values off the FX thread; the report or the error comes back on the FX thread. */
    public void testConnection() {
        Optional<ConnectionProfile> form = formProfile();
        if (form.isEmpty() || activity.isBusy()) {
            return;
        }
        ConnectionProfile profile = form.get();
        String typed = password.get();
        testReport.set(null);
        BackgroundTask<PrivilegeReport> task = BackgroundTask.<PrivilegeReport>of("test connection", cancellation ->
                // toSettings reads ~/.pgpass and the service file: off the FX thread as well.
                tester.test(profile.toSettings(environment, typed), cancellation))
                .onSuccess(testReport::set)
                .onFailure(failure -> errors.accept("Test connection", failure));
        activity.run("Testing " + profile.displayUrl() + "…", task);
    }

    /** Stops a running test. */
    public void cancelTest() {
        activity.cancelAll();
    }

    // ------------------------------------------------------------------ the outcome

    /**
     * Saves the form if it changed (or is new), remembers the typed password for the session, and makes the
     * profile the dialog's result.
     *
     * @return the choice, or empty when the form is invalid or could not be saved
     */
    public Optional<ConnectionChoice> connect() {
        Optional<ConnectionProfile> form = formProfile();
        if (form.isEmpty()) {
            return Optional.empty();
        }
        ConnectionProfile profile = form.get();
        int at = indexOf(profiles, profile.id());
        if (at < 0 || !profiles.get(at).equals(profile)) {
            Optional<ConnectionProfile> saved = save();
            if (saved.isEmpty()) {
                return Optional.empty();
            }
            profile = saved.get();
        }
        passwords.put(profile.id(), password.get());
        ConnectionChoice.Profile chosen = new ConnectionChoice.Profile(profile, password.get());
        choice.set(chosen);
        return Optional.of(chosen);
    }

    /** Chooses the demo database. */
    public ConnectionChoice openDemo() {
        ConnectionChoice demo = new ConnectionChoice.Demo();
        choice.set(demo);
        return demo;
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    /** The id of the saved profile being edited; null for a new one. */
    public ReadOnlyObjectProperty<String> editingIdProperty() {
        return editingId.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty userProperty() {
        return user;
    }

    public ObjectProperty<String> sslModeProperty() {
        return sslMode;
    }

    public StringProperty optionsProperty() {
        return options;
    }

    /** {@code #rrggbb}. */
    public StringProperty colourProperty() {
        return colour;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** The service an imported profile came from, or null. */
    public StringProperty serviceProperty() {
        return service;
    }

    /** The session password; never saved. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty importUriProperty() {
        return importUri;
    }

    public StringProperty importServiceProperty() {
        return importService;
    }

    /** Why the form cannot be saved; empty when it can. */
    public StringBinding validationMessageProperty() {
        return validationMessage;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** Save, Test and Connect are disabled while the form is invalid or a test runs. */
    public BooleanBinding saveDisabledProperty() {
        return saveDisabled;
    }

    /** No profile saved: the dialog offers the demo database. */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    public Activity activity() {
        return activity;
    }

    /** The last successful test's report; null before a test, and again once the form changes. */
    public ReadOnlyObjectProperty<PrivilegeReport> testReportProperty() {
        return testReport.getReadOnlyProperty();
    }

    /** What the user chose; null until Connect or the demo button. */
    public ReadOnlyObjectProperty<ConnectionChoice> choiceProperty() {
        return choice.getReadOnlyProperty();
    }
}
