package io.partscope.ui.details;

import io.partscope.core.catalog.MemberDetails;
import io.partscope.core.catalog.MemberDetailsReader;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.ui.Formats;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.BackgroundWork;
import io.partscope.ui.task.TaskHandle;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the details pane: which member it shows, its {@link MemberDetails} once read, whether a read is under
 * way, and the statistics as lines with explanations. Reading runs off the FX thread through the shared
 * {@link Activity}; failures go to the error callback (the app opens ErrorDialog). Use from the FX thread only.
 */
public final class MemberDetailsViewModel {
    /** XID age as a share of the effective freeze max age from which it is flagged, and from which it is alarming. */
    static final double XID_WARNING = 0.8;
    static final double XID_DANGER = 1.0;
    /** Dead tuples as a share of live + dead, in percent, from which they are flagged. */
    static final double DEAD_TUPLE_WARNING_PCT = 20.0;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Reads one member's details; the standard one is {@link MemberDetailsReader}, tests may pass their own. */
    @FunctionalInterface
    public interface DetailsSource {
        MemberDetails read(Database database, RelationName member, Cancellation cancellation) throws Exception;

        static DetailsSource standard() {
            return (database, member, cancellation) -> new MemberDetailsReader(database).read(member, cancellation);
        }
    }

    private final Activity activity;
    private final DetailsSource source;
    private final BiConsumer<String, Throwable> errors;

    private final ReadOnlyObjectWrapper<RelationName> member = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MemberDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Select a partition to see its details.");
    private final ObservableList<StatisticLine> statistics = FXCollections.observableArrayList();

    private Database database;
    private TaskHandle reading = TaskHandle.NONE;
    /** Counts reads, so the outcome of a read that was superseded is dropped. */
    private long generation;

    /**
     * @param errors receives (action, failure) for every failure the user must see
     */
    public MemberDetailsViewModel(Activity activity, DetailsSource source, BiConsumer<String, Throwable> errors) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.source = Objects.requireNonNull(source, "source");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** Reads and shows the details of this member; a null database or member clears the pane. */
    public void show(Database db, RelationName relation) {
        this.database = db;
        if (db == null || relation == null) {
            clear();
            return;
        }
        load(relation, cancellation -> source.read(db, relation, cancellation));
    }

    /** Reads the shown member again. */
    public void refresh() {
        RelationName relation = member.get();
        if (database != null && relation != null) {
            show(database, relation);
        }
    }

    /** Stops a running read; what was shown before stays. */
    public void cancel() {
        reading.cancel();
    }

    /** Clears the pane (no member selected, disconnected). */
    public void clear() {
        reading.cancel();
        generation++;
        loading.set(false);
        member.set(null);
        setDetails(null);
        message.set("Select a partition to see its details.");
    }

    void load(RelationName relation, BackgroundWork<MemberDetails> work) {
        reading.cancel();
        long mine = ++generation;
        member.set(relation);
        if (details.get() != null && !details.get().name().equals(relation)) {
            setDetails(null);
        }
        loading.set(true);
        message.set("Reading the details of " + relation.qualified() + "…");
        BackgroundTask<MemberDetails> task = BackgroundTask.of("read details", work)
                .whenDone(() -> {
                    if (mine == generation) {
                        loading.set(false);
                    }
                })
                .onSuccess(read -> {
                    if (mine == generation) {
                        showDetails(read);
                    }
                })
                .onFailure(failure -> {
                    if (mine == generation) {
                        message.set("Could not read the details of " + relation.qualified() + ".");
                        errors.accept("Read the details of " + relation.qualified(), failure);
                    }
                })
                .onCancelled(() -> {
                    if (mine == generation) {
                        message.set(details.get() == null ? "Reading cancelled." : "");
                    }
                });
        reading = activity.run("Reading the details of " + relation.qualified() + "…", task);
    }

    /** Shows details read elsewhere (and by the loads above). */
    public void showDetails(MemberDetails read) {
        member.set(read == null ? null : read.name());
        setDetails(read);
        message.set(read == null ? "Select a partition to see its details." : "");
    }

    private void setDetails(MemberDetails read) {
        // The lines first: the view rebuilds itself when the details change.
        statistics.setAll(read == null ? List.of() : statisticLines(read));
        details.set(read);
    }

