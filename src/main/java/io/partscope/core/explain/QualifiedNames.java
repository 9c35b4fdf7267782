package io.partscope.core.explain;

import io.partscope.core.db.Identifiers;

/** How explain results name relations: {@code schema.name}, quoted only where needed, temp schemas as pg_temp. */
final class QualifiedNames {
    private QualifiedNames() {
    }

    static String of(String schema, String name) {
        String shownSchema = schema.startsWith("pg_temp_") ? "pg_temp" : schema;
        return Identifiers.quoteIfNeeded(shownSchema) + "." + Identifiers.quoteIfNeeded(name);
    }
}
