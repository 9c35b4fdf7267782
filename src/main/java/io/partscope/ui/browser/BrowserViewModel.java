package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the partition-set browser: the sets of the last catalog read, the filter, the selected set and its
 * members, and the status line. Reading runs off the FX thread through the shared {@link Activity}.
 */
public final class BrowserViewModel {

    /** Reads a database's catalog; the standard one is {@link CatalogReader}, tests may pass their own. */
    @FunctionalInterface
    public interface CatalogSource {
        CatalogSnapshot read(Database database, Cancellation cancellation) throws Exception;

        static CatalogSource standard() {
            return (database, cancellation) -> new CatalogReader(database).read(CatalogFilter.ALL, cancellation);
        }
    }

    /** A finished read: what was read and how long it took. */
    private record Read(CatalogSnapshot snapshot, long millis) {
    }

    private final Activity activity;
    private final CatalogSource source;
    private final BiConsumer<String, Throwable> errors;

    private final ObservableList<PartitionSetRow> sets = FXCollections.observableArrayList();
    private final FilteredList<PartitionSetRow> visibleSets = new FilteredList<>(sets, row -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<PartitionSetRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final FilteredList<MemberRow> visibleMembers = new FilteredList<>(members, row -> true);
    private final StringProperty memberFilter = new SimpleStringProperty("");
    private final BooleanProperty onlyProblems = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<CatalogSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper("");

    /** Choices of the auto-refresh box; {@link java.time.Duration#ZERO} is off. */
    public static final List<java.time.Duration> AUTO_REFRESH_CHOICES = List.of(java.time.Duration.ZERO,
            java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(5));

    private final ObjectProperty<java.time.Duration> autoRefresh = new SimpleObjectProperty<>(
            java.time.Duration.ZERO);
    private javafx.animation.Timeline autoRefreshTimer;

    private Database database;
    private long lastReadMillis;
    private TaskHandle reading = TaskHandle.NONE;
    private TaskHandle buildingMembers = TaskHandle.NONE;

    public BrowserViewModel(Activity activity, CatalogSource source, BiConsumer<String, Throwable> errors) {
        this.activity = activity;
        this.source = source;
        this.errors = errors;
        filter.addListener((obs, old, text) -> applyFilter());
        selected.addListener((obs, old, row) -> showMembers(row));
        visibleSets.addListener((ListChangeListener<PartitionSetRow>) change -> updateStatus());
        memberFilter.addListener((obs, old, text) -> applyMemberFilter());
        autoRefresh.addListener((obs, old, every) -> scheduleAutoRefresh(every));
        onlyProblems.addListener((obs, old, on) -> applyMemberFilter());
    }

    /** Shows the sets of this database (null: clears the browser). */
    public void show(Database db) {
        reading.cancel();
        this.database = db;
        sets.clear();
        snapshot.set(null);
        if (db == null) {
            server.set("");
            status.set("Not connected");
            return;
        }
        server.set("PostgreSQL " + db.server().version());
        refresh();
    }

    /**
     * Re-reads the catalog on a timer. A tick while a read is still running is skipped rather than restarting it,
     * so a slow catalog is never read in a loop that never finishes.
     */
    private void scheduleAutoRefresh(java.time.Duration every) {
        if (autoRefreshTimer != null) {
            autoRefreshTimer.stop();
            autoRefreshTimer = null;
        }
        if (every == null || every.isZero()) {
            return;
        }
        autoRefreshTimer = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(every.toMillis()), event -> {
                    if (reading.isDone()) {
                        refresh();
                    }
                }));
        autoRefreshTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        autoRefreshTimer.play();
    }

    /** How often to re-read the catalog; ZERO: never. */
    public ObjectProperty<java.time.Duration> autoRefreshProperty() {
        return autoRefresh;
    }

    /**
     * Lists the members of the selected set. Building the rows (problems, roll-ups) of a set with 100,000
     * partitions takes a noticeable time, so it runs off the FX thread; a newer selection wins.
     */
    private void showMembers(PartitionSetRow row) {
        buildingMembers.cancel();
        if (row == null) {
            members.clear();
            return;
        }
        buildingMembers = activity.runInBackground(BackgroundTask.<List<MemberRow>>of("list partitions",
                cancellation -> row.set().partitions().stream().map(MemberRow::of).toList())
                .onSuccess(rows -> {
                    if (selected.get() == row) {
                        members.setAll(rows);
                    }
                })
                .onFailure(failure -> errors.accept("List partitions", failure)));
    }

    /** Reads the catalog again. */
    public void refresh() {
        Database db = database;
        if (db == null) {
            return;
        }
        reading.cancel();
        status.set("Reading the catalog…");
        BackgroundTask<Read> task = BackgroundTask.<Read>of("read catalog", cancellation -> {
            long start = System.nanoTime();
            CatalogSnapshot read = source.read(db, cancellation);
            return new Read(read, (System.nanoTime() - start) / 1_000_000);
        }).onSuccess(read -> {
            if (db == database) {
                loaded(read.snapshot(), read.millis());
            }
        }).onFailure(failure -> {
            updateStatus();
            errors.accept("Read the catalog", failure);
        }).onCancelled(() -> status.set("Reading cancelled"));
        reading = activity.run("Reading the catalog…", task);
    }

    /** Shows a finished read; the selection survives a refresh when the set still exists. */
    void loaded(CatalogSnapshot read, long millis) {
        PartitionSetRow previouslySelected = selected.get();
        lastReadMillis = millis;
        snapshot.set(read);
        sets.setAll(read.roots().stream().map(PartitionSetRow::of).toList());
        if (previouslySelected != null) {
            sets.stream().filter(r -> r.name().equals(previouslySelected.name())).findFirst()
                    .ifPresent(selected::set);
        }
        updateStatus();
    }

    /** Writes the CSV text to the file off the FX thread; a failure reaches the user. */
    public void exportCsv(String csv, java.nio.file.Path file) {
        activity.runInBackground(BackgroundTask.<Void>of("export CSV", cancellation -> {
            java.nio.file.Files.writeString(file, csv, java.nio.charset.StandardCharsets.UTF_8);
            return null;
        }).onSuccess(done -> status.set("Saved " + file))
                .onFailure(failure -> errors.accept("Export CSV", failure)));
    }

    private void applyMemberFilter() {
        String needle = memberFilter.get() == null ? "" : memberFilter.get().strip().toLowerCase(Locale.ROOT);
        boolean problemsOnly = onlyProblems.get();
        visibleMembers.setPredicate(row -> row.matches(needle) && (!problemsOnly || row.hasProblems()));
    }

    private void applyFilter() {
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        visibleSets.setPredicate(row -> row.matches(needle));
    }

    private void updateStatus() {
        CatalogSnapshot read = snapshot.get();
        if (read == null) {
            return;
        }
        int partitions = sets.stream().mapToInt(PartitionSetRow::partitions).sum();
        StringBuilder text = new StringBuilder();
        if (visibleSets.size() != sets.size()) {
            text.append("showing ").append(visibleSets.size()).append(" of ");
        }
        text.append(plural(sets.size(), "partition set")).append(", ").append(plural(partitions, "partition"))
                .append(", read in ").append(lastReadMillis).append(" ms");
        if (!read.warnings().isEmpty()) {
            text.append(" · ").append(plural(read.warnings().size(), "warning")).append(": ")
                    .append(read.warnings().get(0));
        }
        status.set(text.toString());
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The database shown (null when not connected). */
    public Database database() {
        return database;
    }

    /** The activity that runs this browser's background work (progress and Cancel). */
    public Activity activity() {
        return activity;
    }

    /** Every set of the last read, unfiltered. */
    public ObservableList<PartitionSetRow> allSets() {
        return FXCollections.unmodifiableObservableList(sets);
    }

    /** The sets the filter lets through (wrap in a SortedList bound to the table's comparator). */
    public ObservableList<PartitionSetRow> visibleSets() {
        return visibleSets;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<PartitionSetRow> selectedProperty() {
        return selected;
    }

    /** Members of the selected set, in tree order. */
    public ObservableList<MemberRow> members() {
        return members;
    }

    /** The members the member filter and "only problems" let through. */
    public ObservableList<MemberRow> visibleMembers() {
        return visibleMembers;
    }

    /** Text that a member's name or bound must contain. */
    public StringProperty memberFilterProperty() {
        return memberFilter;
    }

    /** Show only members with a {@link io.partscope.core.catalog.Problem}. */
    public BooleanProperty onlyProblemsProperty() {
        return onlyProblems;
    }

    public ReadOnlyObjectProperty<CatalogSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** "N partition sets, M partitions, read in X ms". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "PostgreSQL 18.1" once connected. */
    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }
}
