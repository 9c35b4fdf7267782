package io.partscope.core.ops.freeze;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RangeBounds;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.LockMode;
import io.partscope.core.ops.LockNote;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Preflight;
import io.partscope.core.ops.ProgressProbe;
import io.partscope.core.ops.Step;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plans {@code VACUUM (FREEZE)} of the leaves of a partition set chosen by XID age ({@code --min-age N}), by XID age
 * as a share of each partition's effective freeze max age ({@code --min-age-pct P}: reloption aware, as the
 * catalog computes it), or by range bound ({@code --older-than BOUND}: range partitions whose upper bound is at
 * or below BOUND). One autocommit step per partition (VACUUM cannot run in a transaction block); each takes SHARE
 * UPDATE EXCLUSIVE on its partition only, so reads and writes go on. The verification reads every chosen
 * partition's XID age again: it must be lower than before.
 */
public final class FreezePlanner {
    public static final String KIND = "freeze";

    /** How partitions are chosen. */
    public sealed interface Selection permits MinAge, MinAgePct, OlderThan {
        /** For the summary: "XID age >= 1,000". */
        String describe();
    }

    public record MinAge(long age) implements Selection {
        @Override
        public String describe() {
            return "XID age >= " + String.format(Locale.ROOT, "%,d", age);
        }
    }

    public record MinAgePct(double pct) implements Selection {
        @Override
        public String describe() {
            return "XID age >= " + trim(pct) + "% of the freeze max age";
        }
    }

    public record OlderThan(String bound) implements Selection {
        @Override
        public String describe() {
            return "upper bound <= " + bound;
        }
    }

