package io.partscope.core.catalog;

import io.partscope.core.db.Identifiers;

/** A schema-qualified relation name, as the catalog spells it (unquoted). */
public record RelationName(String schema, String name) implements Comparable<RelationName> {

    /** The name as SQL writes it: {@code schema.name}, each part quoted only where it needs quotes. */
    public String qualified() {
        return Identifiers.quoteIfNeeded(schema) + "." + Identifiers.quoteIfNeeded(name);
    }

    @Override
    public int compareTo(RelationName o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return qualified();
    }
}
