package io.partscope.ui.task;

import io.partscope.core.db.Cancellation;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks as {@link javafx.concurrent.Task}s on a small pool of named daemon threads; their callbacks run on the
 * FX thread. Cancelling marks the task cancelled at once (the UI stops waiting) and asks the server to cancel the
 * running statement from a separate thread, because {@code Statement.cancel()} opens a connection of its own and
 * the FX thread must never wait on the network.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService workers;
    private final ExecutorService cancellers;

    /** @param threads how many tasks may run at once */
    public FxTaskExecutor(int threads) {
        this.workers = Executors.newFixedThreadPool(threads, daemonThreads("partscope-worker"));
        this.cancellers = Executors.newCachedThreadPool(daemonThreads("partscope-cancel"));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Cancellation cancellation = new Cancellation();
        Task<T> fxTask = new Task<>() {
            @Override
            protected T call() throws Exception {
                LOG.debug("task '{}' started", task.name());
                return task.work().run(cancellation);
            }
        };
        fxTask.setOnSucceeded(event -> task.succeeded(fxTask.getValue()));
        fxTask.setOnFailed(event -> {
            Throwable failure = fxTask.getException();
            LOG.debug("task '{}' failed", task.name(), failure);
            task.failed(failure);
        });
        fxTask.setOnCancelled(event -> {
            LOG.debug("task '{}' cancelled", task.name());
            task.cancelled();
        });
        workers.execute(fxTask);
        return new TaskHandle() {
            @Override
            public void cancel() {
                if (fxTask.isDone()) {
                    return;
                }
                cancellers.execute(cancellation::cancel);
                // Not interrupting: an interrupt inside the pool or the driver can poison a pooled connection.
                fxTask.cancel(false);
            }

            @Override
            public boolean isDone() {
                return fxTask.isDone();
            }
        };
    }

    @Override
    public void close() {
        workers.shutdown();
        cancellers.shutdown();
    }

    /**
     * After {@link #close()}: waits up to the timeout for queued work (closing pools) to finish. Only for
     * application exit, when no window is left to freeze.
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
