package io.partscope.ui.explain;

import io.partscope.core.db.Database;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.ExplainRequest;
import io.partscope.core.explain.Explainer;
import io.partscope.core.explain.QueryHistory;
import io.partscope.core.explain.StatementText;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the EXPLAIN pane of one connection: the query and its setup, the history, the latest run (B), the pinned
 * run (A) and their comparison, the server's error of a failed run. EXPLAIN runs off the FX thread through the
 * session's {@link Activity}; the FX thread never waits on the database. Use from the FX thread only.
 */
public final class ExplainViewModel {

    /** The server's answer to a bad query, shown under the editor. */
    public record ServerError(String message, String detail, String hint, String sqlState) {
    }

    private final Activity activity;
    private final Supplier<Database> database;
    private final BiConsumer<String, Throwable> errors;
    private final QueryHistory historyStore;

    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty setupText = new SimpleStringProperty("");
    private final ObjectProperty<ExplainSetup.PlanCacheMode> planCacheMode =
            new SimpleObjectProperty<>(ExplainSetup.PlanCacheMode.AUTO);
    private final BooleanProperty partitionPruning = new SimpleBooleanProperty(true);
    private final BooleanProperty analyze = new SimpleBooleanProperty(false);
    private final BooleanBinding rolledBackWarning;

    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Write a query and press Ctrl+Enter");
    private final ReadOnlyObjectWrapper<ServerError> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ExplainRun> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ExplainRun> pinned = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LeafComparison> comparison = new ReadOnlyObjectWrapper<>();

    private TaskHandle runningTask = TaskHandle.NONE;
    private BooleanSupplier readOnlyProfile = () -> false;
    private Predicate<String> confirmDataChange = warning -> true;

    public ExplainViewModel(Activity activity, Supplier<Database> database, BiConsumer<String, Throwable> errors) {
        this(activity, database, errors, QueryHistory.standard(Environment.system()));
    }

    public ExplainViewModel(Activity activity, Supplier<Database> database, BiConsumer<String, Throwable> errors,
            QueryHistory historyStore) {
        this.activity = activity;
        this.database = database;
        this.errors = errors;
        this.historyStore = historyStore;
        this.rolledBackWarning = Bindings.createBooleanBinding(
                () -> analyze.get() && mayModifyData(query.get()), analyze, query);
        activity.runInBackground(BackgroundTask.<List<String>>of("read query history", c -> historyStore.load())
                .onSuccess(loaded -> {
                    if (history.isEmpty()) {
                        history.setAll(loaded);
                    }
                })
                .onFailure(failure -> errors.accept("Read the query history", failure)));
    }

    static boolean mayModifyData(String sql) {
        if (sql == null || sql.isBlank()) {
            return false;
        }
        try {
            return StatementText.of(sql, "query").mayModifyData();
        } catch (PartscopeException e) {
            return false;
        }
    }

    /** Whether the tab's profile is read-only (production): EXPLAIN then never runs a data-modifying statement. */
    public void setReadOnlyProfile(BooleanSupplier readOnly) {
        this.readOnlyProfile = readOnly;
    }

    /**
     * Asked, with {@link Explainer#DATA_CHANGE_WARNING}, before an ANALYZE of a data-modifying statement runs on a
     * profile that is not read-only; false keeps it from running. The pane asks the user.
     */
    public void setConfirmDataChange(Predicate<String> confirm) {
        this.confirmDataChange = confirm;
    }

    /** The current toggles and setup statements. */
    public ExplainSetup setup() {
        return new ExplainSetup(planCacheMode.get(), partitionPruning.get(), analyze.get(), setupText.get());
    }

