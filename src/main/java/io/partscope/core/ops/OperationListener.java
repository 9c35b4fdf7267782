package io.partscope.core.ops;

/**
 * Live events of a running operation, on the thread that runs it (the app hops to the FX thread itself). Every
 * method has a no-op default.
 */
public interface OperationListener {
    OperationListener NONE = new OperationListener() {
    };

    default void stepStarted(int index, Step step) {
    }

    /** A statement is about to run (for the live log). */
    default void statementStarted(int stepIndex, String sql) {
    }

    /** A lock timeout; the step is retried after the backoff. */
    default void retrying(int stepIndex, int attempt, String reason, java.time.Duration backoff) {
    }

    /** Progress inside a long step (a VACUUM's phase and blocks), from a second session. */
    default void progress(int stepIndex, String text, double fraction) {
    }

    /**
     * The sessions a waiting step waits for (DETACH CONCURRENTLY: transactions holding locks on the parent), read
     * from a second session with each progress reading; an empty list: it no longer waits.
     */
    default void blockers(int stepIndex, java.util.List<Blocker> blockers) {
    }

    default void stepFinished(int index, StepOutcome outcome) {
    }
}
