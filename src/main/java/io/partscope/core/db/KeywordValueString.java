package io.partscope.core.db;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a libpq keyword/value connection string ({@code host=db1 port=5433 dbname='my db'}) as libpq's
 * {@code conninfo_parse} does: whitespace separates pairs, spaces may surround '=', a value is either bare (ends at
 * whitespace) or single-quoted, and a backslash escapes the next character in both forms.
 * Messages never repeat a value: it could be the password.
 */
final class KeywordValueString {
    private KeywordValueString() {
    }

    static Map<String, String> parse(String text) throws PartscopeException {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '=') {
                // The token may be half of a value with an unquoted space in it (a password?): name it only
                // when it is a keyword.
                throw bad(LibpqKeywords.isKnown(key)
                        ? "missing \"=\" after \"" + key + "\" in the connection string"
                        : "missing \"=\" after a word at position " + (keyStart + 1)
                                + " of the connection string (quote values that contain spaces: 'my value')");
            }
            if (key.isEmpty()) {
                throw bad("a \"=\" without a keyword at position " + (i + 1) + " of the connection string");
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        value.append(text.charAt(i + 1));
                        i += 2;
                    } else if (c == '\'') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw bad("unterminated quoted value for \"" + key + "\" in the connection string");
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        value.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
            }
            if (!LibpqKeywords.isKnown(key)) {
                throw bad("invalid connection option \"" + key + "\" in the connection string");
            }
            out.put(key, value.toString());
        }
    }

    private static PartscopeException bad(String message) {
        return new PartscopeException(ErrorKind.BAD_INPUT, message);
    }
}
