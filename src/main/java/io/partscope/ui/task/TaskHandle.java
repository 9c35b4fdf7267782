package io.partscope.ui.task;

/** A running {@link BackgroundTask}, as seen by the code that started it. */
public interface TaskHandle {

    /**
     * Stops the task: its running statement is cancelled on the server (without the caller waiting for that), and
     * its outcome is discarded; only the task's cancelled callback runs. Does nothing once the task has finished.
     */
    void cancel();

    /** Whether the task has finished (succeeded, failed or cancelled). */
    boolean isDone();

    /** A handle for no task at all. */
    TaskHandle NONE = new TaskHandle() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };
}