    public ReadOnlyObjectProperty<RelationName> memberProperty() {
        return member.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MemberDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public MemberDetails getDetails() {
        return details.get();
    }

    /** True while a read runs. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What to show instead of the details (nothing selected, reading, failed); empty when details are shown. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The statistics grid of the shown details. */
    public ObservableList<StatisticLine> statistics() {
        return FXCollections.unmodifiableObservableList(statistics);
    }

    /** The statistics of a member as lines with explanations; partitioned members have few (no storage). */
    static List<StatisticLine> statisticLines(MemberDetails d) {
        MemberDetails.Statistics s = d.statistics();
        List<StatisticLine> lines = new ArrayList<>();
        if (s == null) {
            return lines;
        }
        String notMeasured = d.locked() ? "not measured (locked)" : "";
        boolean storage = d.relkind().hasStorage();
        if (storage) {
            lines.add(StatisticLine.of("Table size", s.tableBytes() == null ? notMeasured : Formats.bytes(s.tableBytes()),
                    "The table's own pages with its free space map and visibility map (pg_table_size without "
                            + "TOAST). Sizes take a lock to measure, so they are skipped while DDL holds the table."));
            lines.add(StatisticLine.of("TOAST size", s.toastBytes() == null ? notMeasured : Formats.bytes(s.toastBytes()),
                    "The TOAST table and its index: large values (long text, jsonb, bytea) stored out of line."));
            lines.add(StatisticLine.of("Indexes size", s.indexBytes() == null ? notMeasured : Formats.bytes(s.indexBytes()),
                    "All indexes of this table together (pg_indexes_size)."));
            lines.add(StatisticLine.of("Pages (relpages)", Formats.count(s.relpages()),
                    "Pages of 8 kB as pg_class recorded them at the last VACUUM, ANALYZE or CREATE INDEX: what the "
                            + "planner starts from. Far from the real size means stale statistics."));
            lines.add(StatisticLine.of("Rows estimate (reltuples)",
                    s.reltuples() < 0 ? "unknown (never vacuumed or analyzed)" : Formats.count((long) s.reltuples()),
                    "The planner's row count from pg_class, as of the last VACUUM or ANALYZE. -1 (shown as unknown, "
                            + "14+) means the table was never vacuumed or analyzed."));
        }
        lines.add(StatisticLine.of("Live tuples", Formats.count(s.liveTuples()),
                "Estimated live rows (n_live_tup), kept by the cumulative statistics system; reset when statistics "
                        + "are reset or after a crash."));
        Double deadPct = s.deadTuplePct();
        lines.add(new StatisticLine("Dead tuples", Formats.count(s.deadTuples())
                + (deadPct == null ? "" : String.format(Locale.ROOT, " (%.1f%%)", deadPct)),
                "Row versions deleted or updated away that VACUUM has not removed yet (n_dead_tup). They take space, "
                        + "slow down scans and bloat indexes. Many dead tuples mean autovacuum is not keeping up, is "
                        + "disabled for this table, or a long-running transaction or replication slot holds them "
                        + "back. Autovacuum runs when they exceed autovacuum_vacuum_threshold + "
                        + "autovacuum_vacuum_scale_factor × reltuples.",
                deadPct != null && deadPct >= DEAD_TUPLE_WARNING_PCT ? DetailsStyles.WARNING : null));
        lines.add(StatisticLine.of("Modified since analyze", Formats.count(s.modsSinceAnalyze()),
                "Rows inserted, updated or deleted since the last ANALYZE (n_mod_since_analyze): the planner's "
                        + "statistics do not know about them. Autoanalyze runs when this exceeds "
                        + "autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × reltuples. Autovacuum never "
                        + "analyzes a partitioned parent: run ANALYZE on it yourself."));
        lines.add(StatisticLine.of("Inserted since vacuum", Formats.count(s.insertsSinceVacuum()),
                "Rows inserted since the last VACUUM (n_ins_since_vacuum). Since PostgreSQL 13 inserts alone trigger "
                        + "autovacuum (autovacuum_vacuum_insert_threshold and _scale_factor), which marks pages "
                        + "all-visible for index-only scans and freezes them early."));
        if (storage) {
            Double fraction = s.xidAge() == null || s.freezeMaxAge() <= 0 ? null
                    : (double) s.xidAge() / s.freezeMaxAge();
            lines.add(new StatisticLine("XID age", ageText(s.xidAge(), fraction, s.freezeMaxAge()),
                    "Transactions since this table's relfrozenxid: all rows older than that are frozen. When the "
                            + "age reaches the effective autovacuum_freeze_max_age, autovacuum forces an aggressive "
                            + "anti-wraparound VACUUM that reads the whole table and does not give way to lock "
                            + "conflicts. Near 2^31 (about 2.1 billion) the server stops assigning transaction IDs "
                            + "to prevent wraparound. Lower it with VACUUM (FREEZE) at a quiet time.",
                    level(fraction)));
            Double toastFraction = s.toastXidAge() == null || s.toastFreezeMaxAge() <= 0 ? null
                    : (double) s.toastXidAge() / s.toastFreezeMaxAge();
            lines.add(new StatisticLine("TOAST XID age", s.toastXidAge() == null ? "no TOAST table"
                    : ageText(s.toastXidAge(), toastFraction, s.toastFreezeMaxAge()),
                    "The TOAST table has its own relfrozenxid, is vacuumed on its own thresholds "
                            + "(toast.autovacuum_freeze_max_age) and can be older than the table. The table's "
                            + "effective age is the larger of the two.",
                    level(toastFraction)));
            lines.add(StatisticLine.of("Multixact age", Formats.age(s.mxidAge()),
                    "Age of relminmxid (mxid_age), the larger of the table's and its TOAST table's. Multixacts "
                            + "(rows locked by several transactions, e.g. FOR KEY SHARE from foreign keys) must be "
                            + "frozen too: autovacuum_multixact_freeze_max_age forces a vacuum."));
            lines.add(StatisticLine.of("Freeze max age", Formats.age(s.freezeMaxAge())
                    + (s.toastFreezeMaxAge() != s.freezeMaxAge() ? " (TOAST " + Formats.age(s.toastFreezeMaxAge())
                    + ")" : ""),
                    "The effective autovacuum_freeze_max_age: the server setting, or the table's reloption when "
                            + "lower (autovacuum ignores a higher per-table value)."));
        }
        lines.add(StatisticLine.of("Sequential scans", Formats.count(s.seqScan()),
                "Sequential scans started on this table (seq_scan). Many on a large partition can mean queries "
                        + "without a usable index, or queries that do not prune."));
        lines.add(StatisticLine.of("Index scans", Formats.count(s.idxScan()),
                "Index scans started on this table's indexes (idx_scan)."));
        lines.add(StatisticLine.of("Rows inserted", Formats.count(s.tuplesInserted()),
                "Rows inserted since statistics were last reset (n_tup_ins)."));
        lines.add(StatisticLine.of("Rows updated", Formats.count(s.tuplesUpdated()),
                "Rows updated (n_tup_upd), HOT updates included."));
        lines.add(StatisticLine.of("Rows deleted", Formats.count(s.tuplesDeleted()),
                "Rows deleted (n_tup_del)."));
        Double hot = s.tuplesUpdated() == null || s.tuplesUpdated() == 0 || s.tuplesHotUpdated() == null ? null
                : (double) s.tuplesHotUpdated() / s.tuplesUpdated();
        lines.add(StatisticLine.of("HOT updates", Formats.count(s.tuplesHotUpdated())
                + (hot == null ? "" : " (" + Formats.percent(hot) + " of updates)"),
                "Heap-only tuple updates (n_tup_hot_upd): updates that changed no indexed column and found room on "
                        + "the same page, so no index entry was written. Cheaper and less bloat; a low share may call "
                        + "for a lower fillfactor."));
        lines.add(StatisticLine.of("Last vacuum", time(s.lastVacuum()), "The last manual VACUUM of this table."));
        lines.add(StatisticLine.of("Last autovacuum", time(s.lastAutovacuum()),
                "The last VACUUM by the autovacuum daemon. Never, on a table with dead tuples, means autovacuum "
                        + "has not reached its thresholds or is disabled for it."));
        lines.add(StatisticLine.of("Last analyze", time(s.lastAnalyze()), "The last manual ANALYZE."));
        lines.add(StatisticLine.of("Last autoanalyze", time(s.lastAutoanalyze()),
                "The last ANALYZE by autovacuum (never for partitioned parents)."));
        lines.add(StatisticLine.of("Vacuums (manual / auto)",
                Formats.count(s.vacuumCount()) + " / " + Formats.count(s.autovacuumCount()),
                "How many times this table was vacuumed by hand and by autovacuum (vacuum_count, "
                        + "autovacuum_count) since statistics were last reset."));
        lines.add(StatisticLine.of("Analyzes (manual / auto)",
                Formats.count(s.analyzeCount()) + " / " + Formats.count(s.autoanalyzeCount()),
                "How many times this table was analyzed by hand and by autovacuum (analyze_count, "
                        + "autoanalyze_count)."));
        return lines;
    }

    private static String ageText(Long age, Double fraction, long freezeMaxAge) {
        if (age == null) {
            return "";
        }
        return Formats.age(age) + (fraction == null ? "" : " (" + Formats.percent(fraction) + " of "
                + Formats.age(freezeMaxAge) + ")");
    }

    private static String level(Double fraction) {
        if (fraction == null) {
            return null;
        }
        return fraction >= XID_DANGER ? DetailsStyles.DANGER : fraction >= XID_WARNING ? DetailsStyles.WARNING : null;
    }

    static String time(OffsetDateTime at) {
        return at == null ? "never" : TIME.format(at.atZoneSameInstant(ZoneId.systemDefault()));
    }
}
