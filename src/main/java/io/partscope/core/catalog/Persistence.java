package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code pg_class.relpersistence}. Unlogged members are lost on a crash: the tree flags them. */
public enum Persistence {
    PERMANENT("permanent"), UNLOGGED("unlogged"), TEMPORARY("temporary");

    private final String json;

    Persistence(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    public static Persistence fromCatalog(String relpersistence) {
        return switch (relpersistence) {
            case "u" -> UNLOGGED;
            case "t" -> TEMPORARY;
            default -> PERMANENT;
        };
    }
}
