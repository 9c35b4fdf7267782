package io.partscope.core.ops.create;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Persistence;
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
import io.partscope.core.ops.CommandLineText;
import io.partscope.core.ops.LockMode;
import io.partscope.core.ops.LockNote;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Preflight;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.create.SetKey.Existing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans {@code op create}: new partitions of a declaratively partitioned set, worked out from the catalog (interval,
 * names, sub-partitioning of the newest sibling), with a preflight that refuses what the server would refuse (an
 * overlap, a name in use, rows of a new range in the DEFAULT partition) before anything runs, and a verifier that
 * reads the new partitions back.
 */
public final class CreatePartitionsPlanner {
    /** The helper CHECK of the attach method; dropped again once the partition is attached. */
    public static final String HELPER_CHECK = "partscope_new_bound";
    /** At most this many partitions in one operation. */
    public static final int MAX_PARTITIONS = 1000;

    private final Database database;

    public CreatePartitionsPlanner(Database database) {
        this.database = database;
    }

    /** The partitions a plan of this planner creates (with their sub-partitions); empty for other plans. */
    public static List<NewPartition> partitions(OperationPlan plan) {
        return plan.verifier() instanceof CreateVerifier v ? v.partitions() : List.of();
    }

    public OperationPlan plan(String table, CreateRequest request, Cancellation cancellation)
            throws PartscopeException {
        return plan(table, request, false, cancellation);
    }

