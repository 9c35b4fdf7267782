package io.partscope.core.explain.lint;

import java.util.Locale;
import java.util.Set;

/**
 * One column or expression of a partition key, at one level of a set; or, for an inheritance set, a column its
 * children's CHECK constraints name.
 *
 * @param level 0 for the root's key, 1 for the sub-partitions' keys, ...
 * @param strategy "range", "list", "hash", or "inheritance"
 * @param column the key column, or null for an expression key
 * @param expression the key expression as pg_get_partkeydef writes it ({@code lower(name)}), or null for a column
 * @param columns the columns the key reads (the column itself, or those the expression names)
 * @param type the column's type ({@code timestamp with time zone}); for an expression, the operator class's type
 * @param opfamily the key's operator family ({@code integer_ops}), null for inheritance
 * @param keyCollation the collation the key is partitioned under, null for a type without collation
 * @param columnCollation the column's own collation, null for an expression or a type without collation
 */
public record KeyPart(int level, String strategy, String column, String expression, Set<String> columns,
        String type, String opfamily, String keyCollation, String columnCollation) {

    public KeyPart {
        columns = Set.copyOf(columns);
    }

    /** The key as SQL writes it: the quoted-where-needed column, or the expression. */
    public String sql() {
        return column != null ? io.partscope.core.db.Identifiers.quoteIfNeeded(column) : expression;
    }

    public boolean isRange() {
        return "range".equals(strategy);
    }

    /** Whether the key's type is one of the integer types (for rounding a numeric constant). */
    public boolean isInteger() {
        String t = baseType(type);
        return t.equals("integer") || t.equals("bigint") || t.equals("smallint");
    }

    /** The type without its modifier: {@code character varying(20)} is {@code character varying}. */
    static String baseType(String type) {
        if (type == null) {
            return "";
        }
        int paren = type.indexOf('(');
        return (paren < 0 ? type : type.substring(0, paren)).strip().toLowerCase(Locale.ROOT);
    }
}