    /**
     * How each VACUUM runs, beyond FREEZE: the options a DBA sets for a big freeze. {@code parallelWorkers} null or
     * {@code bufferUsageLimit} null/blank leave the server's choice; {@code costDelayMs} null leaves the session's
     * vacuum_cost_delay (0 for a manual VACUUM), a value sets it for the step (0..100 ms, as the server allows).
     *
     * @param skipLocked       SKIP_LOCKED: a partition whose lock is not free at once is skipped, not waited for
     * @param parallelWorkers  PARALLEL n: workers for the index vacuuming phase (0 turns it off)
     * @param bufferUsageLimit BUFFER_USAGE_LIMIT (PostgreSQL 16+): the ring buffer size, e.g. 256kB, 16MB, 0
     */
    public record VacuumOptions(boolean analyze, boolean skipLocked, Integer parallelWorkers, String bufferUsageLimit,
            Double costDelayMs) {
        public static VacuumOptions of(boolean analyze) {
            return new VacuumOptions(analyze, false, null, null, null);
        }

        /** "FREEZE, ANALYZE, SKIP_LOCKED, PARALLEL 2, BUFFER_USAGE_LIMIT '256MB'". */
        public String optionList() {
            StringBuilder b = new StringBuilder("FREEZE");
            if (analyze) {
                b.append(", ANALYZE");
            }
            if (skipLocked) {
                b.append(", SKIP_LOCKED");
            }
            if (parallelWorkers != null) {
                b.append(", PARALLEL ").append(parallelWorkers);
            }
            if (bufferUsageLimit != null && !bufferUsageLimit.isBlank()) {
                b.append(", BUFFER_USAGE_LIMIT '").append(bufferUsageLimit.strip()).append('\'');
            }
            return b.toString();
        }

        /** The SET before each VACUUM, or null. */
        String costDelayStatement() {
            return costDelayMs == null ? null : "SET vacuum_cost_delay = '" + trim(costDelayMs) + "ms'";
        }

        void validate(int serverVersionNum) throws PartscopeException {
            if (parallelWorkers != null && (parallelWorkers < 0 || parallelWorkers > 1024)) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "PARALLEL must be between 0 and 1024 workers");
            }
            if (costDelayMs != null && (costDelayMs.isNaN() || costDelayMs < 0 || costDelayMs > 100)) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "the cost delay must be between 0 and 100 ms"
                        + " (vacuum_cost_delay)");
            }
            if (bufferUsageLimit != null && !bufferUsageLimit.isBlank()) {
                if (!bufferUsageLimit.strip().matches("[0-9]+ ?(kB|MB|GB)?")) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "BUFFER_USAGE_LIMIT: \"" + bufferUsageLimit
                            + "\" is not a size (examples: 256kB, 16MB, 1GB, 0)");
                }
                if (serverVersionNum < 160000) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "BUFFER_USAGE_LIMIT needs PostgreSQL 16 or"
                            + " newer; this server is " + serverVersionNum / 10000);
                }
            }
        }
    }

    /** A chosen partition: its XID age and size before, its effective freeze max age and bound. */
    public record Target(RelationName partition, long xidAgeBefore, long freezeMaxAge, Long totalBytes,
            String bound) {
    }

    /** The plan, the chosen partitions (in the set's order) and the verifier that will hold the ages after. */
    public record FreezePlan(OperationPlan plan, List<Target> targets, FreezeVerifier verifier) {
    }

    private final Database database;

    public FreezePlanner(Database database) {
        this.database = database;
    }

    /**
     * @param table the set's root (or a partitioned member: then its leaves), as SQL writes it
     * @param profileReadOnly the connection is marked read-only by its profile (the app); the CLI passes false
     */
    public FreezePlan plan(String table, Selection selection, boolean analyze, boolean profileReadOnly,
            Cancellation cancellation) throws PartscopeException {
        return plan(table, selection, VacuumOptions.of(analyze), profileReadOnly, cancellation);
    }

    /** As {@link #plan(String, Selection, boolean, boolean, Cancellation)}, with every VACUUM option. */
    public FreezePlan plan(String table, Selection selection, VacuumOptions options, boolean profileReadOnly,
            Cancellation cancellation) throws PartscopeException {
        validate(selection);
        options.validate(database.server().versionNum());
        CatalogSnapshot snapshot = new CatalogReader(database).read(new CatalogFilter(null, table), cancellation);
        RelationName target = resolve(table, cancellation);
        PartitionSet set = snapshot.roots().stream()
                .filter(s -> s.relationName().equals(target) || s.partitions().stream()
                        .anyMatch(m -> m.relationName().equals(target)))
                .findFirst()
                .orElseThrow(() -> new PartscopeException(ErrorKind.OBJECT_NOT_FOUND,
                        target.qualified() + " is not a partition set or a member of one"));
        List<PartitionMember> leaves = set.partitions().stream()
                .filter(m -> m.isLeaf() && m.xidAge() != null)
                .filter(m -> m.relationName().equals(target) || set.relationName().equals(target)
                        || m.parents().contains(target))
                .toList();

        List<PartitionMember> chosen = choose(leaves, set, selection, cancellation);
        List<Target> targets = chosen.stream().map(m -> new Target(m.relationName(), m.xidAge(),
                m.freezeMaxAge(), m.totalBytes(), m.bound())).toList();

        List<Check> preflight = new ArrayList<>();
        database.readOnlySnapshot(cancellation, c -> {
            preflight.addAll(Preflight.common(c, database.server(), target, profileReadOnly, 13, "freeze"));
            for (Target t : targets) {
                if (cancellation != null) {
                    cancellation.throwIfCancelled();
                }
                Check owner = Preflight.owner(c, t.partition());
                if (owner.status() != Check.Status.PASS) {
                    preflight.add(owner);
                }
            }
            return null;
        });
        if (targets.isEmpty()) {
            preflight.add(Check.warn("selection", "no partition of " + target.qualified() + " matches ("
                    + selection.describe() + "): nothing to do"));
        }

        String verb = "VACUUM (" + options.optionList() + ") ";
        String costDelay = options.costDelayStatement();
        List<Step> steps = new ArrayList<>();
        for (Target t : targets) {
            String qualified = Identifiers.qualified(t.partition().schema(), t.partition().name());
            String title = verb + t.partition().qualified() + " \u2014 XID age " + count(t.xidAgeBefore())
                    + ", " + bytes(t.totalBytes());
            List<String> statements = costDelay == null ? List.of(verb + qualified)
                    : List.of(costDelay, verb + qualified); // SET lasts for the operation's own session only
            steps.add(new Step(title, statements, false, List.of(new LockNote(t.partition().qualified(),
                    LockMode.SHARE_UPDATE_EXCLUSIVE, "VACUUM (reads and writes continue; blocks DDL and other"
                            + " VACUUMs of this partition)")), true));
        }
        String summary = "Freeze " + targets.size() + " of " + leaves.size() + " partitions of "
                + target.qualified() + " (" + selection.describe() + ")"
                + (targets.isEmpty() ? "" : ": oldest XID age " + count(targets.stream()
                        .mapToLong(Target::xidAgeBefore).max().orElse(0)) + ", " + bytes(targets.stream().mapToLong(
                                t -> t.totalBytes() == null ? 0 : t.totalBytes()).sum()) + " to scan");
        FreezeVerifier verifier = new FreezeVerifier(targets);
        OperationPlan plan = new OperationPlan(KIND, target.qualified(), summary, preflight, steps, verifier);
        return new FreezePlan(plan, targets, verifier);
    }

    private static void validate(Selection selection) throws PartscopeException {
        if (selection instanceof MinAge a && a.age() < 0) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--min-age must be 0 or more");
        }
        if (selection instanceof MinAgePct p && (p.pct() < 0 || p.pct() > 100 || Double.isNaN(p.pct()))) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--min-age-pct must be between 0 and 100");
        }
    }

    private List<PartitionMember> choose(List<PartitionMember> leaves, PartitionSet set, Selection selection,
            Cancellation cancellation) throws PartscopeException {
        if (selection instanceof MinAge a) {
            return leaves.stream().filter(m -> m.xidAge() >= a.age()).toList();
        }
        if (selection instanceof MinAgePct p) {
            return leaves.stream().filter(m -> m.freezeMaxAge() > 0
                    && m.xidAge() * 100.0 >= p.pct() * m.freezeMaxAge()).toList();
        }
        OlderThan o = (OlderThan) selection;
        if (set.strategy() != Strategy.RANGE) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--older-than needs a RANGE-partitioned set; "
                    + set.relationName().qualified() + " is partitioned by " + set.strategy());
        }
        List<PartitionMember> chosen = new ArrayList<>();
        RangeBounds.Value limit = null;
        for (PartitionMember m : leaves) {
            Optional<RangeBounds> bounds = RangeBounds.parse(m.bound());
            if (bounds.isEmpty() || bounds.get().upper() == RangeBounds.Unbounded.MAXVALUE) {
                continue;
            }
            RangeBounds b = bounds.get();
            if (limit == null) {
                limit = limit(o.bound(), b.keyType(), cancellation);
            }
            if (b.upper() == RangeBounds.Unbounded.MINVALUE || RangeBounds.ORDER.compare(b.upper(), limit) <= 0) {
                chosen.add(m);
            }
        }
        return chosen;
    }

    /** The user's bound as a value of the key's type (a date for a timestamptz key is read by the server). */
    private RangeBounds.Value limit(String text, RangeBounds.KeyType keyType, Cancellation cancellation)
            throws PartscopeException {
        if (text.contains("'")) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--older-than: not a bound: " + text);
        }
        RangeBounds.Value value = RangeBounds.parse("FOR VALUES FROM ('" + text.strip() + "') TO (MAXVALUE)")
                .map(RangeBounds::lower)
                .orElseThrow(() -> new PartscopeException(ErrorKind.BAD_INPUT, "--older-than: \"" + text
                        + "\" is not a date, timestamp or integer (examples: 2025-03-01, '2025-03-01 00:00:00',"
                        + " 1000000)"));
        if (value.keyType() == keyType || keyType == null) {
            return value;
        }
        if (keyType == RangeBounds.KeyType.TIMESTAMPTZ && (value instanceof RangeBounds.DateValue
                || value instanceof RangeBounds.TimestampValue)) {
            // As the server reads a bound written without an offset: in the session's TimeZone.
            return database.readOnlySnapshot(cancellation, c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT CAST(? AS timestamptz)")) {
                    p.setString(1, text.strip());
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return new RangeBounds.InstantValue(rs.getObject(1, OffsetDateTime.class).toInstant());
                    }
                }
            });
        }
        if (keyType == RangeBounds.KeyType.TIMESTAMP && value instanceof RangeBounds.DateValue d) {
            return new RangeBounds.TimestampValue(d.date().atStartOfDay());
        }
        throw new PartscopeException(ErrorKind.BAD_INPUT, "--older-than: \"" + text + "\" does not fit the"
                + " partition key (" + keyType.name().toLowerCase(Locale.ROOT) + ")");
    }

    private RelationName resolve(String table, Cancellation cancellation) throws PartscopeException {
        return database.readOnlySnapshot(cancellation, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
                p.setString(1, table);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table " + table
                                + " does not exist");
                    }
                    return new RelationName(rs.getString(1), rs.getString(2));
                }
            }
        });
    }

    /**
     * Reads pg_stat_progress_vacuum for the VACUUM's session: its phase and heap blocks scanned of the total. Only
     * columns PostgreSQL 13 to 18 all have (17 renamed the dead-tuple columns).
     */
    public static ProgressProbe progressProbe() {
        return (monitor, pid, step) -> {
            try (PreparedStatement p = monitor.prepareStatement("SELECT phase, heap_blks_total, heap_blks_scanned,"
                    + " heap_blks_vacuumed, index_vacuum_count FROM pg_stat_progress_vacuum WHERE pid = ?")) {
                p.setInt(1, pid);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String phase = rs.getString(1);
                    long total = rs.getLong(2);
                    long scanned = rs.getLong(3);
                    long vacuumed = rs.getLong(4);
                    long indexPasses = rs.getLong(5);
                    double fraction = total > 0 ? Math.min(1.0, (double) scanned / total) : -1;
                    String text = phase + ": " + count(scanned) + " of " + count(total) + " heap blocks scanned"
                            + (vacuumed > 0 ? ", " + count(vacuumed) + " vacuumed" : "")
                            + (indexPasses > 0 ? ", " + indexPasses + " index passes" : "");
                    return Optional.of(new ProgressProbe.Reading(text, fraction));
                }
            }
        };
    }

    /** 151.2M, 12.3k, 950. */
    public static String count(long n) {
        if (n >= 1_000_000_000L) {
            return trim(n / 1e9) + "G";
        }
        if (n >= 1_000_000L) {
            return trim(n / 1e6) + "M";
        }
        if (n >= 10_000L) {
            return trim(n / 1e3) + "k";
        }
        return Long.toString(n);
    }

    /** 1.2 GB, 16 kB (binary units, as pg_size_pretty). */
    public static String bytes(Long b) {
        if (b == null) {
            return "size unknown";
        }
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 ? Long.toString(b) : trim(v)) + " " + units[u];
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
