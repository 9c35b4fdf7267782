package io.partscope.ui.navigator;

import io.partscope.core.catalog.DatabaseListReader;
import io.partscope.core.catalog.DatabaseListReader.DatabaseEntry;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeItem;

/**
 * State of the navigator: the cluster's databases and, under the connected one, its schemas and partition sets
 * (never partitions, so a set of 100,000 partitions costs one line). The tree is built off the FX thread from the
 * browser's sets and attached when done; a rebuild (refresh, filter) keeps what was expanded.
 */
public final class NavigatorViewModel {

    /** Lists a database's cluster; the standard one is {@link DatabaseListReader}. */
    @FunctionalInterface
    public interface DatabaseSource {
        List<DatabaseEntry> read(Database database, Cancellation cancellation) throws Exception;

        static DatabaseSource standard() {
            return (database, cancellation) -> new DatabaseListReader(database).read(cancellation);
        }
    }

    private final Activity activity;
    private final BrowserViewModel browser;
    private final DatabaseSource source;
    private final BiConsumer<String, Throwable> errors;

    /** Held here: allSets() returns a new wrapper per call, which listens to the list only weakly. */
    private final javafx.collections.ObservableList<PartitionSetRow> sets;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<TreeItem<NavigatorNode>> root = new ReadOnlyObjectWrapper<>();
    private final Map<String, Boolean> expanded = new java.util.concurrent.ConcurrentHashMap<>();
    private List<DatabaseEntry> databases = List.of();
    private Database database;
    private TaskHandle listing = TaskHandle.NONE;
    private TaskHandle building = TaskHandle.NONE;
    private long generation;
    private Consumer<String> openDatabase = name -> { };

    public NavigatorViewModel(Activity activity, BrowserViewModel browser, DatabaseSource source,
            BiConsumer<String, Throwable> errors) {
        this.activity = activity;
        this.browser = browser;
        this.source = source;
        this.errors = errors;
        this.sets = browser.allSets();
        sets.addListener((ListChangeListener<PartitionSetRow>) change -> rebuild());
        filter.addListener((obs, old, text) -> rebuild());
    }

    /** Lists the databases of this connection's cluster (null: clears the navigator). */
    public void show(Database db) {
        listing.cancel();
        database = db;
        databases = List.of();
        expanded.clear();
        if (db != null) {
            refreshDatabases();
        } else {
            rebuild();
        }
    }

    /** Reads the database list again (the sets come with the browser's refresh). */
    public void refreshDatabases() {
        Database db = database;
        if (db == null) {
            return;
        }
        listing.cancel();
        listing = activity.runInBackground(BackgroundTask.<List<DatabaseEntry>>of("list databases",
                cancellation -> source.read(db, cancellation)).onSuccess(list -> {
                    if (db == database) {
                        databases = list;
                        rebuild();
                    }
                }).onFailure(failure -> errors.accept("List the databases", failure)));
    }

    /** Remembers whether a line is expanded, so a rebuild keeps it. */
    void expandedChanged(NavigatorNode node, boolean isExpanded) {
        expanded.put(node.key(), isExpanded);
    }

    /** Builds the tree off the FX thread from what is known now; the newest build wins. */
    private void rebuild() {
        building.cancel();
        Database db = database;
        List<DatabaseEntry> dbs = databases;
        List<PartitionSetRow> rows = List.copyOf(sets);
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        Map<String, Boolean> open = Map.copyOf(expanded);
        long mine = ++generation;
        if (db == null) {
            root.set(new TreeItem<>());
            return;
        }
        building = activity.runInBackground(BackgroundTask.<TreeItem<NavigatorNode>>of("build navigator",
                cancellation -> build(db.settings().database(), dbs, rows, needle, open))
                .onSuccess(tree -> {
                    if (mine == generation) {
                        root.set(tree);
                    }
                })
                .onFailure(failure -> errors.accept("Build the navigator", failure)));
    }

    /**
     * The tree: databases; under the connected one its schemas, under each its sets. A filter keeps the sets and
     * schemas whose name contains it, with their parents, and opens those parents. Runs on any thread: the items
     * are not attached yet.
     */
    static TreeItem<NavigatorNode> build(String current, List<DatabaseEntry> databases, List<PartitionSetRow> sets,
            String needle, Map<String, Boolean> expanded) {
        boolean filtering = !needle.isEmpty();
        Map<String, List<PartitionSetRow>> bySchema = new LinkedHashMap<>();
        sets.stream().sorted(java.util.Comparator.comparing(PartitionSetRow::name))
                .forEach(row -> bySchema.computeIfAbsent(row.set().schema(), s -> new ArrayList<>()).add(row));
        List<DatabaseEntry> listed = new ArrayList<>(databases);
        if (listed.stream().noneMatch(d -> d.name().equals(current))) {
            // The list is still being read (or could not be): the connected database is always there.
            listed.add(0, new DatabaseEntry(current, false, true, true));
        }
        TreeItem<NavigatorNode> top = new TreeItem<>();
        for (DatabaseEntry entry : listed) {
            NavigatorNode.Database dbNode = new NavigatorNode.Database(entry);
            TreeItem<NavigatorNode> dbItem = new TreeItem<>(dbNode);
            if (entry.name().equals(current)) {
                for (Map.Entry<String, List<PartitionSetRow>> schema : bySchema.entrySet()) {
                    NavigatorNode.Schema schemaNode = new NavigatorNode.Schema(current, schema.getKey(),
                            schema.getValue().size());
                    boolean schemaMatches = filtering && schema.getKey().toLowerCase(Locale.ROOT).contains(needle);
                    TreeItem<NavigatorNode> schemaItem = new TreeItem<>(schemaNode);
                    for (PartitionSetRow row : schema.getValue()) {
                        NavigatorNode.Set setNode = new NavigatorNode.Set(current, row);
                        if (!filtering || schemaMatches || setNode.matches(needle)) {
                            schemaItem.getChildren().add(new TreeItem<>(setNode));
                        }
                    }
                    if (!schemaItem.getChildren().isEmpty() || schemaMatches) {
                        // Open unless the user closed it; a filter opens what it found.
                        schemaItem.setExpanded((filtering && !schemaItem.getChildren().isEmpty())
                                || expanded.getOrDefault(schemaNode.key(), true));
                        dbItem.getChildren().add(schemaItem);
                    }
                }
                dbItem.setExpanded(filtering || expanded.getOrDefault(dbNode.key(), true));
            } else if (filtering && !entry.name().toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            if (!filtering || !dbItem.getChildren().isEmpty() || entry.name().toLowerCase(Locale.ROOT)
                    .contains(needle)) {
                top.getChildren().add(dbItem);
            }
        }
        top.setExpanded(true);
        return top;
    }

    /** The tree to show (a hidden root holding the databases). */
    public ReadOnlyObjectProperty<TreeItem<NavigatorNode>> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** Text that a set's or schema's name (or another database's) must contain. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The browser whose selection the navigator follows and sets. */
    public BrowserViewModel browser() {
        return browser;
    }

    /** The database this navigator's connection is to; null when not connected. */
    public Database database() {
        return database;
    }

    /** What "Open in new tab" on another database does (the window opens a tab). */
    public void setOnOpenDatabase(Consumer<String> action) {
        openDatabase = action == null ? name -> { } : action;
    }

    /** Opens another database of the cluster in a new tab, with this connection's settings. */
    public void openDatabase(String name) {
        if (database != null && !name.equals(database.settings().database())) {
            openDatabase.accept(name);
        }
    }
}
