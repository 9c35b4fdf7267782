package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a member relation is ({@code pg_class.relkind}), limited to what can be in a partition set. */
public enum RelKind {
    TABLE("table"), PARTITIONED_TABLE("partitioned_table"), FOREIGN_TABLE("foreign_table");

    private final String json;

    RelKind(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    public static RelKind fromCatalog(String relkind) {
        return switch (relkind) {
            case "p" -> PARTITIONED_TABLE;
            case "f" -> FOREIGN_TABLE;
            default -> TABLE;
        };
    }

    /** Whether the relation has storage of its own (heap pages, XID age, statistics). */
    public boolean hasStorage() {
        return this == TABLE;
    }
}
