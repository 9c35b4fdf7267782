package io.partscope.core.explain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a query did with one leaf of a partition set, from most to least work. */
public enum LeafState {
    /** Appears as a scan node (and, with ANALYZE, ran at least once). */
    SCANNED("scanned"),
    /** Appears as a scan node but, with ANALYZE, ran zero times: pruned at run time (or cut short by a LIMIT). */
    NEVER_EXECUTED("never executed"),
    /** Kept by the planner, removed when the executor started (generic-plan parameters, stable functions). */
    REMOVED_AT_EXECUTOR_START("removed at executor start"),
    /** Pruned while planning: the cheapest outcome. */
    PRUNED_AT_PLAN_TIME("pruned at plan time");

    private final String label;

    LeafState(String label) {
        this.label = label;
    }

    /** For people: "pruned at plan time". */
    public String label() {
        return label;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
