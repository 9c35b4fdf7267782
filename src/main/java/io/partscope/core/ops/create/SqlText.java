package io.partscope.core.ops.create;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Literals in partition bounds: quoting values, reading the literals the server printed. */
final class SqlText {
    private static final Pattern RANGE = Pattern.compile("^FOR VALUES FROM \\((.+)\\) TO \\((.+)\\)$");
    private static final Pattern HASH =
            Pattern.compile("^FOR VALUES WITH \\(modulus (\\d+), remainder (\\d+)\\)$", Pattern.CASE_INSENSITIVE);
    /**
     * A date or timestamp as the server prints it with DateStyle ISO: years past 9999 with all their digits
     * ('10000-01-01'), an optional time, fraction and offset. BC values (' BC' at the end) do not match.
     */
    private static final Pattern LOCAL = Pattern.compile("^(\\d{4,9})-(\\d{2})-(\\d{2})"
            + "(?: (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d{1,6})?)?(?:[+-]\\d{2}(?::\\d{2}){0,2})?$");

    private SqlText() {
    }

    /** As quote_literal(): single quotes doubled; with a backslash, an E'' string with doubled backslashes. */
    static String quoteLiteral(String value) {
        return quoteLiteral(value, false);
    }

    /**
     * A string literal. With standard_conforming_strings on (the default since 9.1) a backslash is an ordinary
     * character: the literal is written as pg_get_expr prints it ('a\b'), so the verifier can compare bounds as text.
     */
    static String quoteLiteral(String value, boolean standardConformingStrings) {
        String quoted = value.replace("'", "''");
        if (!standardConformingStrings && value.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }

    /** The FROM and TO literals of a single-column range bound, as printed ({@code '2026-05-01 00:00:00+00'}). */
    static Optional<String[]> rangeLiterals(String bound) {
        if (bound == null) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(bound.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {m.group(1).strip(), m.group(2).strip()});
    }

    /** {modulus, remainder} of a hash bound. */
    static Optional<int[]> hash(String bound) {
        if (bound == null) {
            return Optional.empty();
        }
        Matcher m = HASH.matcher(bound.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
    }

    /** The value of a printed literal without its quotes: {@code 'it''s'} is {@code it's}, 1000 stays 1000. */
    static String unquote(String literal) {
        String s = literal.strip();
        if (s.startsWith("'") && s.endsWith("'") && s.length() >= 2) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }

    /**
     * The local date-time of a time literal ('2026-05-01 00:00:00+02' reads 2026-05-01T00:00, '10000-01-01' reads
     * +10000-01-01T00:00); empty for what has no calendar date here: 'infinity', BC values, other types.
     */
    static Optional<LocalDateTime> localDateTime(String literal) {
        Matcher m = LOCAL.matcher(unquote(literal));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return Optional.of(m.group(4) == null ? date.atStartOfDay()
                    : date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The values of a list bound {@code FOR VALUES IN ('DE', 'it''s', NULL)}, unquoted; NULL stays null. */
    static Optional<List<String>> listValues(String bound) {
        if (bound == null) {
            return Optional.empty();
        }
        String s = bound.strip();
        String head = "FOR VALUES IN (";
        if (!s.regionMatches(true, 0, head, 0, head.length()) || !s.endsWith(")")) {
            return Optional.empty();
        }
        String body = s.substring(head.length(), s.length() - 1);
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char ch = body.charAt(i);
            if (ch == ' ' || ch == ',') {
                i++;
            } else if (ch == '\'') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < body.length()) {
                    char q = body.charAt(i);
                    if (q == '\'') {
                        if (i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                            v.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    v.append(q);
                    i++;
                }
                values.add(v.toString());
            } else {
                int end = body.indexOf(',', i);
                String token = (end < 0 ? body.substring(i) : body.substring(i, end)).strip();
                values.add(token.equalsIgnoreCase("NULL") ? null : token);
                i = end < 0 ? body.length() : end;
            }
        }
        return Optional.of(values);
    }

    /** A readable name part: lower case, runs of anything but a-z, 0-9 become one underscore. */
    static String sanitise(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
        s = s.replaceAll("^_|_$", "");
        return s.isEmpty() ? "x" : s;
    }
}
