package io.partscope.ui.task;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The work the window is waiting for. ViewModels start their tasks here instead of on the executor directly, so
 * one progress indicator and one Cancel button serve every feature. Use from the FX thread only.
 */
public final class Activity {
    private final TaskExecutor executor;
    private final ObservableList<Running> running = FXCollections.observableArrayList();
    private final BooleanBinding busy = Bindings.isNotEmpty(running);
    private final StringBinding description = Bindings.createStringBinding(
            () -> running.isEmpty() ? "" : running.get(running.size() - 1).description, running);

    public Activity(TaskExecutor executor) {
        this.executor = executor;
    }

    /**
     * Starts the task and shows it as running until it finishes.
     *
     * @param description what the user waits for, e.g. "Connecting to postgres@db1:5432/app"
     */
    public <T> TaskHandle run(String description, BackgroundTask<T> task) {
        Running entry = new Running(description);
        running.add(entry);
        task.whenDone(() -> running.remove(entry));
        entry.handle = executor.execute(task);
        return entry.handle;
    }

    /** Starts bookkeeping work the user does not wait for (closing a pool): no progress, no Cancel. */
    public <T> TaskHandle runInBackground(BackgroundTask<T> task) {
        return executor.execute(task);
    }

    /** Cancels everything still running. */
    public void cancelAll() {
        for (Running entry : new ArrayList<>(running)) {
            if (entry.handle != null) {
                entry.handle.cancel();
            }
        }
    }

    /** True while any task runs. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** What the most recently started running task does; empty when idle. */
    public StringBinding descriptionProperty() {
        return description;
    }

    List<String> runningDescriptions() {
        return running.stream().map(r -> r.description).toList();
    }

    private static final class Running {
        private final String description;
        private TaskHandle handle;

        Running(String description) {
            this.description = description;
        }
    }
}