    /** Runs the EXPLAIN of the query with the current setup; a run still going is cancelled first. */
    public void run() {
        String sql = query.get() == null ? "" : query.get().strip();
        if (sql.isEmpty()) {
            status.set("Write a query first");
            return;
        }
        Database db = database.get();
        if (db == null) {
            status.set("Not connected");
            return;
        }
        runningTask.cancel();
        ExplainSetup setup = setup();
        ExplainRequest request = setup.request(sql).withReadOnly(readOnlyProfile.getAsBoolean());
        try {
            String warning = Explainer.dataChangeWarning(request);
            if (warning != null && !confirmDataChange.test(warning)) {
                status.set("Not run");
                return;
            }
        } catch (PartscopeException e) {
            // refused before anything runs (a read-only profile, two statements, ...): shown like a server error
            clearResult();
            error.set(new ServerError(e.getMessage(), e.detail(), e.hint(), e.sqlState()));
            status.set("EXPLAIN refused");
            return;
        }
        ExplainRun a = pinned.get();
        error.set(null);
        running.set(true);
        status.set(setup.analyze() ? "Running EXPLAIN ANALYZE…" : "Running EXPLAIN…");
        remember(sql);
        long started = System.nanoTime();
        BackgroundTask<Outcome> task = BackgroundTask.<Outcome>of("explain", cancellation -> {
            ExplainRun run = new ExplainRun(sql, setup, Explainer.explain(db, request, cancellation));
            return new Outcome(run, a == null ? null : new LeafComparison(a, run));
        });
        TaskHandle[] self = new TaskHandle[1];
        task.whenDone(() -> {
            if (runningTask == self[0]) {
                running.set(false);
            }
        }).onSuccess(outcome -> {
            result.set(outcome.run());
            comparison.set(outcome.comparison());
            status.set(describe(outcome.run(), (System.nanoTime() - started) / 1_000_000));
        }).onFailure(this::failed).onCancelled(() -> {
            if (runningTask == self[0]) {
                status.set("Cancelled");
            }
        });
        self[0] = activity.run("EXPLAIN " + abbreviate(sql), task);
        runningTask = self[0];
    }

    private record Outcome(ExplainRun run, LeafComparison comparison) {
    }

    private void failed(Throwable failure) {
        Throwable t = failure;
        while (!(t instanceof PartscopeException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof PartscopeException e) {
            if (e.kind() == ErrorKind.QUERY_CANCELLED) {
                status.set("Cancelled");
                return;
            }
            clearResult();
            error.set(new ServerError(e.getMessage(), e.detail(), e.hint(), e.sqlState()));
            status.set("EXPLAIN failed");
            return;
        }
        clearResult();
        status.set("EXPLAIN failed");
        errors.accept("Explain", failure);
    }

    /**
     * Takes the last run's plan, leaf grid, lint and comparison off the screen: under the error of a new query they
     * would read as its results. A pinned A stays pinned.
     */
    private void clearResult() {
        result.set(null);
        comparison.set(null);
    }

    /** Shows a finished run as if it had just arrived (previews and tests without a server). */
    void showResult(ExplainRun run, LeafComparison against) {
        result.set(run);
        comparison.set(against);
    }

    /** Stops the running EXPLAIN: the statement is cancelled on the server. */
    public void cancel() {
        if (!runningTask.isDone()) {
            runningTask.cancel();
            running.set(false);
            status.set("Cancelled");
        }
    }

    /** Keeps the latest result as A; the next run is compared with it. */
    public void pin() {
        if (result.get() != null) {
            pinned.set(result.get());
            comparison.set(null);
            status.set("Pinned as A: change the setup or the query and run again to compare");
        }
    }

    public void unpin() {
        pinned.set(null);
        comparison.set(null);
    }

    private void remember(String sql) {
        List<String> updated = QueryHistory.with(history, sql);
        history.setAll(updated);
        activity.runInBackground(BackgroundTask.of("save query history", c -> {
            historyStore.save(updated);
            return null;
        }).onFailure(failure -> errors.accept("Save the query history", failure)));
    }

    private static String describe(ExplainRun run, long millis) {
        StringBuilder s = new StringBuilder();
        int sets = run.targets().size();
        s.append(sets == 0 ? "No partition set in this query" : sets == 1 ? "1 partition set" : sets + " partition sets");
        if (run.result().planningTimeMs() != null) {
            s.append(" · planned in ").append(ms(run.result().planningTimeMs()));
        }
        if (run.result().executionTimeMs() != null) {
            s.append(" · executed in ").append(ms(run.result().executionTimeMs()));
        }
        if (run.result().rolledBack()) {
            s.append(" · changes rolled back");
        }
        s.append(" · ").append(millis).append(" ms in all");
        return s.toString();
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.1f ms", value);
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "…";
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty setupTextProperty() {
        return setupText;
    }

    public ObjectProperty<ExplainSetup.PlanCacheMode> planCacheModeProperty() {
        return planCacheMode;
    }

    public BooleanProperty partitionPruningProperty() {
        return partitionPruning;
    }

    public BooleanProperty analyzeProperty() {
        return analyze;
    }

    /** ANALYZE is on and the query may change data: it runs inside a transaction that is rolled back. */
    public BooleanBinding rolledBackWarningProperty() {
        return rolledBackWarning;
    }

    /** Recent queries, newest first. */
    public ObservableList<String> history() {
        return history;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ServerError> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExplainRun> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExplainRun> pinnedProperty() {
        return pinned.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LeafComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }
}
