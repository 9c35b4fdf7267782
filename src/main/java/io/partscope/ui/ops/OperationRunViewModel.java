package io.partscope.ui.ops;

import io.partscope.core.db.Database;
import io.partscope.core.db.Environment;
import io.partscope.core.ops.BackendSignal;
import io.partscope.core.ops.Blocker;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.OperationListener;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.ProgressProbe;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.StepOutcome;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs a plan on {@link OperationRunner} in a background task and shows it: each step's state, the current step's
 * progress, a log. Listener events hop to the FX thread; the FX thread never waits on the database. Use from the FX
 * thread.
 */
public final class OperationRunViewModel {
    /** A step's line on the Run page. */
    public static final class StepLine {
        private final String title;
        private final StringProperty state = new SimpleStringProperty("waiting");

        StepLine(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public StringProperty stateProperty() {
            return state;
        }

        @Override
        public String toString() {
            return title + " — " + state.get();
        }
    }

    private final Activity activity;
    private final Database database;
    private final Journal journal;
    private final ObservableList<StepLine> steps = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    /** The sessions a waiting step waits for (DETACH CONCURRENTLY), as the last reading saw them. */
    private final ObservableList<Blocker> blockers = FXCollections.observableArrayList();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ObjectProperty<OperationOutcome> outcome = new SimpleObjectProperty<>();
    /** What the last cancel or terminate of a blocking session did ({@link BackendSignal}), or empty. */
    private final StringProperty signalResult = new SimpleStringProperty("");
    private final boolean readOnly;
    private volatile OperationRunner runner;
    /** The task's cancellation: cancelling it stops the runner, which then reports CANCELLED (rolled back). */
    private volatile io.partscope.core.db.Cancellation taskCancellation;

    public OperationRunViewModel(Activity activity, Database database, Environment environment) {
        this(activity, database, environment, false);
    }

    /** @param readOnly the profile is read-only: blocking sessions may not be cancelled or terminated either */
    public OperationRunViewModel(Activity activity, Database database, Environment environment, boolean readOnly) {
        this.activity = activity;
        this.database = database;
        this.journal = Journal.standard(environment);
        this.readOnly = readOnly;
    }

    /** Empty when a blocking session may be cancelled or terminated from the wait panel, else why not. */
    public String signalDisabledReason() {
        return readOnly ? BackendSignal.READ_ONLY_REASON : "";
    }

    /**
     * Cancels the query of, or terminates, a session the step waits for (after the user confirmed it); the result
     * goes to {@link #signalResultProperty()} and the log. The wait panel updates with the probe's next reading.
     */
    public void signal(BackendSignal.Kind kind, Blocker blocker) {
        signalResult.set("");
        activity.run(kind.label() + ": pid " + blocker.pid(), BackgroundTask.of("signal backend",
                cancellation -> BackendSignal.send(database, kind, blocker, readOnly))
                .onSuccess(r -> {
                    signalResult.set(r.message());
                    log.add("  " + r.message());
                })
                .onFailure(failure -> {
                    String message = kind.label() + " of pid " + blocker.pid() + " failed: "
                            + (failure.getMessage() == null ? failure.toString() : failure.getMessage());
                    signalResult.set(message);
                    log.add("  " + message);
                }));
    }

    /** The wait panel's sessions as a reading would set them (the view's tests, which run no operation). */
    void showBlockers(java.util.List<Blocker> now) {
        blockers.setAll(now);
    }

