package io.partscope.ui.task;

/**
 * The one way UI code runs work that may block (JDBC, files): the work runs elsewhere and its outcome comes back on
 * the FX thread. ViewModels receive an executor in their constructor, so tests can pass a synchronous one.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Starts the task and returns at once. */
    <T> TaskHandle execute(BackgroundTask<T> task);

    /** Cancels nothing; stops accepting tasks. Running work finishes on its daemon threads. */
    @Override
    void close();
}
