package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a partition set is built: declarative partitioning (PARTITION BY) or table inheritance (INHERITS). */
public enum SetKind {
    DECLARATIVE, INHERITANCE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
