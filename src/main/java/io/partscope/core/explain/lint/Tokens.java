package io.partscope.core.explain.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A condition as EXPLAIN deparsed it ({@code ((events_1.occurred_at)::date = '2026-05-03'::date)}), cut into tokens
 * that keep their place in the text. Not a SQL parser: the deparser's output is regular (ANDs and ORs flattened and
 * parenthesised, casts written {@code (expr)::type}, identifiers quoted only where needed), and the lint only needs
 * to find the key column, what wraps it, and the comparison around it.
 */
public final class Tokens {
    /** What a token is. */
    public enum Kind {
        WORD, QUOTED, STRING, NUMBER, PARAM, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, CAST, OP
    }

    /**
     * One token.
     *
     * @param value a WORD as written, a QUOTED identifier or STRING without its quotes, otherwise the text
     * @param typeName part of a type name after {@code ::}, a collation name after COLLATE, or an EXTRACT field: never
     *     a column
     */
    public record Token(Kind kind, String value, int start, int end, boolean typeName) {
        boolean isWord(String word) {
            return kind == Kind.WORD && value.equalsIgnoreCase(word);
        }

        boolean isIdentifier() {
            return (kind == Kind.WORD || kind == Kind.QUOTED) && !typeName;
        }

        /** The identifier's name as the catalog spells it: unquoted words fold to lower case. */
        String name() {
            return kind == Kind.WORD ? value.toLowerCase(Locale.ROOT) : value;
        }
    }

    private static final Set<String> TYPE_WORDS = Set.of("with", "without", "time", "zone", "precision", "varying");

    private final String text;
    private final List<Token> tokens;
    private final int[] match;

    private Tokens(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
        this.match = new int[tokens.size()];
        java.util.Arrays.fill(match, -1);
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            if (k == Kind.LPAREN || k == Kind.LBRACKET) {
                open.push(i);
            } else if ((k == Kind.RPAREN || k == Kind.RBRACKET) && !open.isEmpty()) {
                int o = open.pop();
                match[o] = i;
                match[i] = o;
            }
        }
    }

    public static Tokens of(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && text.charAt(i + 1) == '\'')) {
                int start = i;
                if (c != '\'') {
                    i++;
                }
                StringBuilder value = new StringBuilder();
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '\'' && i + 1 < n && text.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                out.add(new Token(Kind.STRING, value.toString(), start, i, false));
            } else if (c == '"') {
                int start = i;
                StringBuilder value = new StringBuilder();
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                    } else if (d == '"') {
                        i++;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                out.add(new Token(Kind.QUOTED, value.toString(), start, i, false));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, text.substring(start, i), start, i, false));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, text.substring(start, i), start, i, false));
            } else if (c == '$' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                int start = i++;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.PARAM, text.substring(start, i), start, i, false));
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                out.add(new Token(Kind.CAST, "::", i, i + 2, false));
                i += 2;
            } else if ("()[],.".indexOf(c) >= 0) {
                Kind k = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case ',' -> Kind.COMMA;
                    default -> Kind.DOT;
                };
                out.add(new Token(k, String.valueOf(c), i, i + 1, false));
                i++;
            } else {
                int start = i;
                while (i < n && "+-*/<>=~!@#%^&|`?".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                if (i == start) {
                    i++;
                }
                out.add(new Token(Kind.OP, text.substring(start, i), start, i, false));
            }
        }
        return new Tokens(text, markTypeNames(out));
    }

    /** Marks the words after {@code ::}, COLLATE, and in {@code EXTRACT(field FROM ...)}, which are never columns. */
    private static List<Token> markTypeNames(List<Token> in) {
        List<Token> out = new ArrayList<>(in);
        for (int i = 0; i < out.size(); i++) {
            Token t = out.get(i);
            if (t.kind() == Kind.CAST) {
                int j = i + 1;
                // first word, possibly schema-qualified
                while (j < out.size() && (out.get(j).kind() == Kind.WORD || out.get(j).kind() == Kind.QUOTED)) {
                    mark(out, j);
                    if (j + 1 < out.size() && out.get(j + 1).kind() == Kind.DOT) {
                        j += 2;
                    } else {
                        j++;
                        break;
                    }
                }
                while (j < out.size() && out.get(j).kind() == Kind.WORD
                        && TYPE_WORDS.contains(out.get(j).value().toLowerCase(Locale.ROOT))) {
                    mark(out, j);
                    j++;
                }
            } else if (t.isWord("COLLATE") && i + 1 < out.size()) {
                mark(out, i + 1);
            } else if (t.isWord("EXTRACT") && i + 2 < out.size() && out.get(i + 1).kind() == Kind.LPAREN) {
                mark(out, i + 2);
            }
        }
        return out;
    }

    private static void mark(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        tokens.set(i, new Token(t.kind(), t.value(), t.start(), t.end(), true));
    }

    public String text() {
        return text;
    }

    public int size() {
        return tokens.size();
    }

    public Token get(int i) {
        return tokens.get(i);
    }

    /** The matching bracket of the bracket at {@code i}, or -1. */
    public int match(int i) {
        return match[i];
    }

    /** The source text of tokens {@code from..to} (inclusive). */
    public String text(int from, int to) {
        return text.substring(tokens.get(from).start(), tokens.get(to).end());
    }

    /**
     * The source text of tokens {@code from..to} without the qualifier {@code qualifier.} in front of columns, so
     * the scans of different partitions ({@code events_1}, {@code events_2}) read the same.
     */
    public String textWithout(int from, int to, String qualifier) {
        if (qualifier == null) {
            return text(from, to);
        }
        StringBuilder sb = new StringBuilder();
        int pos = tokens.get(from).start();
        for (int i = from; i <= to; i++) {
            Token t = tokens.get(i);
            if (i + 1 <= to && t.isIdentifier() && t.name().equals(qualifier)
                    && tokens.get(i + 1).kind() == Kind.DOT && (i == 0 || tokens.get(i - 1).kind() != Kind.DOT)) {
                sb.append(text, pos, t.start());
                pos = tokens.get(i + 1).end();
                i++;
            }
        }
        sb.append(text, pos, tokens.get(to).end());
        return sb.toString();
    }
}
