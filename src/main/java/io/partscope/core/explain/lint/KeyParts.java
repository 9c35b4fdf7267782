package io.partscope.core.explain.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds {@link KeyPart}s from the catalog's rows (partition_keys.sql). */
public final class KeyParts {
    private KeyParts() {
    }

    /**
     * @param strategy pg_partitioned_table.partstrat ('r', 'l', 'h'), or 'i' for an inheritance set
     * @param position the key's position from 1 (0 or less for inheritance)
     * @param column the key column, null for an expression
     * @param definition pg_get_partkeydef ({@code LIST (lower(name))}), for the expression
     * @param tableColumns every column of the partitioned table, to tell which ones an expression reads
     */
    public static KeyPart of(int level, String strategy, int position, String column, String columnType,
            String definition, String opclassType, String opfamily, String keyCollation, String columnCollation,
            List<String> tableColumns) {
        String name = switch (strategy) {
            case "r" -> "range";
            case "l" -> "list";
            case "h" -> "hash";
            default -> "inheritance";
        };
        if (column != null) {
            return new KeyPart(level, name, column, null, Set.of(column), columnType, opfamily, keyCollation,
                    columnCollation);
        }
        List<String> elements = elements(definition);
        String expression = position >= 1 && position <= elements.size() ? elements.get(position - 1) : definition;
        Set<String> columns = new LinkedHashSet<>();
        Tokens tokens = Tokens.of(expression);
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token t = tokens.get(i);
            if (t.isIdentifier() && tableColumns.contains(t.name())
                    && (i + 1 >= tokens.size() || tokens.get(i + 1).kind() != Tokens.Kind.LPAREN)) {
                columns.add(t.name());
            }
        }
        return new KeyPart(level, name, null, expression, columns, opclassType, opfamily, keyCollation,
                columnCollation);
    }

    /**
     * The key's elements as pg_get_partkeydef writes them, each without its COLLATE and operator class:
     * {@code RANGE (a, lower(b) COLLATE "C", (a + b))} gives {@code a}, {@code lower(b)}, {@code (a + b)}.
     */
    static List<String> elements(String definition) {
        List<String> out = new ArrayList<>();
        if (definition == null) {
            return out;
        }
        Tokens t = Tokens.of(definition);
        int open = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).kind() == Tokens.Kind.LPAREN) {
                open = i;
                break;
            }
        }
        if (open < 0 || t.match(open) < 0) {
            return out;
        }
        int close = t.match(open);
        int start = open + 1;
        for (int i = open + 1; i <= close; i++) {
            Tokens.Kind k = t.get(i).kind();
            if (i < close && (k == Tokens.Kind.LPAREN || k == Tokens.Kind.LBRACKET) && t.match(i) > i) {
                i = t.match(i);
                continue;
            }
            if (i == close || k == Tokens.Kind.COMMA) {
                out.add(leading(t, start, i - 1));
                start = i + 1;
            }
        }
        return out;
    }

    /** The element's expression: a parenthesised expression, a function call, or a column. */
    private static String leading(Tokens t, int from, int to) {
        int end = from;
        if (t.get(from).kind() == Tokens.Kind.LPAREN) {
            end = t.match(from);
        } else {
            while (end + 2 <= to && t.get(end + 1).kind() == Tokens.Kind.DOT) {
                end += 2;
            }
            if (end + 1 <= to && t.get(end + 1).kind() == Tokens.Kind.LPAREN) {
                end = t.match(end + 1);
            }
        }
        return t.text(from, Math.min(Math.max(end, from), to));
    }
}
