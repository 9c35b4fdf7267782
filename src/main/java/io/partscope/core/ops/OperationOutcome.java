package io.partscope.core.ops;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** How an operation ended: each step's outcome and the verification. */
public record OperationOutcome(OperationPlan plan, Status status, Instant started, Instant finished,
        List<StepOutcome> steps, List<Check> verification) {
    public enum Status {
        /** Every step ran and the verification passed. */
        SUCCEEDED,
        /** A step failed (after its retries) or the verification failed; the message says what is left. */
        FAILED,
        /** Stopped by the user between or during steps. */
        CANCELLED,
        /** A preflight check refused; nothing ran. */
        REFUSED,
        /** --dry-run: nothing ran. */
        DRY_RUN;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OperationOutcome {
        steps = List.copyOf(steps);
        verification = List.copyOf(verification);
    }
}
