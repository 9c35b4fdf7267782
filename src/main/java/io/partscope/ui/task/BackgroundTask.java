package io.partscope.ui.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A unit of background work and what to do with its outcome. Exactly one of the callbacks runs, on the FX thread
 * (or on the calling thread with a synchronous executor): success, failure, or cancelled.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {
    private final String name;
    private final BackgroundWork<T> work;
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure = failure -> { };
    private Runnable onCancelled = () -> { };
    private final List<Runnable> whenDone = new ArrayList<>();

    private BackgroundTask(String name, BackgroundWork<T> work) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** @param name a short description, used in thread names and logs (e.g. "connect", "read catalog") */
    public static <T> BackgroundTask<T> of(String name, BackgroundWork<T> work) {
        return new BackgroundTask<>(name, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Runs before the outcome callback, whatever the outcome (bookkeeping such as clearing a busy flag). */
    public BackgroundTask<T> whenDone(Runnable callback) {
        whenDone.add(Objects.requireNonNull(callback));
        return this;
    }

    public String name() {
        return name;
    }

    public BackgroundWork<T> work() {
        return work;
    }

    void succeeded(T result) {
        done();
        onSuccess.accept(result);
    }

    void failed(Throwable failure) {
        done();
        onFailure.accept(failure);
    }

    void cancelled() {
        done();
        onCancelled.run();
    }

    private void done() {
        whenDone.forEach(Runnable::run);
    }
}
