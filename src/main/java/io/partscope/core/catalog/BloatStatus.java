package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far the bloat estimate can be trusted. The estimate comes from planner statistics (reltuples, relpages,
 * pg_stats widths), so it is only as good as the last ANALYZE.
 */
public enum BloatStatus {
    /** Estimated from current statistics. */
    ESTIMATED("estimated"),
    /** Never analyzed, or pg_stats lacks columns (or the role may not read them): no estimate. */
    NO_STATISTICS("no_statistics"),
    /** Many rows changed since the last ANALYZE: an estimate would mislead. */
    STALE_STATISTICS("stale_statistics"),
    /** Partitioned or foreign tables have no heap of their own. */
    NOT_APPLICABLE("not_applicable");

    private final String json;

    BloatStatus(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
