package io.partscope.core.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place identifiers are quoted and parsed. No SQL in Partscope is built by pasting user text: names go
 * through {@link #quote} (or are bound as parameters).
 */
public final class Identifiers {
    // Reserved key words that must be quoted even when lower-case (PostgreSQL's "reserved" category).
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with", "authorization", "binary", "collation", "concurrently",
            "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like",
            "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

    private Identifiers() {
    }

    /** Always quotes: {@code my "odd" name} becomes {@code "my ""odd"" name"}. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes only where SQL needs it, as {@code quote_ident()} does: plain lower-case names stay bare. */
    public static String quoteIfNeeded(String identifier) {
        if (identifier.isEmpty() || RESERVED.contains(identifier)) {
            return quote(identifier);
        }
        char first = identifier.charAt(0);
        if (!(first >= 'a' && first <= 'z') && first != '_') {
            return quote(identifier);
        }
        for (int i = 1; i < identifier.length(); i++) {
            char ch = identifier.charAt(i);
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
                return quote(identifier);
            }
        }
        return identifier;
    }

    /** {@code schema.name}, both parts always quoted: safe to paste into DDL. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /**
     * Splits a name as SQL writes it ({@code schema.table}, {@code "Odd ""Schema"""."my table"}, {@code events})
     * into its parts: unquoted parts fold to lower case, quoted parts keep their case and lose the quotes.
     *
     * @throws IllegalArgumentException with a readable message when the name is malformed
     */
    public static List<String> parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean expectPart = true;
        while (i < n) {
            char ch = text.charAt(i);
            if (expectPart) {
                if (ch == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char q = text.charAt(i);
                        if (q == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                current.append('"');
                                i += 2;
                                continue;
                            }
                            closed = true;
                            i++;
                            break;
                        }
                        current.append(q);
                        i++;
                    }
                    if (!closed) {
                        throw new IllegalArgumentException("unterminated quoted name in " + text);
                    }
                    if (current.length() == 0) {
                        throw new IllegalArgumentException("empty quoted name in " + text);
                    }
                } else {
                    while (i < n && text.charAt(i) != '.' && text.charAt(i) != '"') {
                        current.append(text.charAt(i));
                        i++;
                    }
                    String bare = current.toString().strip();
                    if (bare.isEmpty()) {
                        throw new IllegalArgumentException("empty name part in " + text);
                    }
                    current.setLength(0);
                    current.append(bare.toLowerCase(Locale.ROOT));
                }
                parts.add(current.toString());
                current.setLength(0);
                expectPart = false;
            } else {
                if (ch == '.') {
                    expectPart = true;
                    i++;
                } else if (Character.isWhitespace(ch)) {
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected '" + ch + "' in name " + text
                            + " (quote names with dots, spaces or capitals: \"My Table\")");
                }
            }
        }
        if (expectPart) {
            throw new IllegalArgumentException(text.isBlank() ? "empty name" : "name ends with a dot: " + text);
        }
        if (parts.size() > 2) {
            throw new IllegalArgumentException("too many dots in " + text + " (expected schema.name)");
        }
        return parts;
    }
}