    /** Starts the plan; the outcome property is set when it ends (never for a refused plan: it cannot start). */
    public void start(OperationPlan plan, ProgressProbe probe) {
        if (running.get() || plan.refused()) {
            return;
        }
        steps.setAll(plan.steps().stream().map(s -> new StepLine(s.title())).toList());
        runningStep = null;
        log.clear();
        outcome.set(null);
        running.set(true);
        OperationListener listener = new OperationListener() {
            @Override
            public void stepStarted(int index, Step step) {
                fx(() -> {
                    runningStep = step;
                    state(index, "running");
                    progress.set(-1);
                    progressText.set(step.title());
                    log.add("▶ " + step.title());
                });
            }

            @Override
            public void statementStarted(int stepIndex, String sql) {
                fx(() -> log.add("  " + firstLine(sql)));
            }

            @Override
            public void retrying(int stepIndex, int attempt, String reason, Duration backoff) {
                fx(() -> {
                    state(stepIndex, "retrying (" + reason + ")");
                    log.add("  retry " + attempt + " in " + backoff.toMillis() + " ms: " + reason);
                });
            }

            @Override
            public void progress(int stepIndex, String text, double fraction) {
                fx(() -> {
                    progress.set(fraction);
                    progressText.set(text);
                });
            }

            @Override
            public void blockers(int stepIndex, java.util.List<Blocker> now) {
                fx(() -> {
                    java.util.Set<Integer> before = new java.util.HashSet<>();
                    blockers.forEach(b -> before.add(b.pid()));
                    java.util.Set<Integer> after = new java.util.HashSet<>();
                    now.forEach(b -> after.add(b.pid()));
                    blockers.setAll(now);
                    if (!before.equals(after)) {
                        log.add(now.isEmpty() ? "  no longer waiting" : "  waiting for " + String.join(", ",
                                now.stream().map(b -> "pid " + b.pid()).toList()));
                    }
                });
            }

            @Override
            public void stepFinished(int index, StepOutcome o) {
                fx(() -> {
                    blockers.clear();
                    state(index, o.status().json() + (o.error() == null ? "" : ": " + o.error()));
                    // The statements were logged as they started; here only how long each took.
                    if (o.statementMillis().size() > 1) {
                        for (int i = 0; i < o.statementMillis().size(); i++) {
                            log.add("  statement " + (i + 1) + ": " + o.statementMillis().get(i) + " ms");
                        }
                    }
                    log.add((o.status() == StepOutcome.Status.DONE ? "✔ " : "✖ ") + o.title() + " ("
                            + o.millis() + " ms" + (o.attempts() > 1 ? ", " + o.attempts() + " attempts" : "")
                            + ")" + (o.error() == null ? "" : ": " + o.error()));
                    progress.set(1);
                });
            }
        };
        activity.run("Running: " + plan.summary(), BackgroundTask.of("operation", cancellation -> {
            OperationRunner r = new OperationRunner(database, ExecutionOptions.DEFAULTS, listener, cancellation)
                    .journal(journal).progressProbe(probe);
            runner = r;
            taskCancellation = cancellation;
            return r.run(plan);
        }).whenDone(() -> {
            blockers.clear();
            running.set(false);
            paused.set(false);
        }).onSuccess(result -> {
            // logged first: the outcome's listeners (the wizard) append what is left to finish after it
            log.add(result.status().json() + ": " + result.message());
            outcome.set(result);
        }).onFailure(failure -> log.add("failed: " + failure.getMessage()))
                .onCancelled(() -> log.add("cancelled")));
    }

    public void pause() {
        OperationRunner r = runner;
        if (r != null && running.get()) {
            r.pause();
            paused.set(true);
            log.add("paused: the running step finishes, the next one waits");
        }
    }

    public void resume() {
        OperationRunner r = runner;
        if (r != null) {
            r.resume();
            paused.set(false);
            log.add("resumed");
        }
    }

    /** The step that started last (FX thread), for what a cancel can promise. */
    private Step runningStep;

    /** Cancels the running statement on the server; the runner rolls back and reports CANCELLED. */
    public void cancel() {
        OperationRunner r = runner;
        if (r != null) {
            r.resume();
        }
        io.partscope.core.db.Cancellation c = taskCancellation;
        if (c != null && running.get()) {
            c.cancel();
            Step step = runningStep;
            // Only a transactional step is rolled back: an autocommit one (DETACH CONCURRENTLY, VACUUM) keeps what
            // it committed, e.g. a partition already PENDING DETACH.
            log.add(step == null || step.transactional()
                    ? "cancelling: the running statement is cancelled and its step rolled back"
                    : "cancelling: the running statement is cancelled; it runs outside a transaction, so what it"
                            + " already committed stays (the summary says what is left)");
        }
    }

    private void state(int index, String text) {
        if (index >= 0 && index < steps.size()) {
            steps.get(index).stateProperty().set(text);
            steps.set(index, steps.get(index)); // refresh the list cell
        }
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl) + " …";
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
    }

    public Path journalFile() {
        return journal.file();
    }

    public ObservableList<StepLine> steps() {
        return steps;
    }

    public ObservableList<Blocker> blockers() {
        return blockers;
    }

    public ObservableList<String> log() {
        return log;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public StringProperty signalResultProperty() {
        return signalResult;
    }

    public ObjectProperty<OperationOutcome> outcomeProperty() {
        return outcome;
    }
}
