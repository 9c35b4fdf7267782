package io.partscope.core.ops;

import java.util.List;

/**
 * What an operation will do, fully worked out before anything changes: the preflight checks, the steps with their
 * SQL and locks, and the verification that runs at the end. {@code --dry-run} prints this and stops.
 *
 * @param kind "create", "freeze", "detach", "finalize", "split-default"
 * @param target the partition set or partition, schema-qualified as SQL writes it
 * @param summary one sentence: "Create 3 monthly partitions of public.events (2026-05 to 2026-07)"
 */
public record OperationPlan(String kind, String target, String summary, List<Check> preflight, List<Step> steps,
        Verifier verifier) {
    public OperationPlan {
        preflight = List.copyOf(preflight);
        steps = List.copyOf(steps);
    }

    /** Whether a preflight check refused: then nothing may run. */
    public boolean refused() {
        return preflight.stream().anyMatch(c -> c.status() == Check.Status.REFUSE);
    }
}