    /**
     * Plans the operation. Bad input (a selector that does not fit the set, a --from the key type cannot read)
     * throws BAD_INPUT; what the server would refuse becomes a REFUSE check in the plan.
     *
     * @param profileReadOnly the connection profile is marked read-only: the plan is refused
     */
    public OperationPlan plan(String table, CreateRequest request, boolean profileReadOnly,
            Cancellation cancellation) throws PartscopeException {
        List<String> parts;
        try {
            parts = Identifiers.parse(table);
        } catch (IllegalArgumentException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read the table name: " + e.getMessage());
        }
        checkLimits(request);
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
                    + " inheritance; op create makes declarative partitions only");
        }
        return database.readOnlySnapshot(cancellation,
                c -> new Planning(c, set, request, database.server(), profileReadOnly, cancellation).plan());
    }

    /**
     * Refuses a request for more than {@link #MAX_PARTITIONS} partitions before anything is read or computed: a
     * huge --next once made the server generate (and the planner hold) a billion bounds before the cap was looked
     * at. --from/--to is capped where its bounds are generated (at most cap + 2 are ever asked for).
     */
    static void checkLimits(CreateRequest request) throws PartscopeException {
        if (request.next() != null && request.next() > MAX_PARTITIONS) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--next " + request.next() + " asks for more than "
                    + MAX_PARTITIONS + " partitions; at most " + MAX_PARTITIONS + " in one operation (run it again"
                    + " for more)");
        }
        long values = request.values().stream().map(String::strip).distinct().count();
        if (values > MAX_PARTITIONS) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--values gives " + values + " values, one partition"
                    + " each; at most " + MAX_PARTITIONS + " in one operation");
        }
    }

    /** One planning run on one connection (a read-only snapshot). */
    private static final class Planning {
        private final Connection c;
        private final PartitionSet set;
        private final CreateRequest request;
        private final ServerInfo server;
        private final boolean profileReadOnly;
        private final Cancellation cancellation;
        private final List<Check> checks = new ArrayList<>();
        private final List<PartitionMember> children;
        private final PartitionMember defaultPartition;
        private SetKey key;
        private String keyColumn;
        private String keyType;
        private String describeRange = "";
        private String cadenceWord = "";

        Planning(Connection c, PartitionSet set, CreateRequest request, ServerInfo server,
                boolean profileReadOnly, Cancellation cancellation) {
            this.c = c;
            this.cancellation = cancellation;
            this.set = set;
            this.request = request;
            this.server = server;
            this.profileReadOnly = profileReadOnly;
            this.children = set.partitions().stream().filter(m -> m.level() == 1).toList();
            this.defaultPartition = children.stream().filter(PartitionMember::isDefault).findFirst().orElse(null);
        }

        OperationPlan plan() throws SQLException, PartscopeException {
            checks.addAll(Preflight.common(c, server, set.relationName(), profileReadOnly, 13, "op create"));
            key = SetKey.read(c, set, "op create");
            keyColumn = key.column();
            keyType = key.type();
            List<NewPartition> partitions = switch (set.strategy()) {
                case RANGE -> planRange();
                case LIST -> planList();
                case HASH -> planHash();
            };
            if (partitions.size() > MAX_PARTITIONS) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "more than " + MAX_PARTITIONS + " partitions"
                        + " asked for" + describeRange + "; at most " + MAX_PARTITIONS + " in one operation: give a"
                        + " shorter --from/--to range or a wider --interval");
            }
            partitions = withSubPartitioning(partitions);
            checkpoint();
            checkNames(partitions);
            checkpoint();
            checkDefault(partitions);
            checkSchemaPrivilege();
            List<Step> steps = partitions.stream().map(this::step).toList();
            String target = set.relationName().qualified();
            String summary = partitions.isEmpty() ? "Nothing to create in " + target
                    : "Create " + partitions.size() + (cadenceWord.isEmpty() ? "" : " " + cadenceWord)
                            + " partition" + (partitions.size() == 1 ? "" : "s") + " of " + target + describeRange
                            + " with " + (request.method() == CreateRequest.Method.ATTACH
                                    ? "CREATE TABLE + ATTACH PARTITION" : "CREATE TABLE ... PARTITION OF");
            return new OperationPlan("create", target, summary, checks, steps,
                    new CreateVerifier(set.schema(), set.name(), partitions));
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

        // ------------------------------------------------------------------------------------------- the key

        private boolean integerKey() {
            return key.integerKey();
        }

        private String literal(String canonical) {
            return key.literal(canonical);
        }

        private String canonical(String option, String text) throws PartscopeException {
            return key.canonical(option, text);
        }

        // ----------------------------------------------------------------------------------------------- range

        private List<Existing> existingRanges() {
            return key.existingRanges();
        }

        private Optional<Cadence> detect(Existing e) {
            return key.detect(e);
        }

        private int compare(String a, String b) throws SQLException {
            return key.compare(a, b);
        }

        private List<String> series(String start, Cadence cadence, int count, String below)
                throws SQLException, PartscopeException {
            checkpoint();
            return key.series(start, cadence, count, below);
        }

        private NamePattern.Label label(String lower, String upper) throws PartscopeException {
            return key.label(lower, upper);
        }

        private NamePattern namePattern(List<Existing> existing, Cadence cadence) {
            return key.namePattern(existing, cadence, checks);
        }


        private List<NewPartition> planRange() throws SQLException, PartscopeException {
            if (!request.values().isEmpty()) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " is"
                        + " partitioned by " + set.partitionKey() + ": use --next N or --from/--to, not --values");
            }
            boolean next = request.next() != null;
            boolean fromTo = request.from() != null || request.to() != null;
            if (next == fromTo) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "give either --next N or --from A --to B for the"
                        + " range set " + set.relationName().qualified());
            }
            if (fromTo && (request.from() == null || request.to() == null)) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "--from and --to go together");
            }
            if (!integerKey() && !keyType.startsWith("timestamp") && !keyType.equals("date")) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "the key " + keyColumn + " is " + keyType
                        + "; op create computes ranges of timestamp, date and integer keys only");
            }
            List<Existing> existing = existingRanges();
            Cadence cadence = null;
            String cadenceFrom = null;
            if (request.interval() != null) {
                try {
                    cadence = Cadence.parse(request.interval());
                } catch (IllegalArgumentException e) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, e.getMessage());
                }
                if (cadence.isTime() == integerKey()) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "--interval " + request.interval()
                            + " does not fit the key " + keyColumn + " (" + keyType + ")");
                }
                cadenceFrom = "--interval " + request.interval();
            } else {
                for (int i = existing.size() - 1; i >= 0 && cadence == null; i--) {
                    Existing e = existing.get(i);
                    cadence = detect(e).orElse(null);
                    if (cadence != null) {
                        cadenceFrom = "detected from " + e.member().name() + ": "
                                + e.member().bound().replaceFirst("^FOR VALUES ", "");
                    }
                }
            }
            List<String> cuts;
            if (next) {
                if (request.next() < 1) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "--next must be at least 1");
                }
                if (existing.isEmpty()) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " has no"
                            + " range partition to continue from; give --from, --to and --interval");
                }
                if (cadence == null) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot tell the interval of "
                            + set.relationName().qualified() + " from its bounds; give --interval (hour, day, week,"
                            + " month, quarter, year or an integer step)");
                }
                Existing newest = existing.get(existing.size() - 1);
                if (newest.bounds().upper() == RangeBounds.Unbounded.MAXVALUE) {
                    checks.add(Check.refuse("overlap", newest.member().name() + " already reaches MAXVALUE: no"
                            + " range is left above it"));
                    return List.of();
                }
                cuts = series(SqlText.unquote(newest.upper()), cadence, request.next() + 1, null);
            } else {
                String from = canonical("--from", request.from());
                String to = canonical("--to", request.to());
                if (compare(from, to) >= 0) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "--from " + request.from()
                            + " must be below --to " + request.to());
                }
                if (cadence == null) {
                    cuts = List.of(from, to);
                } else {
                    cuts = new ArrayList<>(series(from, cadence, MAX_PARTITIONS + 2, to));
                    cuts.add(to);
                }
            }
            checks.add(cadence == null ? Check.pass("interval", "one partition from --from to --to")
                    : Check.pass("interval", cadence.adjective() + " partitions, interval " + cadenceFrom));
            cadenceWord = cadence == null ? "" : cadence.adjective();
            describeRange = " (" + cuts.get(0) + " to " + cuts.get(cuts.size() - 1) + ")";

            List<NewPartition> out = new ArrayList<>();
            NamePattern pattern = namePattern(existing, cadence);
            Set<String> names = new HashSet<>();
            for (int i = 0; i + 1 < cuts.size(); i++) {
                String lo = literal(cuts.get(i));
                String hi = literal(cuts.get(i + 1));
                String name = pattern.render(label(cuts.get(i), cuts.get(i + 1)));
                if (!names.add(name)) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, "the name pattern " + pattern.describe()
                            + " gives " + name + " twice; choose an --interval that fits it");
                }
                String range = keyColumn + " >= " + lo + " AND " + keyColumn + " < " + hi;
                out.add(new NewPartition(name, "FOR VALUES FROM (" + lo + ") TO (" + hi + ")", range,
                        keyColumn + " IS NOT NULL AND " + range, false, null, List.of()));
            }
            checkOverlap(existing, out);
            return out;
        }

        private void checkOverlap(List<Existing> existing, List<NewPartition> created) {
            List<String> overlaps = new ArrayList<>();
            for (NewPartition p : created) {
                RangeBounds nb = RangeBounds.parse(p.bound()).orElse(null);
                if (nb == null) {
                    continue;
                }
                for (Existing e : existing) {
                    if (RangeBounds.ORDER.compare(nb.lower(), e.bounds().upper()) < 0
                            && RangeBounds.ORDER.compare(e.bounds().lower(), nb.upper()) < 0) {
                        overlaps.add(p.name() + " (" + p.bound().replaceFirst("^FOR VALUES ", "") + ") would overlap "
                                + e.member().name() + " (" + e.member().bound().replaceFirst("^FOR VALUES ", "")
                                + ")");
                    }
                }
            }
            checks.add(overlaps.isEmpty() ? Check.pass("overlap", "no new range overlaps an existing partition")
                    : Check.refuse("overlap", String.join("; ", overlaps)));
        }

        // ------------------------------------------------------------------------------------------------ list

        private List<NewPartition> planList() throws SQLException, PartscopeException {
            if (request.values().isEmpty() || request.hasRangeSelector()) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " is"
                        + " partitioned by " + set.partitionKey() + ": give the new values with --values V,...");
            }
            Map<String, String> owner = new LinkedHashMap<>();
            for (PartitionMember m : children) {
                for (String v : SqlText.listValues(m.bound()).orElse(List.of())) {
                    if (v != null) {
                        owner.put(v, m.name());
                    }
                }
            }
            Set<String> taken = existingNames(List.of());
            List<String> refusals = new ArrayList<>();
            List<NewPartition> out = new ArrayList<>();
            Set<String> seenValues = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (String raw : request.values()) {
                checkpoint();
                String value = canonical("--values", raw.strip());
                if (!seenValues.add(value)) {
                    continue;
                }
                if (owner.containsKey(value)) {
                    refusals.add(SqlText.quoteLiteral(value) + " already belongs to " + owner.get(value));
                }
                String base = set.name() + "_" + SqlText.sanitise(value);
                String name = base;
                for (int n = 2; names.contains(name) || taken.contains(name); n++) {
                    name = base + "_" + n;
                }
                names.add(name);
                String lit = literal(value);
                out.add(new NewPartition(name, "FOR VALUES IN (" + lit + ")", keyColumn + " IN (" + lit + ")",
                        keyColumn + " IS NOT NULL AND " + keyColumn + " IN (" + lit + ")", false, null, List.of()));
            }
            checks.add(refusals.isEmpty() ? Check.pass("overlap", "no new value belongs to a partition yet")
                    : Check.refuse("overlap", String.join("; ", refusals)));
            checks.add(Check.pass("names", "one partition per value, named " + set.name() + "_<value>"));
            describeRange = " (" + String.join(", ", seenValues.stream().sorted().toList()) + ")";
            return out;
        }

        // ------------------------------------------------------------------------------------------------ hash

        private List<NewPartition> planHash() throws PartscopeException {
            if (!request.values().isEmpty() || request.hasRangeSelector()) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " is"
                        + " partitioned by " + set.partitionKey() + ": op create adds the missing remainders and"
                        + " takes no --next, --from, --to or --values");
            }
            Set<Integer> moduli = new TreeSet<>();
            Set<Integer> present = new TreeSet<>();
            Map<String, Integer> prefixes = new LinkedHashMap<>();
            for (PartitionMember m : children) {
                Optional<int[]> h = SqlText.hash(m.bound());
                if (h.isEmpty()) {
                    continue;
                }
                moduli.add(h.get()[0]);
                present.add(h.get()[1]);
                String r = Integer.toString(h.get()[1]);
                if (m.name().endsWith(r) && m.name().length() > r.length()) {
                    prefixes.merge(m.name().substring(0, m.name().length() - r.length()), 1, Integer::sum);
                }
            }
            if (moduli.isEmpty()) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, set.relationName().qualified() + " has no hash"
                        + " partition yet, so its modulus is unknown; create the first one by hand");
            }
            if (moduli.size() > 1) {
                checks.add(Check.refuse("modulus", "the partitions use different moduli " + moduli
                        + "; op create only fills in the remainders of a single modulus"));
                return List.of();
            }
            int modulus = moduli.iterator().next();
            String prefix = prefixes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(set.name() + "_p");
            checks.add(prefixes.isEmpty()
                    ? Check.warn("names", "the existing names do not end in their remainder; new partitions are"
                            + " named " + prefix + "<remainder>")
                    : Check.pass("names", "names follow " + prefix + "<remainder>"));
            List<NewPartition> out = new ArrayList<>();
            for (int r = 0; r < modulus; r++) {
                if (!present.contains(r)) {
                    out.add(new NewPartition(prefix + r, "FOR VALUES WITH (modulus " + modulus + ", remainder " + r
                            + ")", null, null, false, null, List.of()));
                }
            }
            checks.add(Check.pass("overlap", out.isEmpty() ? "all " + modulus + " remainders exist: nothing to create"
                    : (modulus - out.size()) + " of " + modulus + " remainders exist; creating the missing "
                            + out.stream().map(p -> p.bound().replaceAll(".*remainder (\\d+)\\)", "$1")).toList()));
            cadenceWord = "hash";
            describeRange = " (modulus " + modulus + ")";
            return out;
        }

        // ----------------------------------------------------------------------------------- sub-partitioning

        /** The newest sibling: the highest range, or the most recently created list or hash partition. */
        private Optional<PartitionMember> newestSibling() {
            List<PartitionMember> candidates = children.stream().filter(m -> !m.isDefault()).toList();
            if (set.strategy() == Strategy.RANGE) {
                List<Existing> ranges = existingRanges();
                return ranges.isEmpty() ? Optional.empty()
                        : Optional.of(ranges.get(ranges.size() - 1).member());
            }
            return candidates.stream().max(Comparator.comparingLong(PartitionMember::oid));
        }

        private List<NewPartition> withSubPartitioning(List<NewPartition> partitions) {
            Optional<PartitionMember> sibling = newestSibling();
            if (sibling.isEmpty() || partitions.isEmpty()) {
                return partitions;
            }
            PartitionMember s = sibling.get();
            boolean unlogged = s.persistence() == Persistence.UNLOGGED;
            if (s.relkind() != RelKind.PARTITIONED_TABLE) {
                return partitions.stream().map(p -> new NewPartition(p.name(), p.bound(), p.predicate(), p.check(),
                        unlogged, null, List.of())).toList();
            }
            List<PartitionMember> subs = childrenOf(s);
            checks.add(Check.pass("sub-partitioning", "like the newest sibling " + s.name() + ": PARTITION BY "
                    + s.partitionKey() + " with " + subs.size() + " sub-partition" + (subs.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", subs.stream().map(PartitionMember::name).toList()) + ")"));
            return partitions.stream().map(p -> new NewPartition(p.name(), p.bound(), p.predicate(), p.check(),
                    unlogged, s.partitionKey(), template(s, p.name()))).toList();
        }

        private List<PartitionMember> childrenOf(PartitionMember parent) {
            return set.partitions().stream().filter(m -> m.level() == parent.level() + 1
                    && parent.schema().equals(m.parentSchema()) && parent.name().equals(m.parentName())).toList();
        }

        /** The sibling's sub-partitions with the new name as their prefix, their bounds as printed. */
        private List<NewPartition> template(PartitionMember sibling, String newName) {
            List<NewPartition> out = new ArrayList<>();
            for (PartitionMember sub : childrenOf(sibling)) {
                String name = sub.name().startsWith(sibling.name())
                        ? newName + sub.name().substring(sibling.name().length())
                        : newName + "_" + sub.name();
                boolean partitioned = sub.relkind() == RelKind.PARTITIONED_TABLE;
                out.add(new NewPartition(name, sub.bound(), null, null, sub.persistence() == Persistence.UNLOGGED,
                        partitioned ? sub.partitionKey() : null, partitioned ? template(sub, name) : List.of()));
            }
            return out;
        }

        // ----------------------------------------------------------------------------------------- preflight

        private Set<String> existingNames(List<String> names) throws SQLException {
            Set<String> found = new HashSet<>();
            String sql = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ?" + (names.isEmpty() ? "" : " AND c.relname = ANY (?)");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, set.schema());
                if (!names.isEmpty()) {
                    ps.setArray(2, c.createArrayOf("text", names.toArray()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        }

        private void checkNames(List<NewPartition> partitions) throws SQLException {
            List<String> all = partitions.stream().flatMap(p -> p.flatten().stream()).map(NewPartition::name).toList();
            List<String> tooLong = all.stream()
                    .filter(n -> n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63).toList();
            if (!tooLong.isEmpty()) {
                checks.add(Check.refuse("name length", "longer than 63 bytes (PostgreSQL would cut them): "
                        + String.join(", ", tooLong)));
            }
            if (all.isEmpty()) {
                return;
            }
            Set<String> taken = existingNames(all);
            List<String> clash = all.stream().filter(taken::contains).toList();
            checks.add(clash.isEmpty() ? Check.pass("existing names", "no relation in schema "
                    + Identifiers.quoteIfNeeded(set.schema()) + " has any of the " + all.size() + " new names")
                    : Check.refuse("existing names", "already in schema " + Identifiers.quoteIfNeeded(set.schema())
                            + ": " + String.join(", ", clash.stream().map(Identifiers::quoteIfNeeded).toList())));
        }

        private void checkDefault(List<NewPartition> partitions) throws SQLException {
            if (defaultPartition == null) {
                checks.add(Check.pass("default partition", "the set has no DEFAULT partition"));
                return;
            }
            List<NewPartition> counted = partitions.stream().filter(p -> p.predicate() != null).toList();
            if (counted.isEmpty()) {
                checks.add(Check.pass("default partition", "nothing to check in "
                        + defaultPartition.relationName().qualified()));
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(?, 'SELECT')")) {
                ps.setLong(1, defaultPartition.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        checks.add(Check.refuse("default partition", "cannot read "
                                + defaultPartition.relationName().qualified() + " to make sure it holds no rows of the"
                                + " new partitions (no SELECT privilege)"));
                        return;
                    }
                }
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < counted.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(counted.get(i).predicate())
                        .append(')');
            }
            sql.append(" FROM ").append(Identifiers.qualified(defaultPartition.schema(), defaultPartition.name()));
            List<String> holding = new ArrayList<>();
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < counted.size(); i++) {
                    long n = rs.getLong(i + 1);
                    if (n > 0) {
                        total += n;
                        holding.add(counted.get(i).name() + " " + n);
                    }
                }
            }
            String def = defaultPartition.relationName().qualified();
            if (holding.isEmpty()) {
                checks.add(Check.pass("default partition", def + " holds no rows of the new partitions"));
            } else {
                checks.add(Check.refuse("default partition", def + " holds " + total + " row" + (total == 1 ? "" : "s")
                        + " of the new partitions (" + String.join(", ", holding) + "); creating them would fail."
                        + " Move those rows out with: " + CommandLineText.partscope("op", "split-default", "--table",
                                set.relationName().qualified())));
            }
        }

        /** The owner check is in Preflight.common; creating a table also needs CREATE on the schema. */
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

        private Step step(NewPartition p) {
            String parent = Identifiers.qualified(set.schema(), set.name());
            String table = Identifiers.qualified(set.schema(), p.name());
            List<String> sql = new ArrayList<>();
            List<LockNote> locks = new ArrayList<>();
            String def = defaultPartition == null ? null
                    : Identifiers.qualified(defaultPartition.schema(), defaultPartition.name());
            String defaultScan = "scanned to prove it holds no rows of the new range (skipped when a validated CHECK"
                    + " on it rules the range out); its readers and writers wait for the scan";
            if (request.method() == CreateRequest.Method.CREATE) {
                sql.add("CREATE " + (p.unlogged() ? "UNLOGGED " : "") + "TABLE " + table + " PARTITION OF " + parent
                        + " " + p.bound() + (p.partitionBy() == null ? "" : " PARTITION BY " + p.partitionBy()));
                addSubPartitions(p, sql);
                locks.add(new LockNote(parent, LockMode.ACCESS_EXCLUSIVE,
                        "CREATE TABLE ... PARTITION OF: every query on the set waits, for a catalog change only"));
                if (def != null && p.predicate() != null) {
                    locks.add(new LockNote(def, LockMode.ACCESS_EXCLUSIVE, defaultScan));
                }
                return Step.inTransaction("Create " + p.name(), sql, locks);
            }
            sql.add("CREATE " + (p.unlogged() ? "UNLOGGED " : "") + "TABLE " + table + " (LIKE " + parent
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE)"
                    + (p.partitionBy() == null ? "" : " PARTITION BY " + p.partitionBy()));
            addSubPartitions(p, sql);
            if (p.check() != null) {
                sql.add("ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.quote(HELPER_CHECK) + " CHECK ("
                        + p.check() + ")");
            }
            if (def != null) {
                sql.add("LOCK TABLE " + parent + " IN SHARE ROW EXCLUSIVE MODE");
                locks.add(new LockNote(parent, LockMode.SHARE_ROW_EXCLUSIVE, "the set has a DEFAULT partition:"
                        + " under ATTACH's SHARE UPDATE EXCLUSIVE alone, an INSERT routed to the DEFAULT before the"
                        + " ATTACH commits fails afterwards with a partition-constraint error. Writers wait until this"
                        + " transaction commits; readers continue"));
            }
            sql.add("ALTER TABLE " + parent + " ATTACH PARTITION " + table + " " + p.bound());
            locks.add(new LockNote(parent, LockMode.SHARE_UPDATE_EXCLUSIVE, "ATTACH PARTITION: reads and writes"
                    + " continue; the helper CHECK implies the bound, so the new table is not scanned"));
            if (def != null && p.predicate() != null) {
                locks.add(new LockNote(def, LockMode.ACCESS_EXCLUSIVE, defaultScan));
            }
            if (p.check() != null) {
                sql.add("ALTER TABLE " + table + " DROP CONSTRAINT " + Identifiers.quote(HELPER_CHECK));
            }
            return Step.inTransaction("Create and attach " + p.name(), sql, locks);
        }

        private void addSubPartitions(NewPartition p, List<String> sql) {
            for (NewPartition child : p.children()) {
                sql.add("CREATE " + (child.unlogged() ? "UNLOGGED " : "") + "TABLE "
                        + Identifiers.qualified(set.schema(), child.name()) + " PARTITION OF "
                        + Identifiers.qualified(set.schema(), p.name()) + " " + child.bound()
                        + (child.partitionBy() == null ? "" : " PARTITION BY " + child.partitionBy()));
                addSubPartitions(child, sql);
            }
        }
    }
}
