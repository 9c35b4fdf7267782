package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The partitioning strategy of a declaratively partitioned table ({@code pg_partitioned_table.partstrat}). */
public enum Strategy {
    RANGE, LIST, HASH;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From {@code partstrat}: 'r', 'l', 'h'; null for anything else. */
    public static Strategy fromCatalog(String partstrat) {
        if (partstrat == null) {
            return null;
        }
        return switch (partstrat) {
            case "r" -> RANGE;
            case "l" -> LIST;
            case "h" -> HASH;
            default -> null;
        };
    }
}
