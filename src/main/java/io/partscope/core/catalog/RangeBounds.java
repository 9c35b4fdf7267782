package io.partscope.core.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bounds of one RANGE partition with a single-column key, read from the server's bound text
 * ({@code FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')}), and the coverage of a whole
 * set of them: where the ranges leave gaps (rows there go to the DEFAULT partition, or fail without one) or overlap.
 *
 * <p>The lower bound is inclusive and the upper exclusive, as in PostgreSQL. Literals are read as the server prints
 * them with {@code DateStyle = ISO}: a date, a timestamp without time zone, a timestamp with an offset, or an
 * integer. {@code '-infinity'} and {@code 'infinity'} are read as MINVALUE and MAXVALUE: the only value either leaves
 * uncovered is that infinity itself, which no partition timeline can draw.
 *
 * @param lower inclusive
 * @param upper exclusive
 */
public record RangeBounds(Value lower, Value upper) {

    /** The type of a range key, as far as the bound text shows it. */
    public enum KeyType {
        /** {@code timestamp with time zone}: the literals carry an offset. */
        TIMESTAMPTZ,
        /** {@code timestamp without time zone}. */
        TIMESTAMP,
        DATE,
        /** smallint, integer, bigint. */
        INTEGER
    }

    /** One end of a range: MINVALUE, MAXVALUE or a key value. */
    public sealed interface Value permits Unbounded, InstantValue, TimestampValue, DateValue, LongValue {
        /** The key type of a finite value; null for MINVALUE and MAXVALUE. */
        KeyType keyType();
    }

    /** MINVALUE (below every value) and MAXVALUE (above every value). */
    public enum Unbounded implements Value {
        MINVALUE, MAXVALUE;

        @Override
        public KeyType keyType() {
            return null;
        }
    }

    /** A {@code timestamptz} literal. */
    public record InstantValue(Instant instant) implements Value {
        public InstantValue {
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public KeyType keyType() {
            return KeyType.TIMESTAMPTZ;
        }

        @Override
        public String toString() {
            return instant.toString();
        }
    }

    /** A {@code timestamp} (without time zone) literal. */
    public record TimestampValue(LocalDateTime dateTime) implements Value {
        public TimestampValue {
            Objects.requireNonNull(dateTime, "dateTime");
        }

        @Override
        public KeyType keyType() {
            return KeyType.TIMESTAMP;
        }

        @Override
        public String toString() {
            return dateTime.toString();
        }
    }

    /** A {@code date} literal. */
    public record DateValue(LocalDate date) implements Value {
        public DateValue {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public KeyType keyType() {
            return KeyType.DATE;
        }

        @Override
        public String toString() {
            return date.toString();
        }
    }

    /** An integer literal. */
    public record LongValue(long value) implements Value {
        @Override
        public KeyType keyType() {
            return KeyType.INTEGER;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** Key order: MINVALUE first, MAXVALUE last; finite values of different key types cannot be compared. */
    public static final Comparator<Value> ORDER = RangeBounds::compareValues;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DATE = Pattern.compile("\\d{4,}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4,}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?");
    private static final Pattern TIMESTAMPTZ =
            Pattern.compile("\\d{4,}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?[+-]\\d{2}(:\\d{2}){0,2}");
    // The server prints years past 9999 with all their digits and no sign ('10000-01-01'); ISO parsing wants a
    // '+' there, so the year is read as a plain number of 4 or more digits.
    private static final DateTimeFormatter DATE_FORMAT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 9, SignStyle.NORMAL)
            .appendPattern("-MM-dd")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LOCAL_FORMAT = new DateTimeFormatterBuilder()
            .append(DATE_FORMAT)
            .appendPattern(" HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter OFFSET_FORMAT = new DateTimeFormatterBuilder()
            .append(LOCAL_FORMAT)
            .appendOffset("+HH:mm:ss", "+00")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    public RangeBounds {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
    }

    /** The key type of the finite ends; null when both ends are MINVALUE/MAXVALUE. */
    public KeyType keyType() {
        return lower.keyType() != null ? lower.keyType() : upper.keyType();
    }

    /** Whether {@code value} falls in {@code [lower, upper)}. */
    public boolean contains(Value value) {
        return compareValues(lower, value) <= 0 && compareValues(value, upper) < 0;
    }

    /**
     * Reads a bound text as {@code pg_get_expr(relpartbound, ...)} prints it. Empty for anything that is not a
     * single-column range of a supported key type: DEFAULT, list and hash bounds, null, multi-column keys, text or
     * numeric keys, BC dates, and ends of two different key types.
     */
    public static Optional<RangeBounds> parse(String boundText) {
        if (boundText == null) {
            return Optional.empty();
        }
        BoundReader reader = new BoundReader(boundText.strip());
        if (!reader.take("FOR VALUES FROM")) {
            return Optional.empty();
        }
        Optional<Value> lower = reader.singleValue();
        if (lower.isEmpty() || !reader.take("TO")) {
            return Optional.empty();
        }
        Optional<Value> upper = reader.singleValue();
        if (upper.isEmpty() || !reader.atEnd()) {
            return Optional.empty();
        }
        KeyType lowerType = lower.get().keyType();
        KeyType upperType = upper.get().keyType();
        if (lowerType != null && upperType != null && lowerType != upperType) {
            return Optional.empty();
        }
        return Optional.of(new RangeBounds(lower.get(), upper.get()));
    }

    /** Reads one literal (without its quotes) as a key value; empty when it is not a supported key type. */
    static Optional<Value> literal(String text, boolean quoted) {
        String s = text.strip();
        if (s.equalsIgnoreCase("MINVALUE") && !quoted) {
            return Optional.of(Unbounded.MINVALUE);
        }
        if (s.equalsIgnoreCase("MAXVALUE") && !quoted) {
            return Optional.of(Unbounded.MAXVALUE);
        }
        if (quoted && s.equalsIgnoreCase("-infinity")) {
            return Optional.of(Unbounded.MINVALUE);
        }
        if (quoted && s.equalsIgnoreCase("infinity")) {
            return Optional.of(Unbounded.MAXVALUE);
        }
        try {
            if (INTEGER.matcher(s).matches()) {
                return Optional.of(new LongValue(Long.parseLong(s)));
            }
            if (!quoted) {
                return Optional.empty();
            }
            if (DATE.matcher(s).matches()) {
                return Optional.of(new DateValue(LocalDate.parse(s, DATE_FORMAT)));
            }
            if (TIMESTAMP.matcher(s).matches()) {
                return Optional.of(new TimestampValue(LocalDateTime.parse(s, LOCAL_FORMAT)));
            }
            if (TIMESTAMPTZ.matcher(s).matches()) {
                return Optional.of(new InstantValue(OffsetDateTime.parse(s, OFFSET_FORMAT).toInstant()));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int compareValues(Value a, Value b) {
        if (a == b) {
            return 0;
        }
        if (a == Unbounded.MINVALUE || b == Unbounded.MAXVALUE) {
            return -1;
        }
        if (a == Unbounded.MAXVALUE || b == Unbounded.MINVALUE) {
            return 1;
        }
        if (a instanceof InstantValue x && b instanceof InstantValue y) {
            return x.instant().compareTo(y.instant());
        }
        if (a instanceof TimestampValue x && b instanceof TimestampValue y) {
            return x.dateTime().compareTo(y.dateTime());
        }
        if (a instanceof DateValue x && b instanceof DateValue y) {
            return x.date().compareTo(y.date());
        }
        if (a instanceof LongValue x && b instanceof LongValue y) {
            return Long.compare(x.value(), y.value());
        }
        throw new IllegalArgumentException("cannot compare " + a.keyType() + " with " + b.keyType());
    }

    private static Value max(Value a, Value b) {
        return compareValues(a, b) >= 0 ? a : b;
    }

    private static Value min(Value a, Value b) {
        return compareValues(a, b) <= 0 ? a : b;
    }

    // ------------------------------------------------------------------------------------------------ coverage

    /** A partition and its parsed bounds. */
    public record Covered(PartitionMember member, RangeBounds bounds) {
    }

    /**
     * Key values no partition holds, between two partitions: {@code [from, to)}. Rows there go to the DEFAULT
     * partition, or fail with "no partition of relation found for row" when there is none.
     *
     * @param before the partition whose upper bound is {@code from}
     * @param after  the partition whose lower bound is {@code to}
     */
    public record Gap(Value from, Value to, PartitionMember before, PartitionMember after) {
    }

    /** Key values two partitions both claim: {@code [from, to)}. PostgreSQL refuses these; bad input shows them. */
    public record Overlap(Value from, Value to, PartitionMember first, PartitionMember second) {
    }

    /**
     * How a list of range partitions covers the key.
     *
     * @param keyType          the key type of the ranges; null when no range was read (or all are unbounded)
     * @param ranges           the ranges that were read, sorted by lower bound, then upper
     * @param gaps             between the ranges, in key order (not before the first nor after the last)
     * @param overlaps         in key order
     * @param defaultPartition the DEFAULT partition, or null
     * @param unread           members that are neither DEFAULT nor a range bound this class reads
     */
    public record Coverage(KeyType keyType, List<Covered> ranges, List<Gap> gaps, List<Overlap> overlaps,
            PartitionMember defaultPartition, List<PartitionMember> unread) {

        public Coverage {
            ranges = List.copyOf(ranges);
            gaps = List.copyOf(gaps);
            overlaps = List.copyOf(overlaps);
            unread = List.copyOf(unread);
        }

        /** The lowest lower bound; empty without ranges. */
        public Optional<Value> lowest() {
            return ranges.isEmpty() ? Optional.empty() : Optional.of(ranges.get(0).bounds().lower());
        }

        /** The highest upper bound; empty without ranges. */
        public Optional<Value> highest() {
            return ranges.stream().map(r -> r.bounds().upper()).reduce(RangeBounds::max);
        }

        /** Whether keys below the first range have no partition (no MINVALUE range). */
        public boolean uncoveredBelow() {
            return lowest().map(v -> v != Unbounded.MINVALUE).orElse(true);
        }

        /** Whether keys from the last range's upper bound on have no partition (no MAXVALUE range). */
        public boolean uncoveredAbove() {
            return highest().map(v -> v != Unbounded.MAXVALUE).orElse(true);
        }

        /** The partition that holds {@code value}, if one does (not counting DEFAULT). */
        public Optional<PartitionMember> partitionFor(Value value) {
            return ranges.stream().filter(r -> r.bounds().contains(value)).map(Covered::member).findFirst();
        }
    }

    /**
     * The coverage of a set's level-1 partitions (for a sub-partitioned set, the bounds that route a row to a
     * sub-tree). A set that is not RANGE partitioned gives a coverage with every member unread.
     */
    public static Coverage coverage(PartitionSet set) {
        List<PartitionMember> levelOne = set.partitions().stream().filter(m -> m.level() == 1).toList();
        return coverage(levelOne);
    }

    /**
     * The coverage of sibling range partitions, in any order. The key type is the first read range's; members with
     * bounds of another type count as unread.
     */
    public static Coverage coverage(List<PartitionMember> members) {
        List<Covered> ranges = new ArrayList<>();
        List<PartitionMember> unread = new ArrayList<>();
        PartitionMember defaultPartition = null;
        KeyType keyType = null;
        for (PartitionMember member : members) {
            if (member.isDefault() || "DEFAULT".equals(member.bound())) {
                defaultPartition = member;
                continue;
            }
            Optional<RangeBounds> bounds = parse(member.bound());
            KeyType type = bounds.map(RangeBounds::keyType).orElse(null);
            if (bounds.isEmpty() || (keyType != null && type != null && type != keyType)) {
                unread.add(member);
                continue;
            }
            if (keyType == null) {
                keyType = type;
            }
            ranges.add(new Covered(member, bounds.get()));
        }
        ranges.sort(Comparator.comparing((Covered c) -> c.bounds().lower(), ORDER)
                .thenComparing(c -> c.bounds().upper(), ORDER));

        List<Gap> gaps = new ArrayList<>();
        List<Overlap> overlaps = new ArrayList<>();
        Covered reacher = null; // the range with the highest upper bound so far
        for (Covered range : ranges) {
            if (reacher != null) {
                Value reach = reacher.bounds().upper();
                int cmp = compareValues(range.bounds().lower(), reach);
                if (cmp > 0) {
                    gaps.add(new Gap(reach, range.bounds().lower(), reacher.member(), range.member()));
                } else if (cmp < 0) {
                    overlaps.add(new Overlap(range.bounds().lower(), min(reach, range.bounds().upper()),
                            reacher.member(), range.member()));
                }
            }
            if (reacher == null || compareValues(range.bounds().upper(), reacher.bounds().upper()) > 0) {
                reacher = range;
            }
        }
        return new Coverage(keyType, ranges, gaps, overlaps, defaultPartition, unread);
    }

    /** One literal of a bound as written: the text of a quoted one is without its quotes ('' read as '). */
    record Literal(String text, boolean quoted) {
    }

    /**
     * Walks a bound text token by token; quoted literals may hold anything, with '' for a quote. {@link BoundText}
     * reads the bounds it shows with it too.
     */
    static final class BoundReader {
        private final String text;
        private int pos;

        BoundReader(String text) {
            this.text = text;
        }

        boolean take(String words) {
            skipSpaces();
            if (text.regionMatches(true, pos, words, 0, words.length())) {
                pos += words.length();
                return true;
            }
            return false;
        }

        boolean atEnd() {
            skipSpaces();
            return pos == text.length();
        }

        /** {@code (value)}: exactly one value in parentheses, else empty (multi-column keys included). */
        Optional<Value> singleValue() {
            Optional<List<Literal>> values = values();
            if (values.isEmpty() || values.get().size() != 1) {
                return Optional.empty();
            }
            Literal only = values.get().get(0);
            return literal(only.text(), only.quoted());
        }

        /**
         * {@code (v1, v2, ...)}: the literals of a parenthesised list as written (quoted ones without their quotes
         * and casts), else empty.
         */
        Optional<List<Literal>> values() {
            if (!take("(")) {
                return Optional.empty();
            }
            List<Literal> values = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    String literal = quoted();
                    if (literal == null) {
                        return Optional.empty();
                    }
                    skipCast();
                    values.add(new Literal(literal, true));
                } else {
                    int start = pos;
                    while (pos < text.length() && ",)".indexOf(text.charAt(pos)) < 0) {
                        pos++;
                    }
                    values.add(new Literal(text.substring(start, pos).strip(), false));
                }
                if (take(")")) {
                    return Optional.of(values);
                }
                if (!take(",")) {
                    return Optional.empty();
                }
            }
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++; // opening quote
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c != '\'') {
                    out.append(c);
                } else if (pos < text.length() && text.charAt(pos) == '\'') {
                    out.append('\'');
                    pos++;
                } else {
                    return out.toString();
                }
            }
            return null; // unterminated
        }

        /** A {@code ::type} after a literal (some servers print casts); the type itself is judged by the literal. */
        private void skipCast() {
            skipSpaces();
            if (text.startsWith("::", pos)) {
                pos += 2;
                while (pos < text.length() && ",)".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
