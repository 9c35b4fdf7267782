package io.partscope.core.ops.split;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RangeBounds;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.SetKind;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.ServerInfo;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.LockMode;
import io.partscope.core.ops.LockNote;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Preflight;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.create.Cadence;
import io.partscope.core.ops.create.CreatePartitionsPlanner;
import io.partscope.core.ops.create.NamePattern;
import io.partscope.core.ops.create.SetKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans {@code op split-default}: moves the rows of a set's DEFAULT partition into new partitions of their own,
 * keeping every row visible and never making a concurrent writer fail (the procedure of the facts sheet).
 *
 * <p>Per new partition: a standalone table {@code LIKE} the parent with a CHECK implying the bound (so ATTACH does
 * not scan it), then one transaction under {@code lock_timeout} that locks the set against writers
 * ({@code SHARE ROW EXCLUSIVE}: readers continue), moves the rows out of the DEFAULT with
 * {@code WITH moved AS (DELETE ... RETURNING) INSERT ...} and ATTACHes the table; retried on a lock timeout,
 * rolled back as a whole on any failure. Large moves on a set with a primary key are copied ahead outside the
 * lock, and only the changes since are applied under it. Then VACUUM of the DEFAULT and ANALYZE of the parent.
 *
 * <p>The first step records the identity of every row in the DEFAULT (primary key, or the whole row) in a
 * temporary table of the operation's session; the {@link SplitVerifier} compares it with what is in the new
 * partitions and the DEFAULT afterwards, so rows that concurrent writers inserted meanwhile are told apart.
 */
public final class SplitDefaultPlanner {
    /** The helper CHECK on a new table; dropped once it is attached. A table carrying it and not attached is a
     * leftover copy of an interrupted split. */
    public static final String HELPER_CHECK = "partscope_split_bound";
    /** The session's record of the DEFAULT before the moves. */
    static final String BEFORE_TABLE = "partscope_split_before";
    /**
     * The default of {@link Request#copyAheadRows()}: 0, copy-ahead off. Measured with {@code bench split-default}
     * (docs/performance.md), copying ahead did not shorten the locked part: the DELETE from the DEFAULT, which no
     * copy can take out of the lock, dominates it, and applying the changes costs about as much as the insert it
     * saves.
     */
    public static final long COPY_AHEAD_ROWS = 0;

    // Rough costs for the lock estimate, measured with `partscope bench split-default` (docs/performance.md).
    private static final double MOVE_MICROS_PER_ROW = 6.0;
    private static final double APPLY_MICROS_PER_ROW = 6.0;
    private static final double SCAN_MICROS_PER_ROW = 0.15;
    private static final long FIXED_LOCK_MILLIS = 5;
    /** At most this many new partitions in one split, as in op create. */
    static final int MAX_GROUPS = CreatePartitionsPlanner.MAX_PARTITIONS;

    private final Database database;

    public SplitDefaultPlanner(Database database) {
        this.database = database;
    }

    /**
     * What to split.
     *
     * @param interval      RANGE: --interval, or null for the set's
     * @param copyAheadRows groups of at least this many rows are copied before the lock (sets with a primary key);
     *                      0 turns copy-ahead off
     */
    public record Request(String interval, long copyAheadRows) {
        public static Request defaults() {
            return new Request(null, COPY_AHEAD_ROWS);
        }

        public Request withInterval(String value) {
            return new Request(value, copyAheadRows);
        }

        public Request withCopyAheadRows(long value) {
            return new Request(interval, value);
        }
    }

    /** The analysis behind a plan of this planner; empty for other plans. */
    public static Optional<SplitAnalysis> analysis(OperationPlan plan) {
        return plan.verifier() instanceof SplitVerifier v ? Optional.of(v.analysis()) : Optional.empty();
    }

