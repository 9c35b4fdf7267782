package io.partscope.ui.task;

import io.partscope.core.db.Cancellation;

/**
 * Work that runs off the FX thread. It receives the {@link Cancellation} of its task, so statements it runs can be
 * cancelled on the server when the user presses Cancel.
 *
 * @param <T> the result delivered to the FX thread
 */
@FunctionalInterface
public interface BackgroundWork<T> {
    T run(Cancellation cancellation) throws Exception;
}
