package io.partscope.core.ops.create;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RangeBounds;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.Check;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The partition key of a set and what follows from it, shared by the planners that compute new partitions
 * ({@code op create}, {@code op split-default}): the key column and type, key values as bound literals, the
 * interval detected from the existing range bounds, series of bounds computed by the server, and the name pattern
 * learnt from the existing partitions.
 */
public final class SetKey {
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");
    /** The most bounds {@link #series} computes: the partition cap, the upper bound and one to tell "more". */
    static final int MAX_SERIES = CreatePartitionsPlanner.MAX_PARTITIONS + 2;

    /** An existing range partition with its bound literals as printed and parsed. */
    public record Existing(PartitionMember member, String lower, String upper, RangeBounds bounds) {
    }

    private final Connection c;
    private final PartitionSet set;
    private final String operation;
    private String keyName;
    private String keyColumn;
    private String keyType;
    private boolean standardStrings = true;

    private SetKey(Connection c, PartitionSet set, String operation) {
        this.c = c;
        this.set = set;
        this.operation = operation;
    }

    /**
     * Reads the key of {@code set} (a single column; expressions and multi-column keys are BAD_INPUT).
     *
     * @param operation for messages: "op create"
     */
    public static SetKey read(Connection c, PartitionSet set, String operation)
            throws SQLException, PartscopeException {
        SetKey k = new SetKey(c, set, operation);
        k.readKey();
        return k;
    }

    /** The key column, quoted for SQL. */
    public String column() {
        return keyColumn;
    }

    /** The key column as the catalog spells it. */
    public String columnName() {
        return keyName;
    }

    /** format_type of the key column: "timestamp with time zone", "bigint"... */
    public String type() {
        return keyType;
    }

    public boolean isTime() {
        return keyType.startsWith("timestamp") || keyType.equals("date");
    }

