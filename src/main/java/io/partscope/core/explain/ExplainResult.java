package io.partscope.core.explain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The outcome of one EXPLAIN: per partition set the query names, what it scanned and pruned; the plans; and the
 * server's own JSON, passed through unchanged as {@code plan}.
 *
 * @param rolledBack true when ANALYZE ran a data-modifying statement, whose changes were rolled back
 * @param readOnly the query ran in a read-only transaction (always, except an ANALYZE of a data-modifying statement
 *     on a profile that is not read-only)
 * @param warning what the run left behind that the rollback does not undo ({@link Explainer#DATA_CHANGE_WARNING}),
 *     or null
 * @param analysisMillis time spent on Partscope's side (parsing and attributing), not the server's
 */
@JsonPropertyOrder({"query", "setup", "analyze", "server_version", "targets", "findings", "planning_time_ms",
        "execution_time_ms", "rolled_back", "read_only", "warning", "plan"})
public record ExplainResult(
        String query,
        List<String> setup,
        boolean analyze,
        String serverVersion,
        List<PruningTarget> targets,
        List<PruningFinding> findings,
        Double planningTimeMs,
        Double executionTimeMs,
        boolean rolledBack,
        boolean readOnly,
        String warning,
        @JsonIgnore List<ExplainPlan> plans,
        @JsonIgnore long analysisMillis,
        @JsonRawValue String plan) {

    public ExplainResult {
        setup = List.copyOf(setup);
        targets = List.copyOf(targets);
        findings = List.copyOf(findings);
        plans = List.copyOf(plans);
    }

    /** A result of a read-only run (previews and tests without a server). */
    public ExplainResult(String query, List<String> setup, boolean analyze, String serverVersion,
            List<PruningTarget> targets, List<PruningFinding> findings, Double planningTimeMs, Double executionTimeMs,
            boolean rolledBack, List<ExplainPlan> plans, long analysisMillis, String plan) {
        this(query, setup, analyze, serverVersion, targets, findings, planningTimeMs, executionTimeMs, rolledBack, true,
                null, plans, analysisMillis, plan);
    }

    /** The same result with these lint findings. */
    public ExplainResult withFindings(List<PruningFinding> list) {
        return new ExplainResult(query, setup, analyze, serverVersion, targets, list, planningTimeMs, executionTimeMs,
                rolledBack, readOnly, warning, plans, analysisMillis, plan);
    }
}
