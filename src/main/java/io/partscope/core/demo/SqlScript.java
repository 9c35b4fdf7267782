package io.partscope.core.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script split into statements, the way psql would run it: semicolons inside quotes, dollar-quoted bodies
 * and comments do not end a statement. Two comment directives, on a line of their own between statements, apply
 * to the statement that follows:
 * <ul>
 *   <li>{@code -- step: text}: a progress message shown when that statement starts;</li>
 *   <li>{@code -- gexec}: the statement is a query whose rows (one text column) are statements to run in turn,
 *       each on its own (as psql's {@code \gexec}); used for VACUUM, which cannot run in a function.</li>
 * </ul>
 */
final class SqlScript {

    /** One statement, without its terminating semicolon. */
    record Statement(String sql, String step, boolean gexec) {
    }

    private static final String STEP = "-- step:";
    private static final String GEXEC = "-- gexec";

    private SqlScript() {
    }

    /** Reads a script from the class path (next to this class). */
    static List<Statement> load(String resourceName) {
        try (InputStream in = SqlScript.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("demo script not found on the class path: " + resourceName);
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String step = null;
        boolean gexec = false;
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                String comment = script.substring(i, end).trim();
                if (current.toString().isBlank()) {
                    if (comment.startsWith(STEP)) {
                        step = comment.substring(STEP.length()).trim();
                    } else if (comment.equals(GEXEC)) {
                        gexec = true;
                    }
                } else {
                    current.append(script, i, end);
                }
                i = end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = blockCommentEnd(script, i);
                current.append(script, i, end);
                i = end;
            } else if (c == '\'') {
                boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierChar(script.charAt(i - 2)));
                int end = quotedEnd(script, i, '\'', escapes);
                current.append(script, i, end);
                i = end;
            } else if (c == '"') {
                int end = quotedEnd(script, i, '"', false);
                current.append(script, i, end);
                i = end;
            } else if (c == '$' && (i == 0 || !isIdentifierChar(script.charAt(i - 1)))) {
                int tagEnd = dollarTagEnd(script, i);
                if (tagEnd < 0) {
                    current.append(c);
                    i++;
                } else {
                    String tag = script.substring(i, tagEnd);
                    int close = script.indexOf(tag, tagEnd);
                    int end = close < 0 ? n : close + tag.length();
                    current.append(script, i, end);
                    i = end;
                }
            } else if (c == ';') {
                String sql = current.toString().trim();
                if (!sql.isEmpty()) {
                    statements.add(new Statement(sql, step, gexec));
                }
                current.setLength(0);
                step = null;
                gexec = false;
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        String rest = current.toString().trim();
        if (!rest.isEmpty()) {
            statements.add(new Statement(rest, step, gexec));
        }
        return statements;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** End (exclusive) of a quoted literal or identifier; a doubled quote stays inside. */
    private static int quotedEnd(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** End (exclusive) of a block comment; block comments nest in PostgreSQL. */
    private static int blockCommentEnd(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** End (exclusive) of a dollar-quote tag ({@code $$} or {@code $name$}) starting at i, or -1 when none. */
    private static int dollarTagEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$') {
                return i + 1;
            }
            boolean ok = Character.isLetter(c) || c == '_' || (i > start + 1 && Character.isDigit(c));
            if (!ok) {
                return -1;
            }
            i++;
        }
        return -1;
    }
}
