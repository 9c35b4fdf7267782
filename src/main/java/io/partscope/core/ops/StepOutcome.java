package io.partscope.core.ops;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * How one step ended: its SQL, how long it took, how many attempts, and the error if it failed.
 *
 * @param statementMillis how long each statement of the last attempt took, in the order of {@code statements}
 *     (shorter than {@code statements} when the step stopped part-way; empty when it did not run)
 */
public record StepOutcome(String title, List<String> statements, Status status, long millis, int attempts,
        String error, String sqlState, List<Long> statementMillis) {
    public enum Status {
        DONE, FAILED, CANCELLED, SKIPPED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StepOutcome {
        statements = List.copyOf(statements);
        statementMillis = statementMillis == null ? List.of() : List.copyOf(statementMillis);
    }

    public StepOutcome(String title, List<String> statements, Status status, long millis, int attempts,
            String error, String sqlState) {
        this(title, statements, status, millis, attempts, error, sqlState, List.of());
    }

    /** A step that did not run. */
    public static StepOutcome skipped(Step step) {
        return new StepOutcome(step.title(), step.statements(), Status.SKIPPED, 0, 0, null, null, List.of());
    }
}
