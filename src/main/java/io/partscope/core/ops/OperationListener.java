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

    default void stepFinished(int index, StepOutcome outcome) {
    }
}
