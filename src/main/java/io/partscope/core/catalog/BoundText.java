package io.partscope.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Partition bounds as a person scans them in a list. The JSON keeps the server's text unchanged. */
public final class BoundText {
    /** Between the lower and the upper end of a range: the lower is inclusive, the upper exclusive. */
    public static final String RANGE_ARROW = " → ";
    public static final String MINUS_INFINITY = "−∞";
    public static final String PLUS_INFINITY = "+∞";

    private static final Pattern MIDNIGHT = Pattern.compile("(\\d{4,}-\\d{2}-\\d{2}) 00:00:00(?:[+-]\\d{2}(?::\\d{2})?)?");
    /** Quoted text that would read ambiguously without its quotes: separators, quotes, the arrow, keywords. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("^$|^\\s|\\s$|[,()'\"→∞]");
    private static final List<String> KEYWORDS = List.of("minvalue", "maxvalue", "default", "null");

    private BoundText() {
    }

    /** Without "FOR VALUES" and without midnight times, which say nothing: {@code FROM ('2026-01-01') TO (...)}. */
    public static String shorten(String bound) {
        if (bound == null) {
            return "";
        }
        return bound.replaceFirst("^FOR VALUES ", "")
                .replaceAll("'(\\d{4,}-\\d{2}-\\d{2}) 00:00:00(?:[+-]\\d{2}(?::\\d{2})?)?'", "'$1'");
    }

    /**
     * A bound short enough that both ends of a range stay in a column: {@code 2025-03-01 → 2025-04-01} (from
     * inclusive, to exclusive), MINVALUE and MAXVALUE as {@code −∞} and {@code +∞}, a multi-column key as
     * {@code (2025, 1) → (2025, 2)}, a list as {@code eu, us}, a hash bound as {@code mod 4 = 1}, and DEFAULT as
     * {@code DEFAULT}. Literals lose their quotes unless they hold a separator or a quote; midnight times are
     * dropped. A bound this cannot read is {@link #shorten shortened}; the full text belongs in a tooltip.
     */
    public static String compact(String bound) {
        if (bound == null) {
            return "";
        }
        String text = bound.strip();
        if (text.equalsIgnoreCase("DEFAULT")) {
            return "DEFAULT";
        }
        return range(text).or(() -> list(text)).or(() -> hash(text)).orElseGet(() -> shorten(bound));
    }

    private static Optional<String> range(String text) {
        RangeBounds.BoundReader reader = new RangeBounds.BoundReader(text);
        if (!reader.take("FOR VALUES FROM")) {
            return Optional.empty();
        }
        Optional<List<RangeBounds.Literal>> from = reader.values();
        if (from.isEmpty() || !reader.take("TO")) {
            return Optional.empty();
        }
        Optional<List<RangeBounds.Literal>> to = reader.values();
        if (to.isEmpty() || !reader.atEnd()) {
            return Optional.empty();
        }
        return Optional.of(key(from.get()) + RANGE_ARROW + key(to.get()));
    }

    private static Optional<String> list(String text) {
        RangeBounds.BoundReader reader = new RangeBounds.BoundReader(text);
        if (!reader.take("FOR VALUES IN")) {
            return Optional.empty();
        }
        Optional<List<RangeBounds.Literal>> values = reader.values();
        if (values.isEmpty() || !reader.atEnd()) {
            return Optional.empty();
        }
        return Optional.of(values.get().stream().map(BoundText::literal).collect(Collectors.joining(", ")));
    }

    private static Optional<String> hash(String text) {
        RangeBounds.BoundReader reader = new RangeBounds.BoundReader(text);
        if (!reader.take("FOR VALUES WITH")) {
            return Optional.empty();
        }
        Optional<List<RangeBounds.Literal>> values = reader.values();
        if (values.isEmpty() || !reader.atEnd() || values.get().size() != 2) {
            return Optional.empty();
        }
        String modulus = values.get().get(0).text();
        String remainder = values.get().get(1).text();
        if (!modulus.matches("(?i)modulus \\d+") || !remainder.matches("(?i)remainder \\d+")) {
            return Optional.empty();
        }
        return Optional.of("mod " + modulus.substring(8) + " = " + remainder.substring(10));
    }

    /** One end of a range: a single value alone, several in parentheses. */
    private static String key(List<RangeBounds.Literal> values) {
        String joined = values.stream().map(BoundText::literal).collect(Collectors.joining(", "));
        return values.size() == 1 ? joined : "(" + joined + ")";
    }

    private static String literal(RangeBounds.Literal literal) {
        String text = literal.text();
        if (!literal.quoted()) {
            if (text.equalsIgnoreCase("MINVALUE")) {
                return MINUS_INFINITY;
            }
            if (text.equalsIgnoreCase("MAXVALUE")) {
                return PLUS_INFINITY;
            }
            return text;
        }
        Matcher midnight = MIDNIGHT.matcher(text);
        String shown = midnight.matches() ? midnight.group(1) : text;
        if (NEEDS_QUOTES.matcher(shown).find() || KEYWORDS.contains(shown.toLowerCase(Locale.ROOT))) {
            return "'" + shown.replace("'", "''") + "'";
        }
        return shown;
    }
}
