package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.FirstLevelReader;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.SetSummaryReader;
import io.partscope.core.catalog.SizeBatch;
import io.partscope.core.catalog.SizeMode;
import io.partscope.core.catalog.SizeReader;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
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

    /**
     * Reads a database's catalog; the standard one is {@link CatalogReader}'s stage 1 (sizes estimated from
     * pg_class, measured afterwards by the {@link SizeSource}), tests may pass their own.
     */
    @FunctionalInterface
    public interface CatalogSource {
        CatalogSnapshot read(Database database, Cancellation cancellation) throws Exception;

        /**
         * The sets before any member ({@link SetSummaryReader}): listed first, then the selected set's members,
         * then everything ({@link #read}). Null (the default): this source lists the sets with {@link #read} only.
         */
        default SetSummaryReader.Result summarise(Database database, Cancellation cancellation) throws Exception {
            return null;
        }

        /** One set with its members, as {@link #read} gives it; null when it no longer exists. */
        default PartitionSet readSet(Database database, RelationName set, Cancellation cancellation)
                throws Exception {
            return read(database, cancellation).roots().stream().filter(s -> s.relationName().equals(set))
                    .findFirst().orElse(null);
        }

        /**
         * The first screen of a large nested set listed from the summary: its root's direct children with their
         * roll-ups ({@link FirstLevelReader}), drawn while the set's members are read. Null (the default): this
         * source has none, the set is drawn when its members are in.
         */
        default FirstLevelReader.Result readFirstLevel(Database database, PartitionSet summary,
                Cancellation cancellation) throws Exception {
            return null;
        }

        static CatalogSource standard() {
            return new CatalogSource() {
                @Override
                public CatalogSnapshot read(Database database, Cancellation cancellation) throws Exception {
                    return new CatalogReader(database).read(CatalogFilter.ALL, SizeMode.ESTIMATED, cancellation);
                }

                @Override
                public SetSummaryReader.Result summarise(Database database, Cancellation cancellation)
                        throws Exception {
                    return new SetSummaryReader(database).read(CatalogFilter.ALL, cancellation);
                }

                @Override
                public FirstLevelReader.Result readFirstLevel(Database database, PartitionSet summary,
                        Cancellation cancellation) throws Exception {
                    return new FirstLevelReader(database).read(summary, cancellation);
                }

                @Override
                public PartitionSet readSet(Database database, RelationName set, Cancellation cancellation)
                        throws Exception {
                    return new CatalogReader(database).read(new CatalogFilter(null, set.qualified()),
                            SizeMode.ESTIMATED, cancellation).roots().stream()
                            .filter(s -> s.relationName().equals(set)).findFirst().orElse(null);
                }
            };
        }
    }

    /** Measures a batch of estimated sizes (stage 2); the standard one is {@link SizeReader}. */
    @FunctionalInterface
    public interface SizeSource {
        SizeBatch measure(Database database, List<Long> oids, Cancellation cancellation) throws Exception;

        static SizeSource standard() {
            return (database, oids, cancellation) -> new SizeReader(database).measure(oids, cancellation);
        }
    }

    /** A finished read: what was read, how long it took, and how many sizes are left for stage 2. */
    private record Read(CatalogSnapshot snapshot, List<PartitionSetRow> rows, long millis, int estimated) {
    }

    /** The first answer of a refresh: the sets' summaries, or (a source without them) the whole read. */
    private record Listed(SetSummaryReader.Result summary, List<PartitionSetRow> rows, long millis, Read full) {
    }

    /**
     * Rows listed from the summary whose members are not read yet (by identity): selecting one reads that set
     * alone; the full read replaces them all. Empty once the full read is in.
     */
    private final java.util.Set<PartitionSetRow> summaryRows = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());
    /** Counts refreshes: what an older refresh's reads bring back is dropped. */
    private long readGeneration;
    /** The full read of this refresh has still to start (after the selected set's own read). */
    private boolean fullReadWanted;
    private TaskHandle readingSet = TaskHandle.NONE;
    private TaskHandle readingAll = TaskHandle.NONE;
    /** The summary row whose set is being read alone. */
    private PartitionSetRow setBeingRead;
    private TaskHandle readingFirstLevel = TaskHandle.NONE;
    /** The summary row whose first level is being read or shown (its full members still to come). */
    private PartitionSetRow firstLevelOf;
    /**
     * Sets with at least this many members and sub-partitioned ones are drawn from their first level first
     * ({@link FirstLevelReader}): they open collapsed (as {@link #EXPAND_ALL_BELOW}), so the direct children are the
     * first screen. Smaller sets are read whole about as fast.
     */
    static final int FIRST_LEVEL_FROM = BrowserViewModel.EXPAND_ALL_BELOW;

    private final Activity activity;
    private final CatalogSource source;
    private final BiConsumer<String, Throwable> errors;
    private final SizeMeasurement sizes;
    /** While a measured batch is swapped into the sets: selection changes then are the table's, not the user's. */
    private boolean swappingSets;
    /** The row whose members are shown (or being built): selecting it again changes nothing. */
    private PartitionSetRow membersOf;
    /** A newer row of the set whose members are being built: built once that build is in, not on top of it. */
    private PartitionSetRow membersPending;

    private final ObservableList<PartitionSetRow> sets = FXCollections.observableArrayList();
    private final FilteredList<PartitionSetRow> visibleSets = new FilteredList<>(sets, row -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    /** A set to select when the next read finishes ({@link #selectWhenLoaded}). */
    private String pendingSelection;
    private final ObjectProperty<PartitionSetRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObservableList<MemberRow> visibleMembers = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<MemberTree.Arranged> arranged = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper memberCount = new ReadOnlyStringWrapper("");
    /**
     * Branches the user opened or closed, by {@link MemberTree#key(MemberRow)}, over the default (see
     * {@link #EXPAND_ALL_BELOW}); kept across refreshes, sorting and filtering, reset when another set is selected.
     */
    private final java.util.Map<String, Boolean> expansion = new java.util.HashMap<>();
    /** The same while a filter is on (branches holding matches open by default); reset when the filter changes. */
    private final java.util.Map<String, Boolean> filterExpansion = new java.util.HashMap<>();
    /** "Expand all" (true) or "Collapse all" (false) as the default; null: by size. */
    private Boolean expandAll;
    private Boolean filterExpandAll;
    /** The set whose expansion state is kept. */
    private String expansionOf;
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
    private TaskHandle arranging = TaskHandle.NONE;
    private MemberTree memberTree;
    /** The set {@link #memberTree} is of (by name). */
    private String memberTreeOf;
    private Object memberOrderKey = List.of();
    /**
     * Sets with fewer members open fully; larger ones show their top level closed (a month of 30 daily partitions
     * is one line until opened). A flat set shows all its members either way.
     */
    static final int EXPAND_ALL_BELOW = 2_000;
    private java.util.Comparator<MemberRow> memberOrder;
    /** Typing in the member filter re-arranges after this pause, not on every key. */
    private javafx.util.Duration memberFilterDelay = javafx.util.Duration.millis(150);
    private javafx.animation.PauseTransition memberFilterPause;

    public BrowserViewModel(Activity activity, CatalogSource source, BiConsumer<String, Throwable> errors) {
        this(activity, source, SizeSource.standard(), errors);
    }

    public BrowserViewModel(Activity activity, CatalogSource source, SizeSource sizeSource,
            BiConsumer<String, Throwable> errors) {
        this.activity = activity;
        this.source = source;
        this.errors = errors;
        this.sizes = new SizeMeasurement(activity, sizeSource, errors);
        filter.addListener((obs, old, text) -> applyFilter());
        selected.addListener((obs, old, row) -> showMembers(row));
        visibleSets.addListener((ListChangeListener<PartitionSetRow>) change -> updateStatus());
        memberFilter.addListener((obs, old, text) -> memberFilterChanged());
        autoRefresh.addListener((obs, old, every) -> scheduleAutoRefresh(every));
        onlyProblems.addListener((obs, old, on) -> {
            resetFilterExpansion();
            arrangeMembers();
        });
    }

    /** Shows the sets of this database (null: clears the browser). */
    public void show(Database db) {
        cancelReads();
        sizes.stop();
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
                    // Measuring sizes counts as part of the read here: a catalog that takes longer to measure
                    // than the interval would otherwise never show an exact size.
                    if (reading.isDone() && readingSet.isDone() && readingAll.isDone() && !fullReadWanted
                            && !sizes.runningProperty().get()) {
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
        if (!swappingSets) {
            showMembers(row, false);
        }
    }

    /** @param measured a newer row of the same set after a measured batch: coalesced with a build in progress */
    private void showMembers(PartitionSetRow row, boolean measured) {
        if (row != null && row == membersOf) {
            return;
        }
        if (row != null && summaryRows.contains(row)) {
            // Listed from the summary: its members come with a read of that set alone (or the full read).
            readSetAlone(row);
            return;
        }
        if (measured && row != null && membersOf != null && !buildingMembers.isDone()
                && row.name().equals(membersOf.name())) {
            // Sizes measured while the set's members are still being built: build once more when that is in.
            membersPending = row;
            return;
        }
        buildingMembers.cancel();
        arranging.cancel();
        membersOf = row;
        membersPending = null;
        if (row == null) {
            memberTree = null;
            members.clear();
            visibleMembers.clear();
            arranged.set(null);
            updateMemberCount();
            return;
        }
        enterSet(row);
        Predicate<MemberRow> filter = memberPredicate();
        java.util.Comparator<MemberRow> order = memberOrder;
        Expansion open = expansionState(filter != null);
        record Built(MemberTree tree, MemberTree.Arranged arranged) {
        }
        buildingMembers = activity.runInBackground(BackgroundTask.<Built>of("list partitions", cancellation -> {
            MemberTree tree = MemberTree.of(row.set());
            return new Built(tree, tree.arrange(filter, order, open.of(tree)));
        }).onSuccess(built -> {
            PartitionSetRow pending = membersPending;
            if (selected.get() == row || pending != null && selected.get() == pending) {
                memberTree = built.tree();
                memberTreeOf = row.name();
                members.setAll(built.tree().rows());
                showArranged(built.arranged());
            }
            if (pending != null && selected.get() == pending) {
                showMembers(pending, true);
            }
        }).onFailure(failure -> errors.accept("List partitions", failure)));
    }

    /** Another set's members: its own expansion state, and the filter starts empty. */
    private void enterSet(PartitionSetRow row) {
        if (!row.name().equals(expansionOf)) {
            if (expansionOf != null && memberFilter.get() != null && !memberFilter.get().isEmpty()) {
                // A filter typed for one set rarely fits the next ("default" on a set without one shows nothing),
                // so it starts empty per set. The old tree goes first: clearing the filter must not re-arrange it.
                memberTree = null;
                memberFilter.set("");
            }
            expansionOf = row.name();
            expansion.clear();
            expandAll = null;
            resetFilterExpansion();
        }
    }

    /** Whether the set is drawn from its first level before its members are in ({@link #FIRST_LEVEL_FROM}). */
    private static boolean drawnFromFirstLevel(PartitionSetRow row) {
        return row.partitions() >= FIRST_LEVEL_FROM && row.partitions() > row.leaves();
    }

    /**
     * The first screen of a large nested set listed from the summary (its direct children, branches closed with
     * their roll-ups), read and arranged off the FX thread while its members are read; dropped when they are in
     * first. The members table keeps the user's filter, order and expansion when the whole set replaces it (the
     * same set: its state is kept by key).
     */
    private void readFirstLevel(PartitionSetRow row) {
        if (row == firstLevelOf && !readingFirstLevel.isDone() || !drawnFromFirstLevel(row)) {
            return;
        }
        if (membersOf != null && membersOf.name().equals(row.name()) && memberTree != null
                && !memberTree.isPartial()) {
            // A refresh of the set shown: the whole set stays until the new read replaces it, not its first level.
            return;
        }
        readingFirstLevel.cancel();
        firstLevelOf = row;
        Database db = database;
        long generation = readGeneration;
        enterSet(row);
        Predicate<MemberRow> filter = memberPredicate();
        java.util.Comparator<MemberRow> order = memberOrder;
        Expansion open = expansionState(filter != null);
        record Built(MemberTree tree, MemberTree.Arranged arranged) {
        }
        readingFirstLevel = activity.runInBackground(BackgroundTask.<Built>of("read the first level", c -> {
            FirstLevelReader.Result first = source.readFirstLevel(db, row.set(), c);
            if (first == null) {
                return null;
            }
            MemberTree tree = MemberTree.ofFirstLevel(first);
            return new Built(tree, tree.arrange(filter, order, open.of(tree)));
        }).onSuccess(built -> {
            if (built == null || db != database || generation != readGeneration || firstLevelOf != row
                    || selected.get() != row || !summaryRows.contains(row)) {
                return;
            }
            membersOf = row;
            memberTree = built.tree();
            memberTreeOf = row.name();
            members.setAll(built.tree().rows());
            showArranged(built.arranged());
            firstLevelShownHook.run();
        }).onFailure(failure -> {
            // Not worth a dialog: the whole set follows with the full read, which reports its own failure.
            if (firstLevelOf == row) {
                firstLevelOf = null;
            }
        }));
    }

    /** For tests: runs on the FX thread once a first level is drawn. */
    private Runnable firstLevelShownHook = () -> { };

    void onFirstLevelShown(Runnable hook) {
        this.firstLevelShownHook = hook == null ? () -> { } : hook;
    }

    /**
     * Arranges the members again (filter, order, collapsed branches) off the FX thread; the newest request wins.
     */
    private void arrangeMembers() {
        MemberTree tree = memberTree;
        if (tree == null) {
            return;
        }
        arranging.cancel();
        Predicate<MemberRow> filter = memberPredicate();
        java.util.Comparator<MemberRow> order = memberOrder;
        Expansion open = expansionState(filter != null);
        arranging = activity.runInBackground(BackgroundTask.<MemberTree.Arranged>of("arrange partitions",
                cancellation -> tree.arrange(filter, order, open.of(tree)))
                .onSuccess(result -> {
                    if (memberTree == tree) {
                        showArranged(result);
                    }
                })
                .onFailure(failure -> errors.accept("Arrange partitions", failure)));
    }

    private void showArranged(MemberTree.Arranged result) {
        visibleMembers.setAll(result.shown());
        arranged.set(result);
        updateMemberCount();
    }

    private void updateMemberCount() {
        MemberTree.Arranged a = arranged.get();
        if (a == null || a.total() == 0) {
            memberCount.set("");
        } else {
            // Unfiltered, the count as the sets table says it ("120 (96 leaves)").
            PartitionSetRow row = selected.get();
            MemberTree tree = memberTree;
            if (tree != null && tree.isPartial()) {
                // The first level only: say how much of the set is shown, and that sorting and filtering apply to it.
                String all = row != null && row.partitions() == tree.setSize()
                        ? new io.partscope.core.catalog.PartitionCount(row.partitions(), row.leaves()).compact()
                        : String.format("%,d", tree.setSize());
                memberCount.set(a.matches() == a.total()
                        ? String.format("%,d of %s read, reading the rest…", a.total(), all)
                        : String.format("%,d of %,d read (%s in all), reading the rest…", a.matches(), a.total(),
                                all));
                return;
            }
            memberCount.set(a.matches() == a.total()
                    ? new io.partscope.core.catalog.PartitionCount(a.total(),
                            row != null && row.partitions() == a.total() ? row.leaves() : a.total()).compact()
                    : String.format("%,d of %,d", a.matches(), a.total()));
        }
    }

    private void memberFilterChanged() {
        resetFilterExpansion();
        if (memberFilterDelay.lessThanOrEqualTo(javafx.util.Duration.ZERO)) {
            arrangeMembers();
            return;
        }
        if (memberFilterPause == null) {
            memberFilterPause = new javafx.animation.PauseTransition(memberFilterDelay);
            memberFilterPause.setOnFinished(event -> arrangeMembers());
        }
        memberFilterPause.playFromStart();
    }

    /** For tests: how long typing pauses before the member filter applies (zero: at once). */
    void setMemberFilterDelay(javafx.util.Duration delay) {
        this.memberFilterDelay = delay;
        this.memberFilterPause = null;
    }

    /** null when nothing is filtered. */
    private Predicate<MemberRow> memberPredicate() {
        String needle = memberFilter.get() == null ? "" : memberFilter.get().strip().toLowerCase(Locale.ROOT);
        boolean problemsOnly = onlyProblems.get();
        if (needle.isEmpty() && !problemsOnly) {
            return null;
        }
        return row -> row.matches(needle) && (!problemsOnly || row.hasProblems());
    }

    /**
     * Orders siblings (within each parent) by this comparator; null: tree order. {@code key} identifies the order
     * (e.g. the sorted columns): asking again for the same key changes nothing.
     */
    public void orderMembers(Object key, java.util.Comparator<MemberRow> comparator) {
        if (java.util.Objects.equals(key, memberOrderKey)) {
            return;
        }
        memberOrderKey = key;
        memberOrder = comparator;
        arrangeMembers();
    }

    /** Which branches are open: a copy of the state, handed to the arranging thread. */
    private record Expansion(java.util.Map<String, Boolean> overrides, Boolean all, boolean filtering) {
        Predicate<String> of(MemberTree tree) {
            boolean byDefault = all != null ? all : filtering || tree.setSize() < EXPAND_ALL_BELOW;
            return key -> overrides.getOrDefault(key, byDefault);
        }
    }

    private Expansion expansionState(boolean filtering) {
        return filtering ? new Expansion(java.util.Map.copyOf(filterExpansion), filterExpandAll, true)
                : new Expansion(java.util.Map.copyOf(expansion), expandAll, false);
    }

    private void resetFilterExpansion() {
        filterExpansion.clear();
        filterExpandAll = null;
    }

    /**
     * Opens or closes a branch; the table shows the change once the tree is flattened again off the FX thread. The
     * state is kept across refreshes, sorting and filtering.
     */
    public void setExpanded(MemberRow row, boolean open) {
        (memberPredicate() != null ? filterExpansion : expansion).put(MemberTree.key(row), open);
        arrangeMembers();
    }

    /** "Expand all" (true) or "Collapse all" (false). */
    public void setAllExpanded(boolean open) {
        if (memberPredicate() != null) {
            filterExpansion.clear();
            filterExpandAll = open;
        } else {
            expansion.clear();
            expandAll = open;
        }
        arrangeMembers();
    }

    /**
     * Reads the catalog again: the sets' summaries first (listed at once), then the selected set's members alone,
     * then every set (stage 1), then exact sizes (stage 2). A refresh starts over and never waits for an older
     * refresh's reads or sizes: they are cancelled, and what they bring back is dropped.
     */
    public void refresh() {
        Database db = database;
        if (db == null) {
            return;
        }
        cancelReads();
        // A refresh starts over: stage 1 again, then stage 2 for what it reads (never waiting for this one).
        sizes.stop();
        long generation = ++readGeneration;
        status.set("Reading the catalog…");
        BackgroundTask<Listed> task = BackgroundTask.<Listed>of("read catalog", cancellation -> {
            long start = System.nanoTime();
            SetSummaryReader.Result summary = source.summarise(db, cancellation);
            if (summary != null) {
                return new Listed(summary, summary.summaries().stream().map(PartitionSetRow::of).toList(),
                        (System.nanoTime() - start) / 1_000_000, null);
            }
            return new Listed(null, null, 0, fullRead(db, cancellation, start));
        }).onSuccess(listed -> {
            if (db != database || generation != readGeneration) {
                return;
            }
            if (listed.full() != null) {
                loaded(listed.full().snapshot(), listed.full().rows(), listed.full().millis());
                measureSizes(db, listed.full().estimated());
                return;
            }
            fullReadWanted = true;
            summaryRows.clear();
            summaryRows.addAll(listed.rows());
            PartitionSetRow was = selected.get();
            PartitionSetRow chosen = was == null ? null : listed.rows().stream()
                    .filter(r -> r.name().equals(was.name())).findFirst().orElse(null);
            // The next read starts before the summary is shown, so the activity stays busy throughout.
            if (chosen != null) {
                readSetAlone(chosen);
            } else {
                startFullRead(db, generation);
            }
            listedSummary(listed, chosen);
        }).onFailure(failure -> {
            updateStatus();
            errors.accept("Read the catalog", failure);
        }).onCancelled(() -> status.set("Reading cancelled"));
        reading = activity.run("Reading the catalog…", task);
    }

    private Read fullRead(Database db, Cancellation cancellation, long start) throws Exception {
        CatalogSnapshot read = source.read(db, cancellation);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // The rows walk every partition (worst XID share): here, not on the FX thread (100,000 partitions).
        return new Read(read, rows(read), millis, SizeReader.estimatedCount(read));
    }

    private void cancelReads() {
        // Cleared first: a cancelled read's callback must not take itself for the user's Cancel.
        fullReadWanted = false;
        setBeingRead = null;
        firstLevelOf = null;
        readingFirstLevel.cancel();
        reading.cancel();
        readingSet.cancel();
        readingAll.cancel();
    }

    /**
     * The summary rows in place of the last read's. The selected set stays selected; its members table keeps
     * what it shows until that set's own read is in (no empty table in between).
     */
    private void listedSummary(Listed listed, PartitionSetRow chosen) {
        lastReadMillis = listed.millis();
        snapshot.set(listed.summary().snapshot());
        swappingSets = true;
        try {
            sets.setAll(listed.rows());
            selected.set(chosen);
        } finally {
            swappingSets = false;
        }
        if (selected.get() == null) {
            showMembers(null, false);
        }
        updateStatus();
        if (pendingSelection != null) {
            applyPendingSelection();
        }
    }

    /** Every set (stage 1) after the summary and the selected set: replaces the summary rows, then stage 2. */
    private void startFullRead(Database db, long generation) {
        if (!fullReadWanted || generation != readGeneration) {
            return;
        }
        fullReadWanted = false;
        readingAll = activity.run("Reading the partitions…", BackgroundTask.<Read>of("read catalog",
                cancellation -> fullRead(db, cancellation, System.nanoTime())).onSuccess(read -> {
                    if (db == database && generation == readGeneration) {
                        setBeingRead = null;
                        readingSet.cancel();
                        loaded(read.snapshot(), read.rows(), lastReadMillis + read.millis());
                        measureSizes(db, read.estimated());
                    }
                }).onFailure(failure -> {
                    updateStatus();
                    errors.accept("Read the catalog", failure);
                }).onCancelled(() -> status.set("Reading cancelled")));
    }

    /**
     * The members of one set listed from the summary, read alone (the full read may take seconds longer); the
     * newest selection wins. Once in, its row replaces the summary row, and the full read starts if it waited.
     */
    private void readSetAlone(PartitionSetRow row) {
        if (row == setBeingRead && !readingSet.isDone()) {
            return;
        }
        if (membersOf != null && !membersOf.name().equals(row.name())) {
            // Another set: its members are not known yet, so the table shows none rather than the last set's.
            showMembers(null, false);
        }
        readFirstLevel(row);
        long all = sets.stream().mapToLong(r -> r.set().totals() == null ? 0 : r.set().totals().partitionCount())
                .sum();
        if (!readingAll.isDone() && row.set().totals() != null && row.set().totals().partitionCount() * 2L > all) {
            // Most of what the full read, already running, reads anyway: reading it twice would slow both down.
            // Its rows come with that read (loaded() selects the set again).
            setBeingRead = null;
            readingSet.cancel();
            return;
        }
        // The newer selection first: the older read's cancellation then knows it was not the user's Cancel.
        setBeingRead = row;
        readingSet.cancel();
        Database db = database;
        long generation = readGeneration;
        RelationName name = row.set().relationName();
        readingSet = activity.run("Reading the partitions of " + row.name() + "…",
                BackgroundTask.<PartitionSetRow>of("read one set", cancellation -> {
                    PartitionSet set = source.readSet(db, name, cancellation);
                    return set == null ? null : PartitionSetRow.of(set);
                }).onSuccess(read -> {
                    if (db != database || generation != readGeneration || !summaryRows.contains(row)) {
                        return;
                    }
                    setBeingRead = null;
                    if (read != null) {
                        replaceSummaryRow(row, read);
                    }
                    startFullRead(db, generation);
                }).onFailure(failure -> {
                    setBeingRead = null;
                    errors.accept("Read the partitions of " + row.name(), failure);
                    startFullRead(db, generation);
                }).onCancelled(() -> {
                    if (setBeingRead == row) {
                        // The user's Cancel: the rest of this refresh stops too.
                        setBeingRead = null;
                        fullReadWanted = false;
                        status.set("Reading cancelled");
                    }
                }));
    }

    /** A set read alone in place of its summary row; selected again when it was, and its members shown. */
    private void replaceSummaryRow(PartitionSetRow summary, PartitionSetRow read) {
        int index = sets.indexOf(summary);
        if (index < 0) {
            return;
        }
        summaryRows.remove(summary);
        boolean wasSelected = selected.get() == summary;
        swappingSets = true;
        try {
            sets.set(index, read);
            if (wasSelected) {
                selected.set(read);
            }
        } finally {
            swappingSets = false;
        }
        if (selected.get() == read) {
            showMembers(read, false);
        }
        updateStatus();
    }

    /** Shows a finished read; the selection survives a refresh when the set still exists. */
    void loaded(CatalogSnapshot read, long millis) {
        loaded(read, rows(read), millis);
        measureSizes(database, SizeReader.estimatedCount(read));
    }

    /** Stage 2: the estimated sizes of what is shown, measured in the background, the selected set first. */
    private void measureSizes(Database db, int estimated) {
        if (db == null) {
            return;
        }
        sizes.start(db, new SizeMeasurement.Target() {
            @Override
            public CatalogSnapshot snapshot() {
                return snapshot.get();
            }

            @Override
            public List<PartitionSetRow> rows() {
                return sets;
            }

            @Override
            public RelationName first() {
                PartitionSetRow row = selected.get();
                return row == null ? null : row.set().relationName();
            }

            @Override
            public void apply(SizeMeasurement.Merged merged) {
                applyMeasured(merged);
            }
        }, estimated);
    }

    /** One measured batch in: the snapshot and the sets in one swap each; the selected set stays selected. */
    private void applyMeasured(SizeMeasurement.Merged merged) {
        PartitionSetRow was = selected.get();
        snapshot.set(merged.snapshot());
        swappingSets = true;
        try {
            sets.setAll(merged.rows());
            if (was != null) {
                selected.set(merged.rows().stream().filter(r -> r.name().equals(was.name())).findFirst()
                        .orElse(null));
            }
        } finally {
            swappingSets = false;
        }
        // The table may have dropped or moved its selection during the swap; what counts is the set now selected.
        showMembers(selected.get(), true);
        updateStatus();
    }

    /** For tests: relations per stage-2 batch. */
    void setSizeBatch(int size) {
        sizes.setBatchSize(size);
    }

    /** For tests: the least time between two swaps of measured sizes. */
    void setSizeApplyInterval(long millis) {
        sizes.setApplyInterval(millis);
    }

    /** Stops measuring sizes (the status bar's Stop): the estimates not yet replaced stay, marked. */
    public void stopMeasuringSizes() {
        sizes.cancel();
    }

    /** True while stage 2 measures sizes in the background. */
    public ReadOnlyBooleanProperty measuringSizesProperty() {
        return sizes.runningProperty();
    }

    /** Share of the estimated sizes measured so far (0..1). */
    public ReadOnlyDoubleProperty sizeProgressProperty() {
        return sizes.progressProperty();
    }

    /** "Measuring sizes: 12,000 of 100,000", or how the last round stopped; empty when all are measured. */
    public ReadOnlyStringProperty sizeStatusProperty() {
        return sizes.textProperty();
    }

    private static List<PartitionSetRow> rows(CatalogSnapshot read) {
        return read.roots().stream().map(PartitionSetRow::of).toList();
    }

    /**
     * Selects the set with this name (as the sets table writes it, "shop.orders", or just "orders" when unique) once
     * the next read has finished: for opening the app on one set ({@code --table}).
     */
    public void selectWhenLoaded(String name) {
        pendingSelection = name == null || name.isBlank() ? null : name.strip();
        if (pendingSelection != null && !sets.isEmpty()) {
            applyPendingSelection();
        }
    }

    private void applyPendingSelection() {
        String wanted = pendingSelection;
        pendingSelection = null;
        List<PartitionSetRow> exact = sets.stream().filter(r -> r.name().equals(wanted)).toList();
        List<PartitionSetRow> unqualified = sets.stream()
                .filter(r -> r.name().endsWith("." + wanted) || r.name().endsWith(".\"" + wanted + "\"")).toList();
        List<PartitionSetRow> match = !exact.isEmpty() ? exact : unqualified;
        if (match.size() == 1) {
            selected.set(match.get(0));
        } else {
            status.set(match.isEmpty() ? "No partition set named " + wanted
                    : wanted + " names " + match.size() + " sets: give the schema");
        }
    }

    private void loaded(CatalogSnapshot read, List<PartitionSetRow> rows, long millis) {
        summaryRows.clear();
        PartitionSetRow previouslySelected = selected.get();
        lastReadMillis = millis;
        snapshot.set(read);
        // One swap, as applyMeasured does: the table drops its selection while its items change, and without the
        // guard the selected set's partitions were cleared and built again (an empty table for a moment, just
        // after the set's own read had drawn them).
        swappingSets = true;
        try {
            sets.setAll(rows);
            if (previouslySelected != null) {
                selected.set(rows.stream().filter(r -> r.name().equals(previouslySelected.name())).findFirst()
                        .orElse(null));
            }
        } finally {
            swappingSets = false;
        }
        showMembers(selected.get(), false);
        updateStatus();
        if (pendingSelection != null) {
            applyPendingSelection();
        }
    }

    /** Writes the CSV text to the file off the FX thread; a failure reaches the user. */
    public void exportCsv(String csv, java.nio.file.Path file) {
        exportCsv(() -> csv, file);
    }

    /** Writes the rows the member table shows as CSV; the text is built off the FX thread (100,000 rows). */
    public void exportShownMembers(java.nio.file.Path file) {
        MemberTree.Arranged shown = arranged.get();
        List<MemberRow> rows = shown == null ? List.of() : shown.shown();
        exportCsv(() -> MembersCsv.of(rows), file);
    }

    private void exportCsv(java.util.function.Supplier<String> csv, java.nio.file.Path file) {
        activity.runInBackground(BackgroundTask.<Void>of("export CSV", cancellation -> {
            java.nio.file.Files.writeString(file, csv.get(), java.nio.charset.StandardCharsets.UTF_8);
            return null;
        }).onSuccess(done -> status.set("Saved " + file))
                .onFailure(failure -> errors.accept("Export CSV", failure)));
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
        io.partscope.core.catalog.PartitionCount partitions = new io.partscope.core.catalog.PartitionCount(
                sets.stream().mapToInt(PartitionSetRow::partitions).sum(),
                sets.stream().mapToInt(PartitionSetRow::leaves).sum());
        StringBuilder text = new StringBuilder();
        if (visibleSets.size() != sets.size()) {
            text.append("showing ").append(visibleSets.size()).append(" of ");
        }
        text.append(plural(sets.size(), "partition set")).append(", ").append(partitions.text())
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

    /**
     * Whether the members table shows every member of the selected set (not its first level, not a set still being
     * read or built; stage 2 may still be replacing sizes); false when no set is selected.
     */
    public boolean isWholeSetShown() {
        // By name: stage 2's measured batches replace the row (and rebuild the tree) without changing what is shown.
        PartitionSetRow row = selected.get();
        PartitionSetRow shown = membersOf;
        return row != null && shown != null && shown.name().equals(row.name()) && !summaryRows.contains(shown)
                && memberTree != null && !memberTree.isPartial() && row.name().equals(memberTreeOf);
    }

    /** True for a row listed from the summary read whose partitions are not read yet ({@code set()} has none). */
    public boolean isListedOnly(PartitionSetRow row) {
        return row != null && summaryRows.contains(row);
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

    /**
     * The rows the member table shows, top to bottom: members the filter and "only problems" let through plus
     * their ancestors, children of closed branches left out.
     */
    public ObservableList<MemberRow> visibleMembers() {
        return FXCollections.unmodifiableObservableList(visibleMembers);
    }

    /** The flattened member tree to show (null: no set selected); replaced as a whole on every change. */
    ReadOnlyObjectProperty<MemberTree.Arranged> arrangedMembersProperty() {
        return arranged.getReadOnlyProperty();
    }

    /** "1,204", "120 (96 leaves)" or "3 of 1,204": members matching the filter, of all members. */
    public ReadOnlyStringProperty memberCountProperty() {
        return memberCount.getReadOnlyProperty();
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

    /** "N partition sets, M partitions (L leaves), read in X ms". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "PostgreSQL 18.1" once connected. */
    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }
}
