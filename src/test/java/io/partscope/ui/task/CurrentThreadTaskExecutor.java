package io.partscope.ui.task;

import io.partscope.core.db.Cancellation;

/** Runs each task to its end on the calling thread, callbacks included: for ViewModel tests without a toolkit. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        T result;
        try {
            result = task.work().run(new Cancellation());
        } catch (Exception e) {
            task.failed(e);
            return TaskHandle.NONE;
        }
        task.succeeded(result);
        return TaskHandle.NONE;
    }

    @Override
    public void close() {
    }
}
