package io.partscope.core.ops;

import com.fasterxml.jackson.annotation.JsonValue;
import io.partscope.core.db.ErrorKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How an operation ended: each step's outcome and the verification.
 *
 * @param message one or two sentences for people: why it failed and what state is left, the refusal, or
 *     "3 steps done" (with the number of verification warnings); never null
 * @param errorKind for FAILED, CANCELLED and REFUSED: the kind of failure (its exit code in the CLI), e.g.
 *     CONNECTION_LOST when the connection broke mid-operation; null otherwise
 */
public record OperationOutcome(OperationPlan plan, Status status, Instant started, Instant finished,
        List<StepOutcome> steps, List<Check> verification, String message, ErrorKind errorKind) {
    public enum Status {
        /** Every step ran and the verification passed (possibly with warnings). */
        SUCCEEDED,
        /** A step failed (after its retries) or the verification refused; the message says what is left. */
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
        message = message == null ? "" : message;
    }

    public OperationOutcome(OperationPlan plan, Status status, Instant started, Instant finished,
            List<StepOutcome> steps, List<Check> verification) {
        this(plan, status, started, finished, steps, verification, "", null);
    }

    /** Verification checks that warned (a SUCCEEDED operation may have some). */
    public List<Check> warnings() {
        return verification.stream().filter(c -> c.status() == Check.Status.WARN).toList();
    }

    /** How many steps are done (committed). */
    public long stepsDone() {
        return steps.stream().filter(s -> s.status() == StepOutcome.Status.DONE).count();
    }
}