    public OperationPlan plan(String table, Request request, boolean profileReadOnly, Cancellation cancellation)
            throws PartscopeException {
        List<String> parts;
        try {
            parts = Identifiers.parse(table);
        } catch (IllegalArgumentException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read the table name: " + e.getMessage());
        }
        CatalogSnapshot snapshot = new CatalogReader(database).read(new CatalogFilter(null, table), cancellation);
        String wantedName = parts.get(parts.size() - 1);
        PartitionSet set = snapshot.roots().stream()
                .filter(r -> r.name().equals(wantedName) && (parts.size() == 1 || r.schema().equals(parts.get(0))))
                .findFirst()
                .orElseThrow(() -> new PartscopeException(ErrorKind.BAD_INPUT, table + " is not the root of a"
                        + " partition set" + (snapshot.roots().isEmpty() ? ""
                                : " (it belongs to " + snapshot.roots().get(0).relationName().qualified()
                                        + "; give the root table)")));
        if (set.kind() != SetKind.DECLARATIVE || set.strategy() == null) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " uses table"
                    + " inheritance; it has no DEFAULT partition to split");
        }
        if (set.strategy() == Strategy.HASH) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " is hash"
                    + " partitioned; hash sets have no DEFAULT partition");
        }
        return database.readOnlySnapshot(cancellation,
                c -> new Planning(c, set, request, database.server(), profileReadOnly, cancellation).plan());
    }

    /** One planning run on one connection (a read-only snapshot). */
    private static final class Planning {
        private final Connection c;
        private final PartitionSet set;
        private final Request request;
        private final ServerInfo server;
        private final boolean profileReadOnly;
        private final Cancellation cancellation;
        private final List<Check> checks = new ArrayList<>();
        private final List<PartitionMember> children;
        private final PartitionMember defaultPartition;
        private SetKey key;
        private List<String> columns;
        private List<String> primaryKey;
        private final Set<String> leftovers = new HashSet<>();
        private String grouping = "";
        /** The DEFAULT's rows fall into more groups than one operation may create: only MAX_GROUPS + 1 were read. */
        private boolean tooManyGroups;

        Planning(Connection c, PartitionSet set, Request request, ServerInfo server, boolean profileReadOnly,
                Cancellation cancellation) {
            this.c = c;
            this.cancellation = cancellation;
            this.set = set;
            this.request = request;
            this.server = server;
            this.profileReadOnly = profileReadOnly;
            this.children = set.partitions().stream().filter(m -> m.level() == 1).toList();
            this.defaultPartition = children.stream().filter(PartitionMember::isDefault).findFirst().orElse(null);
        }

        /**
         * The snapshot's session is registered with the cancellation, so a cancel reaches a running query; one that
         * comes between two queries is seen here, before the next (possibly long) one starts.
         */
        private void checkpoint() throws PartscopeException {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
        }

        private String parent() {
            return Identifiers.qualified(set.schema(), set.name());
        }

        private String def() {
            return Identifiers.qualified(defaultPartition.schema(), defaultPartition.name());
        }

        OperationPlan plan() throws SQLException, PartscopeException {
            String target = set.relationName().qualified();
            checks.addAll(Preflight.common(c, server, set.relationName(), profileReadOnly, 13, "op split-default"));
            List<String> subPartitioned = children.stream()
                    .filter(m -> m.relkind() == RelKind.PARTITIONED_TABLE)
                    .map(m -> Identifiers.quoteIfNeeded(m.name())).toList();
            if (!subPartitioned.isEmpty()) {
                String which = String.join(", ", subPartitioned.subList(0, Math.min(3, subPartitioned.size())))
                        + (subPartitioned.size() > 3 ? " and " + (subPartitioned.size() - 3) + " more" : "");
                checks.add(Check.refuse("sub-partitioning", target + " is sub-partitioned (" + which + "); op split-default moves rows into leaf partitions only and does not"
                        + " create sub-partitions: split such sets by hand"));
                return refused(target, "Sub-partitioned sets are not supported");
            }
            if (defaultPartition == null) {
                checks.add(Check.refuse("default partition", target + " has no DEFAULT partition: nothing to"
                        + " split"));
                return refused(target, "No DEFAULT partition in " + target);
            }
            key = SetKey.read(c, set, "op split-default");
            readColumns();
            checkDefaultReadable();
            SplitAnalysis analysis = switch (set.strategy()) {
                case RANGE -> analyseRange();
                case LIST -> analyseList();
                case HASH -> throw new IllegalStateException("hash sets have no DEFAULT");
            };
            if (tooManyGroups) {
                // the grouping queries stop at MAX_GROUPS + 1 groups: more is refused here, nothing is planned
                checks.add(Check.refuse("partitions", "the rows of " + defaultPartition.relationName().qualified()
                        + " fall into more than " + MAX_GROUPS + " " + (grouping.equals("list") ? "distinct values" : grouping + " ranges")
                        + "; at most " + MAX_GROUPS + " new partitions in one operation"
                        + (grouping.equals("list") ? "" : ": give a wider --interval")));
                return refused(target, "More than " + MAX_GROUPS + " new partitions in "
                        + defaultPartition.relationName().qualified() + ": nothing planned");
            }
            if (analysis.defaultRows() == 0) {
                checks.add(Check.refuse("default rows", def() + " holds no rows: nothing to do"));
            } else if (analysis.groups().isEmpty()) {
                checks.add(Check.refuse("default rows", def() + " holds " + analysis.defaultRows()
                        + " rows, none of which can move to a partition of its own (see what stays)"));
            } else {
                checks.add(Check.pass("default rows", String.format(Locale.ROOT, "%s holds %d rows: %d move to %d"
                        + " new partition%s, %d stay", def(), analysis.defaultRows(), analysis.rowsToMove(),
                        analysis.groups().size(), analysis.groups().size() == 1 ? "" : "s",
                        analysis.rowsStaying())));
            }
            checkNames(analysis.groups());
            checkSchemaPrivilege();
            if (request.copyAheadRows() <= 0) {
                checks.add(Check.pass("copy ahead", "off: each new partition's rows are moved under its lock"));
            } else if (primaryKey.isEmpty()) {
                checks.add(Check.warn("copy ahead", target + " has no primary key: no copy ahead, every move runs"
                        + " entirely under the lock"));
            } else {
                checks.add(Check.pass("copy ahead", "partitions of " + request.copyAheadRows() + " rows or more are"
                        + " copied before the lock; only the changes since are applied under it"));
            }
            if (primaryKey.isEmpty()) {
                checks.add(Check.warn("row identity", target + " has no primary key: the verification compares"
                        + " whole rows (a row updated during the run counts as missing)"));
            }
            List<Step> steps = new ArrayList<>();
            if (!analysis.groups().isEmpty()) {
                steps.add(recordStep(analysis));
                for (SplitAnalysis.Group g : analysis.groups()) {
                    steps.addAll(moveSteps(g, analysis));
                }
                steps.add(Step.autocommit("VACUUM " + defaultPartition.name(), "VACUUM " + def(), List.of(
                        new LockNote(def(), LockMode.SHARE_UPDATE_EXCLUSIVE, "VACUUM: reads and writes continue"))));
                steps.add(Step.autocommit("ANALYZE " + set.name(), "ANALYZE " + parent(), List.of(
                        new LockNote(parent(), LockMode.SHARE_UPDATE_EXCLUSIVE, "ANALYZE: reads and writes continue"
                                + " (autovacuum never analyzes a partitioned parent)"))));
            }
            String summary = analysis.groups().isEmpty() ? "Nothing to split in " + def()
                    : String.format(Locale.ROOT, "Split %s: move %d rows into %d new %spartition%s of %s, %d stay;"
                            + " writers of the set wait about %s in all", def(), analysis.rowsToMove(),
                            analysis.groups().size(), grouping.isEmpty() ? "" : grouping + " ",
                            analysis.groups().size() == 1 ? "" : "s", target, analysis.rowsStaying(),
                            millisText(analysis.lockMillisEstimate()));
            return new OperationPlan("split-default", target, summary, checks, steps,
                    new SplitVerifier(set.schema(), set.name(), defaultPartition.schema(), defaultPartition.name(),
                            identity(), analysis));
        }

        private OperationPlan refused(String target, String summary) {
            SplitAnalysis empty = new SplitAnalysis(defaultPartition == null ? "" : def(), 0, 0, "", List.of(),
                    List.of(), true);
            return new OperationPlan("split-default", target, summary, checks, List.of(),
                    new SplitVerifier(set.schema(), set.name(), null, null, "", empty));
        }

        // ------------------------------------------------------------------------------------------ columns

        private void readColumns() throws SQLException {
            columns = new ArrayList<>();
            String generated = server.major() >= 12 ? "a.attgenerated = ''" : "true";
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_attribute a WHERE a.attrelid = ?"
                    + " AND a.attnum > 0 AND NOT a.attisdropped AND " + generated + " ORDER BY a.attnum")) {
                ps.setLong(1, set.root().oid());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            primaryKey = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i"
                    + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                    + " WHERE i.indrelid = ? AND i.indisprimary"
                    + " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
                ps.setLong(1, set.root().oid());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        primaryKey.add(rs.getString(1));
                    }
                }
            }
        }

        private String columnList(String alias) {
            return columns.stream().map(n -> (alias == null ? "" : alias + ".") + Identifiers.quote(n))
                    .collect(Collectors.joining(", "));
        }

        /** The identity of a row for the verification: the primary key, or the whole row, as text. */
        private String identity() {
            List<String> cols = primaryKey.isEmpty() ? columns : primaryKey;
            return "CAST(ROW(" + cols.stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + ") AS text)";
        }

        private void checkDefaultReadable() throws SQLException, PartscopeException {
            try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(?, 'SELECT, DELETE')")) {
                ps.setLong(1, defaultPartition.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new PartscopeException(ErrorKind.PERMISSION_DENIED, "cannot read and delete from "
                                + def() + " (SELECT and DELETE privileges needed to move its rows)");
                    }
                }
            }
        }

        // -------------------------------------------------------------------------------------------- range

        private SplitAnalysis analyseRange() throws SQLException, PartscopeException {
            if (!key.integerKey() && !key.isTime()) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "the key " + key.column() + " is " + key.type()
                        + "; op split-default computes ranges of timestamp, date and integer keys only");
            }
            List<SetKey.Existing> existing = key.existingRanges();
            Cadence cadence = null;
            String cadenceFrom = null;
            SetKey.Existing anchor = null;
            if (request.interval() != null) {
                try {
                    cadence = Cadence.parse(request.interval());
                } catch (IllegalArgumentException e) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, e.getMessage());
                }
                if (cadence.isTime() == key.integerKey()) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "--interval " + request.interval()
                            + " does not fit the key " + key.column() + " (" + key.type() + ")");
                }
                cadenceFrom = "--interval " + request.interval();
                for (int i = existing.size() - 1; i >= 0 && anchor == null; i--) {
                    if (existing.get(i).bounds().lower() instanceof RangeBounds.Unbounded) {
                        continue;
                    }
                    anchor = existing.get(i);
                }
            } else {
                for (int i = existing.size() - 1; i >= 0 && cadence == null; i--) {
                    SetKey.Existing e = existing.get(i);
                    cadence = key.detect(e).orElse(null);
                    if (cadence != null) {
                        anchor = e;
                        cadenceFrom = "detected from " + e.member().name() + ": "
                                + e.member().bound().replaceFirst("^FOR VALUES ", "");
                    }
                }
                if (cadence == null) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot tell the interval of "
                            + set.relationName().qualified() + " from its bounds; give --interval (hour, day, week,"
                            + " month, quarter, year or an integer step)");
                }
            }
            checks.add(Check.pass("interval", cadence.adjective() + " partitions, interval " + cadenceFrom));
            grouping = cadence.adjective();
            String anchorValue = anchor == null ? null : SetKey.rangeValues(anchor.member().bound())
                    .map(v -> v[0]).orElse(null);
            String bucket = bucketExpression(cadence, anchorValue);

            long[] totals = totals();
            long nullRows = totals[1];
            List<SplitAnalysis.Stay> stay = new ArrayList<>();
            if (nullRows > 0) {
                stay.add(new SplitAnalysis.Stay("the key " + key.column() + " is NULL (only the DEFAULT takes NULL"
                        + " keys of a range set)", nullRows));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            checkpoint();
            // LIMIT: a DEFAULT whose rows span millions of intervals must not come back as millions of groups
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(b AS text), count(*) FROM (SELECT " + bucket
                    + " AS b FROM ONLY " + def() + " WHERE " + key.column() + " IS NOT NULL) s GROUP BY b ORDER BY b"
                    + " LIMIT " + (MAX_GROUPS + 1)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            if (counts.size() > MAX_GROUPS) {
                tooManyGroups = true;
                return finish(totals[0], List.of(), stay, totals[2]);
            }
            NamePattern pattern = key.namePattern(existing, cadence, checks);
            List<PendingGroup> pending = new ArrayList<>();
            long overlapping = 0;
            List<String> overlapNames = new ArrayList<>();
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                checkpoint();
                String lower = e.getKey();
                List<String> cut = key.series(lower, cadence, 2, null);
                if (cut.size() < 2) {
                    overlapping += e.getValue();
                    continue;
                }
                String upper = cut.get(1);
                String lo = key.literal(lower);
                String hi = key.literal(upper);
                String bound = "FOR VALUES FROM (" + lo + ") TO (" + hi + ")";
                Optional<String> overlap = overlaps(bound, existing);
                if (overlap.isPresent()) {
                    overlapping += e.getValue();
                    overlapNames.add(overlap.get());
                    continue;
                }
                String predicate = key.column() + " >= " + lo + " AND " + key.column() + " < " + hi;
                String name = pattern.render(key.label(lower, upper));
                pending.add(new PendingGroup(name, bound, predicate, key.column() + " IS NOT NULL AND " + predicate,
                        e.getValue()));
            }
            if (overlapping > 0) {
                stay.add(new SplitAnalysis.Stay("their " + cadence.adjective() + " range would overlap an existing"
                        + " partition (" + String.join(", ", overlapNames.stream().distinct().toList()) + ")",
                        overlapping));
            }
            return finish(totals[0], pending, stay, totals[2]);
        }

        private record PendingGroup(String name, String bound, String predicate, String check, long rows) {
        }

        /** {0: rows, 1: rows with a NULL key, 2: total bytes} of the DEFAULT. */
        private long[] totals() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE " + key.column()
                    + " IS NULL), pg_total_relation_size(?) FROM ONLY " + def())) {
                ps.setLong(1, defaultPartition.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            }
        }

        /**
         * The lower bound of the interval a key value falls in, aligned to {@code anchor} (an existing partition's
         * lower bound): for calendar intervals the offset of the anchor from its truncation is kept.
         */
        private String bucketExpression(Cadence cadence, String anchor) {
            String k = key.column();
            if (!cadence.isTime()) {
                String a = anchor == null ? "0" : anchor;
                long step = cadence.step();
                return "CAST(CAST(" + Long.parseLong(a) + " AS numeric) + floor((CAST(" + k + " AS numeric) - "
                        + Long.parseLong(a) + ") / " + step + ") * " + step + " AS " + key.type() + ")";
            }
            String ts = key.type().equals("date") ? "timestamp" : key.type();
            String unit = switch (cadence.unit()) {
                case HOUR -> "hour";
                case DAY -> "day";
                case WEEK -> "week";
                case MONTH -> "month";
                case QUARTER -> "quarter";
                case YEAR -> "year";
                case INTEGER -> throw new IllegalStateException();
            };
            String kt = "CAST(" + k + " AS " + ts + ")";
            if (anchor == null) {
                return "CAST(date_trunc('" + unit + "', " + kt + ") AS " + key.type() + ")";
            }
            String a = "CAST(CAST(" + key.literal(anchor) + " AS " + key.type() + ") AS " + ts + ")";
            String offset = "(" + a + " - date_trunc('" + unit + "', " + a + "))";
            return "CAST(date_trunc('" + unit + "', " + kt + " - " + offset + ") + " + offset + " AS " + key.type()
                    + ")";
        }

        private Optional<String> overlaps(String bound, List<SetKey.Existing> existing) {
            RangeBounds nb = RangeBounds.parse(bound).orElse(null);
            if (nb == null) {
                return Optional.empty();
            }
            for (SetKey.Existing e : existing) {
                if (RangeBounds.ORDER.compare(nb.lower(), e.bounds().upper()) < 0
                        && RangeBounds.ORDER.compare(e.bounds().lower(), nb.upper()) < 0) {
                    return Optional.of(Identifiers.quoteIfNeeded(e.member().name()));
                }
            }
            return Optional.empty();
        }

        // --------------------------------------------------------------------------------------------- list

        private SplitAnalysis analyseList() throws SQLException, PartscopeException {
            if (request.interval() != null) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " is"
                        + " partitioned by " + set.partitionKey() + ": --interval applies to range sets only");
            }
            grouping = "list";
            checks.add(Check.pass("grouping", "one new partition per value, named " + set.name() + "_<value>"));
            long[] totals = totals();
            List<SplitAnalysis.Stay> stay = new ArrayList<>();
            if (totals[1] > 0) {
                stay.add(new SplitAnalysis.Stay("the key " + key.column() + " is NULL", totals[1]));
            }
            Set<String> taken = namesInSchema(List.of());
            Set<String> names = new HashSet<>();
            List<PendingGroup> pending = new ArrayList<>();
            checkpoint();
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(" + key.column() + " AS text), count(*) FROM"
                    + " ONLY " + def() + " WHERE " + key.column() + " IS NOT NULL GROUP BY " + key.column()
                    + " ORDER BY " + key.column() + " LIMIT " + (MAX_GROUPS + 1)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (pending.size() == MAX_GROUPS) {
                        tooManyGroups = true;
                        return finish(totals[0], List.of(), stay, totals[2]);
                    }
                    String value = rs.getString(1);
                    String base = key.listPartitionName(value);
                    String name = base;
                    for (int n = 2; names.contains(name) || (taken.contains(name) && !isLeftover(name)); n++) {
                        name = base + "_" + n;
                    }
                    names.add(name);
                    String lit = key.literal(value);
                    String predicate = key.column() + " IN (" + lit + ")";
                    pending.add(new PendingGroup(name, "FOR VALUES IN (" + lit + ")", predicate,
                            key.column() + " IS NOT NULL AND " + predicate, rs.getLong(2)));
                }
            }
            return finish(totals[0], pending, stay, totals[2]);
        }

        private SplitAnalysis finish(long rows, List<PendingGroup> pending, List<SplitAnalysis.Stay> stay,
                long bytes) {
            List<SplitAnalysis.Group> groups = new ArrayList<>();
            long remaining = rows;
            for (PendingGroup p : pending) {
                boolean copyAhead = request.copyAheadRows() > 0 && !primaryKey.isEmpty()
                        && p.rows() >= request.copyAheadRows();
                long bytesEstimate = rows == 0 ? 0 : Math.round((double) bytes * p.rows() / rows);
                double micros = p.rows() * (copyAhead ? APPLY_MICROS_PER_ROW : MOVE_MICROS_PER_ROW)
                        + remaining * SCAN_MICROS_PER_ROW;
                remaining -= p.rows();
                groups.add(new SplitAnalysis.Group(p.name(), p.bound(), p.predicate(), p.rows(), bytesEstimate,
                        copyAhead, FIXED_LOCK_MILLIS + Math.round(micros / 1000)));
                checkHolder.put(p.name(), p.check());
            }
            return new SplitAnalysis(def(), rows, bytes, grouping, groups, stay, true);
        }

        private final Map<String, String> checkHolder = new LinkedHashMap<>();

        // ----------------------------------------------------------------------------------------- preflight

        private Set<String> namesInSchema(List<String> names) throws SQLException {
            Set<String> found = new HashSet<>();
            String sql = "SELECT c.relname, NOT c.relispartition AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM"
                    + " pg_constraint k WHERE k.conrelid = c.oid AND k.conname = ?) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                    + (names.isEmpty() ? "" : " AND c.relname = ANY (?)");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, HELPER_CHECK);
                ps.setString(2, set.schema());
                if (!names.isEmpty()) {
                    ps.setArray(3, c.createArrayOf("text", names.toArray()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            leftovers.add(rs.getString(1));
                        }
                    }
                }
            }
            return found;
        }

        private boolean isLeftover(String name) {
            return leftovers.contains(name);
        }

        private void checkNames(List<SplitAnalysis.Group> groups) throws SQLException {
            List<String> all = groups.stream().map(SplitAnalysis.Group::name).toList();
            List<String> tooLong = all.stream()
                    .filter(n -> n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63).toList();
            if (!tooLong.isEmpty()) {
                checks.add(Check.refuse("name length", "longer than 63 bytes (PostgreSQL would cut them): "
                        + String.join(", ", tooLong)));
            }
            if (all.isEmpty()) {
                return;
            }
            Set<String> taken = namesInSchema(all);
            List<String> clash = all.stream().filter(n -> taken.contains(n) && !leftovers.contains(n)).toList();
            List<String> again = all.stream().filter(leftovers::contains).toList();
            String schema = Identifiers.quoteIfNeeded(set.schema());
            checks.add(clash.isEmpty() ? Check.pass("existing names", "no relation in schema " + schema
                    + " has any of the " + all.size() + " new names")
                    : Check.refuse("existing names", "already in schema " + schema + ": " + String.join(", ",
                            clash.stream().map(Identifiers::quoteIfNeeded).toList())));
            if (!again.isEmpty()) {
                checks.add(Check.warn("leftover copies", "standalone copies left by an interrupted split are"
                        + " dropped and made again: " + String.join(", ",
                                again.stream().map(Identifiers::quoteIfNeeded).toList())));
            }
        }

        private void checkSchemaPrivilege() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT has_schema_privilege(c.relnamespace, 'CREATE'),"
                    + " current_user FROM pg_class c WHERE c.oid = ?")) {
                ps.setLong(1, set.root().oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String schema = Identifiers.quoteIfNeeded(set.schema());
                    checks.add(rs.getBoolean(1)
                            ? Check.pass("schema privilege", "\"" + rs.getString(2) + "\" may create tables in " + schema)
                            : Check.refuse("schema privilege", "\"" + rs.getString(2) + "\" has no CREATE privilege on"
                                    + " schema " + schema));
                }
            }
        }

        // --------------------------------------------------------------------------------------------- steps

        private Step recordStep(SplitAnalysis analysis) {
            StringBuilder cases = new StringBuilder("CASE");
            int i = 1;
            for (SplitAnalysis.Group g : analysis.groups()) {
                cases.append(" WHEN ").append(g.predicate()).append(" THEN ").append(i++);
            }
            cases.append(" ELSE 0 END");
            return Step.autocommit("Record the rows of " + defaultPartition.name() + " for the verification",
                    "CREATE TEMPORARY TABLE " + BEFORE_TABLE + " AS SELECT " + identity() + " AS id, " + cases
                            + " AS part FROM ONLY " + def(),
                    List.of(new LockNote(def(), LockMode.ACCESS_SHARE, "a read of the DEFAULT into a temporary"
                            + " table of this session; reads and writes continue")));
        }

        private List<Step> moveSteps(SplitAnalysis.Group g, SplitAnalysis analysis) {
            String table = Identifiers.qualified(set.schema(), g.name());
            String check = checkHolder.get(g.name());
            List<String> create = new ArrayList<>();
            if (leftovers.contains(g.name())) {
                create.add("DROP TABLE " + table);
            }
            create.add("CREATE TABLE " + table + " (LIKE " + parent() + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                    + (server.major() >= 12 ? " INCLUDING GENERATED" : "") + " INCLUDING STORAGE INCLUDING INDEXES)");
            create.add("ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.quote(HELPER_CHECK) + " CHECK ("
                    + check + ")");
            String cols = columnList(null);
            List<LockNote> locked = List.of(
                    new LockNote(parent(), LockMode.SHARE_ROW_EXCLUSIVE, "blocks writers of the whole set (every"
                            + " partition), not readers, until this transaction commits: about "
                            + millisText(g.lockMillisEstimate()) + " (" + g.rows() + " rows"
                            + (g.copyAhead() ? ", copied ahead: only the changes since are applied" : "") + ")"),
                    new LockNote(parent(), LockMode.SHARE_UPDATE_EXCLUSIVE, "ATTACH PARTITION; the CHECK implies"
                            + " the bound, so the new table is not scanned"),
                    new LockNote(def(), LockMode.ACCESS_EXCLUSIVE, "ATTACH scans the DEFAULT to prove no row of the"
                            + " new range is left in it; queries that read the DEFAULT wait for the scan"));
            List<String> move = new ArrayList<>();
            move.add("LOCK TABLE " + parent() + " IN SHARE ROW EXCLUSIVE MODE");
            String moved = "WITH moved AS (DELETE FROM ONLY " + def() + " WHERE " + g.predicate() + " RETURNING "
                    + cols + ") INSERT INTO " + table + " AS t (" + cols + ") SELECT " + cols + " FROM moved";
            List<String> attach = List.of("ALTER TABLE " + parent() + " ATTACH PARTITION " + table + " " + g.bound(),
                    "ALTER TABLE " + table + " DROP CONSTRAINT " + Identifiers.quote(HELPER_CHECK));
            String title = g.name() + " (" + g.rows() + " rows)";
            if (!g.copyAhead()) {
                List<String> all = new ArrayList<>(create);
                all.addAll(move);
                all.add(moved);
                all.addAll(attach);
                return List.of(Step.inTransaction("Move " + title + " and attach it", all, locked));
            }
            List<String> copy = new ArrayList<>(create);
            copy.add("INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM ONLY " + def() + " WHERE "
                    + g.predicate());
            Step copyStep = Step.inTransaction("Copy ahead " + title, copy, List.of(new LockNote(def(),
                    LockMode.ACCESS_SHARE, "a read of the DEFAULT into the standalone table; reads and writes"
                            + " continue")));
            String pkOf = primaryKey.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
            String pkS = primaryKey.stream().map(n -> "s." + Identifiers.quote(n)).collect(Collectors.joining(", "));
            String pkT = primaryKey.stream().map(n -> "t." + Identifiers.quote(n)).collect(Collectors.joining(", "));
            List<String> rest = columns.stream().filter(n -> !primaryKey.contains(n)).toList();
            String conflict;
            if (rest.isEmpty()) {
                conflict = " ON CONFLICT (" + pkOf + ") DO NOTHING";
            } else {
                String target = rest.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
                String excluded = rest.stream().map(n -> "EXCLUDED." + Identifiers.quote(n))
                        .collect(Collectors.joining(", "));
                String current = rest.stream().map(n -> "t." + Identifiers.quote(n)).collect(Collectors.joining(", "));
                conflict = " ON CONFLICT (" + pkOf + ") DO UPDATE SET (" + target + ") = ROW(" + excluded + ")"
                        + " WHERE CAST(ROW(" + current + ") AS text) IS DISTINCT FROM CAST(ROW(" + excluded
                        + ") AS text)";
            }
            // one statement: the rows now in the DEFAULT's range are moved (new ones inserted, changed ones updated
            // in the copy), and rows of the copy no longer in the DEFAULT (deleted or moved out of the range since
            // the copy) are deleted; the CTEs work on disjoint rows of the copy
            move.add("WITH moved AS (DELETE FROM ONLY " + def() + " WHERE " + g.predicate() + " RETURNING " + cols
                    + "), upserted AS (INSERT INTO " + table + " AS t (" + cols + ") SELECT " + cols + " FROM moved"
                    + conflict + ") DELETE FROM " + table + " AS t WHERE NOT EXISTS (SELECT 1 FROM moved AS s WHERE"
                    + " ROW(" + pkS + ") = ROW(" + pkT + "))");
            move.addAll(attach);
            return List.of(copyStep, Step.inTransaction("Apply the changes to " + g.name() + ", move the rest and"
                    + " attach it", move, locked));
        }
    }

    static String millisText(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
