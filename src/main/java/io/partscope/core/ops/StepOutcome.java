package io.partscope.core.ops;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** How one step ended: its SQL, how long it took, how many attempts, and the error if it failed. */
public record StepOutcome(String title, List<String> statements, Status status, long millis, int attempts,
        String error, String sqlState) {
    public enum Status {
        DONE, FAILED, CANCELLED, SKIPPED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StepOutcome {
        statements = List.copyOf(statements);
    }
}