    /** The first line of a server message, without "ERROR: ". */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).replaceFirst("^ERROR: ", "");
    }

    /** The partitions directly under the root (level 1). */
    public List<PartitionMember> children() {
        return set.partitions().stream().filter(m -> m.level() == 1).toList();
    }

    /** The text a value gives in a partition name: lower case, anything but a-z0-9_ becomes _. */
    public static String sanitise(String value) {
        return SqlText.sanitise(value);
    }

    /** The bound literals of a range bound, unquoted ({@code FOR VALUES FROM ('a') TO ('b')} gives a, b). */
    public static Optional<String[]> rangeValues(String bound) {
        return SqlText.rangeLiterals(bound).map(l -> new String[] {SqlText.unquote(l[0]), SqlText.unquote(l[1])});
    }

    /** The values of a list bound as text (null for NULL). */
    public static Optional<List<String>> listValues(String bound) {
        return SqlText.listValues(bound);
    }

    /** The name a new list partition of {@code value} gets: {@code <set>_<value>}. */
    public String listPartitionName(String value) {
        return set.name() + "_" + SqlText.sanitise(value);
    }

    private void readKey() throws SQLException, PartscopeException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pt.partnatts, a.attname,"
                + " format_type(a.atttypid, a.atttypmod) FROM pg_partitioned_table pt"
                + " LEFT JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]"
                + " WHERE pt.partrelid = ?")) {
            ps.setLong(1, set.root().oid());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND,
                            set.relationName().qualified() + " is no longer a partitioned table");
                }
                if (rs.getInt(1) != 1 || rs.getString(2) == null) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified()
                            + " is partitioned by " + set.partitionKey() + "; " + operation + " supports a single key"
                            + " column only (no expressions, no multi-column keys)");
                }
                keyName = rs.getString(2);
                keyColumn = Identifiers.quote(keyName);
                keyType = rs.getString(3);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('standard_conforming_strings')");
                ResultSet rs = ps.executeQuery()) {
            standardStrings = rs.next() && "on".equals(rs.getString(1));
        }
    }

    public boolean integerKey() {
        return INTEGER_TYPES.contains(keyType);
    }

    /**
     * A key value as a literal in a bound, in the form pg_get_expr prints it: integer bare, everything else
     * (bigint and smallint too) quoted.
     */
    public String literal(String canonical) {
        return keyType.equals("integer") ? canonical : SqlText.quoteLiteral(canonical, standardStrings);
    }

    /** The user's text as the key type prints it; the server parses it (never pasted into SQL). */
    public String canonical(String option, String text) throws PartscopeException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CAST(CAST(? AS text) AS " + keyType + ")::text")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, option + " " + text + " is not a valid " + keyType
                    + " (the type of " + keyColumn + "): " + firstLine(e.getMessage()));
        }
    }

    public List<Existing> existingRanges() {
        List<Existing> out = new ArrayList<>();
        for (PartitionMember m : children()) {
            if (m.isDefault()) {
                continue;
            }
            Optional<String[]> lits = SqlText.rangeLiterals(m.bound());
            Optional<RangeBounds> rb = RangeBounds.parse(m.bound());
            if (lits.isPresent() && rb.isPresent()) {
                out.add(new Existing(m, lits.get()[0], lits.get()[1], rb.get()));
            }
        }
        out.sort(Comparator.comparing(e -> e.bounds().lower(), RangeBounds.ORDER));
        return out;
    }

    public Optional<Cadence> detect(Existing e) {
        if (integerKey()) {
            if (e.bounds().lower() instanceof RangeBounds.LongValue lo
                    && e.bounds().upper() instanceof RangeBounds.LongValue hi && hi.value() > lo.value()) {
                return Optional.of(new Cadence(Cadence.Unit.INTEGER, hi.value() - lo.value()));
            }
            return Optional.empty();
        }
        Optional<LocalDateTime> lo = SqlText.localDateTime(e.lower());
        Optional<LocalDateTime> hi = SqlText.localDateTime(e.upper());
        return lo.isPresent() && hi.isPresent() ? Cadence.between(lo.get(), hi.get()) : Optional.empty();
    }

    /** Compares two canonical key values on the server (as the key type orders them). */
    public int compare(String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN CAST(CAST(? AS text) AS " + keyType
                + ") < CAST(CAST(? AS text) AS " + keyType + ") THEN -1 WHEN CAST(CAST(? AS text) AS " + keyType
                + ") = CAST(CAST(? AS text) AS " + keyType + ") THEN 0 ELSE 1 END")) {
            ps.setString(1, a);
            ps.setString(2, b);
            ps.setString(3, a);
            ps.setString(4, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * {@code count} values start, start + step, ... as the key type prints them (the server does the calendar
     * arithmetic in the session's time zone); with {@code below}, only those below it.
     */
    public List<String> series(String start, Cadence cadence, int count, String below)
            throws SQLException, PartscopeException {
        if (count > MAX_SERIES) {
            // Callers check their limits first; this keeps the server from ever generating more than that.
            throw new PartscopeException(ErrorKind.BAD_INPUT, count + " bounds asked for; at most "
                    + CreatePartitionsPlanner.MAX_PARTITIONS + " partitions in one operation");
        }
        List<String> out = new ArrayList<>();
        if (!cadence.isTime()) {
            return integerSeries(start, cadence, count, below);
        }
        String value = "CAST(CAST(CAST(? AS text) AS " + keyType + ") + CAST(? AS interval) * g AS " + keyType
                + ")";
        String sql = "SELECT v::text FROM (SELECT g, " + value + " AS v FROM generate_series(0, ?) g) s"
                + (below == null ? "" : " WHERE v < CAST(CAST(? AS text) AS " + keyType + ")") + " ORDER BY g";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, start);
            ps.setString(2, cadence.sqlInterval());
            ps.setInt(3, count - 1);
            if (below != null) {
                ps.setString(4, below);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> integerSeries(String start, Cadence cadence, int count, String below)
            throws PartscopeException {
        List<String> out = new ArrayList<>();
        try {
            long s = Long.parseLong(start);
            Long limit = below == null ? null : Long.parseLong(below);
            for (int i = 0; i < count; i++) {
                long v = Math.addExact(s, Math.multiplyExact(cadence.step(), (long) i));
                if (limit != null && v >= limit) {
                    break;
                }
                out.add(Long.toString(v));
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "the new bounds would leave the range of a"
                    + " 64-bit integer");
        }
        return out;
    }

    /**
     * What a new partition from {@code lower} to {@code upper} is named after. BAD_INPUT for a lower bound with no
     * calendar date ('infinity', a BC date): partitions are named by their lower bound's year, month, day.
     */
    public NamePattern.Label label(String lower, String upper) throws PartscopeException {
        if (integerKey()) {
            return NamePattern.Label.of(Long.parseLong(lower), Long.parseLong(upper));
        }
        return NamePattern.Label.of(SqlText.localDateTime(lower).orElseThrow(() -> new PartscopeException(
                ErrorKind.BAD_INPUT, operation + " names partitions after the date of their lower bound, and "
                        + SqlText.quoteLiteral(lower) + " has none it can use (BC dates and infinity are not"
                        + " supported): create such a partition by hand")));
    }

    public NamePattern namePattern(List<Existing> existing, Cadence cadence, List<Check> checks) {
        Cadence forNames = cadence != null ? cadence
                : new Cadence(integerKey() ? Cadence.Unit.INTEGER : Cadence.Unit.HOUR, 1);
        List<NamePattern.Sample> samples = new ArrayList<>();
        for (Existing e : existing) {
            if (e.bounds().lower() instanceof RangeBounds.Unbounded
                    || e.bounds().upper() instanceof RangeBounds.Unbounded) {
                continue;
            }
            String lo = SqlText.unquote(e.lower());
            String hi = SqlText.unquote(e.upper());
            if (!integerKey() && SqlText.localDateTime(lo).isEmpty()) {
                continue;
            }
            samples.add(new NamePattern.Sample(e.member().name(), integerKey()
                    ? NamePattern.Label.of(Long.parseLong(lo), Long.parseLong(hi))
                    : NamePattern.Label.of(SqlText.localDateTime(lo).orElseThrow())));
        }
        Optional<NamePattern> inferred = NamePattern.infer(samples, forNames);
        if (inferred.isPresent()) {
            NamePattern p = inferred.get();
            long named = samples.stream().filter(s -> p.render(s.label()).equals(s.name())).count();
            checks.add(Check.pass("names", "names follow " + p.describe() + " (" + named + " of "
                    + samples.size() + " existing partitions)"));
            return p;
        }
        NamePattern fallback = new NamePattern(set.name() + "_", fallbackToken(forNames), "");
        checks.add(Check.warn("names", (samples.isEmpty() ? "no existing partition to learn names from"
                : "the existing names follow no pattern of their bounds") + "; new partitions are named "
                + fallback.describe()));
        return fallback;
    }

    private static NamePattern.Token fallbackToken(Cadence cadence) {
        String example = switch (cadence.unit()) {
            case HOUR -> "yyyy_MM_dd_HH";
            case DAY, WEEK -> "yyyy_MM_dd";
            case MONTH -> "yyyy_MM";
            case QUARTER -> "yyyy_qQ";
            case YEAR -> "yyyy";
            case INTEGER -> "lower";
        };
        List<NamePattern.Token> tokens = cadence.isTime() ? NamePattern.TIME_TOKENS : NamePattern.INTEGER_TOKENS;
        return tokens.stream().filter(t -> t.example().equals(example)).findFirst().orElseThrow();
    }
}
