package io.partscope.core.explain;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement as the user typed it, checked before anything is sent: exactly one statement (a second one
 * after a semicolon would run outside EXPLAIN, and a {@code COMMIT} could end our protective transaction), the
 * trailing semicolon removed. The lexer knows quotes, quoted identifiers, dollar quotes and comments, so a
 * semicolon inside them does not count.
 */
public final class StatementText {
    private static final Pattern EXECUTE = Pattern.compile("(?is)^\\s*EXECUTE\\s+(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)");

    private final String sql;

    private StatementText(String sql) {
        this.sql = sql;
    }

    /**
     * @param what how to name the text in a message ("query", "setup statement 2")
     * @throws PartscopeException BAD_INPUT for an empty text or more than one statement
     */
    public static StatementText of(String text, String what) throws PartscopeException {
        if (text == null || text.isBlank()) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "the " + what + " is empty");
        }
        int end = endOfFirstStatement(text);
        String first = text.substring(0, end).strip();
        String rest = end < text.length() ? text.substring(end + 1) : "";
        if (!isBlankOrComment(rest)) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "the " + what + " holds more than one statement",
                    null, null, "Give one statement; put SET or PREPARE statements in the setup list, one per entry.",
                    null);
        }
        if (isBlankOrComment(first)) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "the " + what + " is empty");
        }
        return new StatementText(first);
    }

    /** The statement without its trailing semicolon. */
    public String sql() {
        return sql;
    }

    /** The prepared statement's name when this is {@code EXECUTE name(...)}, as the server stores it. */
    public Optional<String> executedStatementName() {
        Matcher m = EXECUTE.matcher(stripLeadingComments(sql));
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1);
        return Optional.of(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name.toLowerCase(Locale.ROOT));
    }

    /** Whether the statement may change data (INSERT/UPDATE/DELETE/MERGE, also inside a WITH). */
    public boolean mayModifyData() {
        String words = maskLiteralsAndComments(sql).toUpperCase(Locale.ROOT);
        return words.matches("(?s).*\\b(INSERT|UPDATE|DELETE|MERGE)\\b.*");
    }

    /** The index of the first top-level semicolon, or the text's length. */
    static int endOfFirstStatement(String text) {
        String masked = maskLiteralsAndComments(text);
        int semicolon = masked.indexOf(';');
        return semicolon < 0 ? text.length() : semicolon;
    }

    private static boolean isBlankOrComment(String text) {
        return maskLiteralsAndComments(text).isBlank();
    }

    private static String stripLeadingComments(String text) {
        String masked = maskLiteralsAndComments(text);
        int i = 0;
        while (i < masked.length() && Character.isWhitespace(masked.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    /**
     * The text with string literals, quoted identifiers, dollar-quoted strings and comments replaced by spaces
     * (same length), so that what is left is bare SQL.
     */
    static String maskLiteralsAndComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                end = blockCommentEnd(text, i);
            } else if (c == '\'') {
                end = quotedEnd(text, i, '\'', isEscapeString(text, i));
            } else if (c == '"') {
                end = quotedEnd(text, i, '"', false);
            } else if (c == '$' && (i == 0 || !isIdentifierChar(text.charAt(i - 1)))) {
                end = dollarQuoteEnd(text, i);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = Math.max(end, i + 1);
        }
        return out.toString();
    }

    private static boolean isEscapeString(String text, int quote) {
        return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
                && (quote == 1 || !isIdentifierChar(text.charAt(quote - 2)));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int blockCommentEnd(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int quotedEnd(String text, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int dollarQuoteEnd(String text, int start) {
        int close = text.indexOf('$', start + 1);
        if (close < 0) {
            return start + 1;
        }
        String tag = text.substring(start, close + 1);
        if (!tag.matches("\\$([\\p{L}_][\\p{L}\\p{N}_]*)?\\$")) {
            return start + 1; // a parameter such as $1, not a dollar quote
        }
        int end = text.indexOf(tag, close + 1);
        return end < 0 ? text.length() : end + tag.length();
    }
    /** The first {@code count} words of the statement (comments and literals skipped), upper case. */
    public List<String> leadingWords(int count) {
        List<String> words = new ArrayList<>(count);
        Matcher m = Pattern.compile("[A-Za-z_]+").matcher(maskLiteralsAndComments(sql));
        while (words.size() < count && m.find()) {
            words.add(m.group().toUpperCase(Locale.ROOT));
        }
        return words;
    }

    /**
     * The query of a {@code PREPARE name [(types)] AS query} command, as pg_prepared_statements shows it, or empty
     * when the text is not such a command.
     */
    static Optional<String> preparedQuery(String prepareCommand) {
        String masked = maskLiteralsAndComments(prepareCommand);
        Matcher m = Pattern.compile("(?i)^\\s*PREPARE\\s").matcher(masked);
        if (!m.find()) {
            return Optional.empty();
        }
        int i = m.end();
        // The name: bare, or quoted (masked to spaces); then optional parenthesised types, which may nest.
        while (i < masked.length() && Character.isWhitespace(masked.charAt(i))) {
            i++;
        }
        while (i < masked.length() && !Character.isWhitespace(masked.charAt(i)) && masked.charAt(i) != '(') {
            i++;
        }
        while (i < masked.length() && Character.isWhitespace(masked.charAt(i))) {
            i++;
        }
        if (i < masked.length() && masked.charAt(i) == '(') {
            int depth = 0;
            do {
                char c = masked.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                i++;
            } while (i < masked.length() && depth > 0);
        }
        Matcher as = Pattern.compile("(?i)\\G\\s*AS\\s").matcher(masked);
        if (!as.find(i)) {
            return Optional.empty();
        }
        String rest = prepareCommand.substring(as.end());
        return Optional.of(rest.substring(0, endOfFirstStatement(rest)).strip());
    }
}
