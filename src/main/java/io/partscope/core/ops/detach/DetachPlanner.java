package io.partscope.core.ops.detach;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.ServerInfo;
import io.partscope.core.db.SqlErrors;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.CommandLineText;
import io.partscope.core.ops.LockMode;
import io.partscope.core.ops.LockNote;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Preflight;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.freeze.FreezePlanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans {@code ALTER TABLE parent DETACH PARTITION p [CONCURRENTLY]} and what happens to the table afterwards
 * (keep, rename, archive schema, drop).
 *
 * <p>CONCURRENTLY (PostgreSQL 14+, refused by the server while the parent has a DEFAULT partition) runs as one
 * autocommit statement with no lock_timeout of its own: its first transaction marks the partition pending
 * detach under SHARE UPDATE EXCLUSIVE (reads and writes go on), then it waits for every transaction that holds a
 * lock on the parent (holding no lock meanwhile: the application is not queued behind it), then takes ACCESS
 * EXCLUSIVE on the partition alone. It is never retried: after an interruption (cancel, statement_timeout, a
 * lost connection) past its first transaction, the partition is pending and a second DETACH CONCURRENTLY fails
 * (55000); the continuation is {@code DETACH PARTITION ... FINALIZE} ({@link FinalizePlanner}). While it waits,
 * {@link io.partscope.core.ops.WaitProbe} reports the transactions it waits for.
 *
 * <p>The plain DETACH is one transactional step under lock_timeout, retried: ACCESS EXCLUSIVE on the parent, the
 * partition and the DEFAULT partition (no scan).
 */
public final class DetachPlanner {
    public static final String KIND = "detach";

    /**
     * @param partition the partition, as SQL writes it
     * @param then what happens to the detached table
     * @param profileReadOnly the connection is marked read-only by its profile (the app); the CLI passes false
     */
    public record Request(String partition, boolean concurrently, Aftermath then, boolean profileReadOnly) {
        public Request {
            then = then == null ? new Aftermath.Keep() : then;
        }
    }

    public record DetachPlan(OperationPlan plan, DetachTarget target) {
    }

    private final Database database;

    public DetachPlanner(Database database) {
        this.database = database;
    }

    public DetachPlan plan(Request request, Cancellation cancellation) throws PartscopeException {
        ServerInfo server = database.server();
        List<Check> preflight = new ArrayList<>();
        // In a snapshot registered with the cancellation: Cancel or Ctrl-C reaches a catalog read that waits.
        DetachTarget t = database.readOnlySnapshot(cancellation, c -> {
            DetachTarget read = read(c, server, request.partition());
            if (read.parent() == null) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, read.partition().qualified()
                        + " is not a partition: it has no parent to detach it from");
            }
            preflight.addAll(Preflight.common(c, server, read.parent(), request.profileReadOnly(), 13, "DETACH"));
            Check partOwner = Preflight.owner(c, read.partition());
            if (partOwner.status() != Check.Status.PASS) {
                preflight.add(partOwner);
            }
            preflight.addAll(checks(server, read, request));
            preflight.addAll(aftermathChecks(c, read, request.then()));
            return read;
        });

        String parentSql = Identifiers.qualified(t.parent().schema(), t.parent().name());
        String partSql = Identifiers.qualified(t.partition().schema(), t.partition().name());
        String part = t.partition().qualified();
        String parent = t.parent().qualified();
        List<Step> steps = new ArrayList<>();
        if (request.concurrently()) {
            List<LockNote> locks = List.of(
                    new LockNote(parent, LockMode.SHARE_UPDATE_EXCLUSIVE, "DETACH CONCURRENTLY, in two short"
                            + " transactions; reads and writes of the set go on. Between them it waits, holding no"
                            + " lock, for every transaction that holds a lock on " + parent),
                    new LockNote(part, LockMode.ACCESS_EXCLUSIVE, "in its second transaction only, once no query"
                            + " through " + parent + " can see the partition any more (SHARE UPDATE EXCLUSIVE"
                            + " before)"));
            // Not retried blindly, and without a lock_timeout of its own: see the class comment.
            steps.add(new Step("Detach " + part + " from " + parent + " concurrently",
                    List.of("ALTER TABLE " + parentSql + " DETACH PARTITION " + partSql + " CONCURRENTLY"),
                    false, locks, false, Duration.ZERO));
        } else {
            List<LockNote> locks = new ArrayList<>();
            locks.add(new LockNote(parent, LockMode.ACCESS_EXCLUSIVE, "DETACH PARTITION: every query on the set"
                    + " waits for it, and it waits for every running query on the set"));
            locks.add(new LockNote(part, LockMode.ACCESS_EXCLUSIVE, "DETACH PARTITION"));
            if (t.defaultPartition() != null && !t.defaultPartition().equals(t.partition())) {
                locks.add(new LockNote(t.defaultPartition().qualified(), LockMode.ACCESS_EXCLUSIVE,
                        "the DEFAULT partition's constraint changes (no scan)"));
            }
            steps.add(Step.inTransaction("Detach " + part + " from " + parent,
                    List.of("ALTER TABLE " + parentSql + " DETACH PARTITION " + partSql), locks));
        }
        steps.addAll(aftermathSteps(t, request.then()));

        String summary = "Detach " + part + " (" + describe(t) + ") from " + parent
                + (request.concurrently() ? " CONCURRENTLY" : "") + ", then " + thenText(t, request.then());
        OperationPlan plan = new OperationPlan(KIND, part, summary, preflight, steps,
                new DetachVerifier(t, request.then()));
        return new DetachPlan(plan, t);
    }

    static String describe(DetachTarget t) {
        return (t.bound() == null ? "" : t.bound() + ", ")
                + (t.rowEstimate() < 0 ? "not analysed" : "about " + FreezePlanner.count(t.rowEstimate()) + " rows")
                + ", " + FreezePlanner.bytes(t.bytes());
    }

    private static String thenText(DetachTarget t, Aftermath then) {
        if (then instanceof Aftermath.Rename r) {
            return "rename it to " + Identifiers.quoteIfNeeded(r.name());
        }
        if (then instanceof Aftermath.Archive a) {
            return "move it to schema " + Identifiers.quoteIfNeeded(a.schema());
        }
        return then instanceof Aftermath.Drop ? "DROP it" : "keep it as a table";
    }

    /** The checks of the detach itself; the server version and DEFAULT refusals name the plain DETACH's locks. */
    static List<Check> checks(ServerInfo server, DetachTarget t, Request request) {
        List<Check> checks = new ArrayList<>();
        String part = t.partition().qualified();
        String parent = t.parent().qualified();
        boolean otherDefault = t.defaultPartition() != null && !t.defaultPartition().equals(t.partition());
        String plainLocks = "a plain DETACH (without CONCURRENTLY) works: ACCESS EXCLUSIVE on " + parent
                + (otherDefault ? ", " + part + " and the DEFAULT " + t.defaultPartition().qualified()
                        : " and " + part)
                + " for one short transaction (every query on the set waits for it)";
        if (!t.parentPartitioned()) {
            checks.add(Check.refuse("partition", part + " is an inheritance child of " + parent + ", not a"
                    + " partition of a partitioned table: use ALTER TABLE " + part + " NO INHERIT " + parent));
            return checks;
        }
        checks.add(Check.pass("partition", part + " is a partition of " + parent
                + (t.bound() == null ? "" : " (" + t.bound() + ")")));
        if (request.concurrently()) {
            if (!server.atLeast(14)) {
                checks.add(Check.refuse("concurrently", "DETACH PARTITION ... CONCURRENTLY needs PostgreSQL 14 or"
                        + " newer; the server is " + server.version() + ". " + capital(plainLocks)));
            } else {
                checks.add(Check.pass("concurrently", "PostgreSQL " + server.version() + " supports DETACH"
                        + " CONCURRENTLY (reads and writes go on; it waits for the transactions using " + parent + ")"));
            }
            if (t.defaultPartition() != null) {
                checks.add(Check.refuse("default partition", parent + " has a DEFAULT partition ("
                        + t.defaultPartition().qualified() + "): PostgreSQL refuses DETACH CONCURRENTLY then, because"
                        + " the detached range falls to the DEFAULT, whose constraint cannot change without ACCESS"
                        + " EXCLUSIVE. " + capital(plainLocks)));
            } else {
                checks.add(Check.pass("default partition", parent + " has no DEFAULT partition"));
            }
        } else if (t.defaultPartition() != null && !t.defaultPartition().equals(t.partition())) {
            checks.add(Check.pass("default partition", parent + " has a DEFAULT partition ("
                    + t.defaultPartition().qualified() + "): it is locked ACCESS EXCLUSIVE too, without a scan;"
                    + " rows of the detached range inserted afterwards go to it"));
        }
        if (t.pending()) {
            checks.add(Check.refuse("pending detach", part + " is already pending detach from " + parent
                    + " (an interrupted DETACH CONCURRENTLY): complete it with DETACH ... FINALIZE ("
                    + finalizeCommand(t.parent()) + ")"));
        } else if (t.otherPending() != null) {
            checks.add(Check.refuse("pending detach", t.otherPending().qualified() + " is pending detach from "
                    + parent + " (an interrupted DETACH CONCURRENTLY); only one detach may be pending per parent:"
                    + " finalize it first (" + finalizeCommand(t.parent()) + ")"));
        } else {
            checks.add(Check.pass("pending detach", "no detach is pending on " + parent));
        }
        return checks;
    }

    /** The command that completes a pending detach of {@code parent}, shell-quoted for pasting. */
    public static String finalizeCommand(RelationName parent) {
        return CommandLineText.partscope("op", "finalize", "--table", parent.qualified());
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<Check> aftermathChecks(Connection c, DetachTarget t, Aftermath then) throws SQLException {
        String part = t.partition().qualified();
        if (then instanceof Aftermath.Drop) {
            return List.of(Check.warn("afterwards", "DROP TABLE " + part + " after the detach: its rows ("
                    + describe(t) + ") are deleted for good"));
        }
        if (then instanceof Aftermath.Rename r) {
            if (r.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                return List.of(Check.refuse("afterwards", "the new name " + Identifiers.quoteIfNeeded(r.name())
                        + " is longer than 63 bytes"));
            }
            RelationName target = new RelationName(t.partition().schema(), r.name());
            return List.of(exists(c, target)
                    ? Check.refuse("afterwards", target.qualified() + " already exists: choose another name")
                    : Check.pass("afterwards", "rename " + part + " to " + target.qualified()));
        }
        if (then instanceof Aftermath.Archive a) {
            RelationName target = new RelationName(a.schema(), t.partition().name());
            if (a.schema().equals(t.partition().schema())) {
                return List.of(Check.refuse("afterwards", part + " is already in schema "
                        + Identifiers.quoteIfNeeded(a.schema())));
            }
            boolean schema = schemaExists(c, a.schema());
            return List.of(schema && exists(c, target)
                    ? Check.refuse("afterwards", target.qualified() + " already exists in the archive schema")
                    : Check.pass("afterwards", "move " + part + " to schema " + Identifiers.quoteIfNeeded(
                            a.schema()) + (schema ? "" : " (created: it does not exist yet)")));
        }
        return List.of(Check.pass("afterwards", "keep " + part + " as a table of its own"));
    }

    private static List<Step> aftermathSteps(DetachTarget t, Aftermath then) {
        String partSql = Identifiers.qualified(t.partition().schema(), t.partition().name());
        String part = t.partition().qualified();
        List<LockNote> lock = List.of(new LockNote(part, LockMode.ACCESS_EXCLUSIVE, "a table of its own now: the"
                + " set is not touched"));
        if (then instanceof Aftermath.Drop) {
            return List.of(Step.inTransaction("Drop " + part, List.of("DROP TABLE " + partSql), lock));
        }
        if (then instanceof Aftermath.Rename r) {
            return List.of(Step.inTransaction("Rename " + part + " to " + Identifiers.quoteIfNeeded(r.name()),
                    List.of("ALTER TABLE " + partSql + " RENAME TO " + Identifiers.quote(r.name())), lock));
        }
        if (then instanceof Aftermath.Archive a) {
            return List.of(Step.inTransaction("Move " + part + " to schema " + Identifiers.quoteIfNeeded(a.schema()),
                    List.of("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(a.schema()),
                            "ALTER TABLE " + partSql + " SET SCHEMA " + Identifiers.quote(a.schema())), lock));
        }
        return List.of();
    }

    private static boolean exists(Connection c, RelationName r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            p.setString(1, r.schema());
            p.setString(2, r.name());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The relation named by {@code text} (as SQL writes it) and its place in its set; never waits for a lock. */
    static DetachTarget read(Connection c, ServerInfo server, String text) throws SQLException, PartscopeException {
        long oid = resolve(c, text);
        String pending = server.atLeast(14) ? "i.inhdetachpending" : "false";
        String sql = "SELECT n.nspname, c.relname, pn.nspname, p.relname, p.oid, p.relkind = 'p', " + pending + ","
                + " dn.nspname, d.relname, pg_get_expr(c.relpartbound, 0), c.reltuples::bigint,"
                + " c.relpages::bigint * current_setting('block_size')::bigint,"
                + (server.atLeast(14) ? " (SELECT on2.nspname || '.' || oc.relname FROM pg_inherits o"
                        + " JOIN pg_class oc ON oc.oid = o.inhrelid JOIN pg_namespace on2 ON on2.oid = oc.relnamespace"
                        + " WHERE o.inhparent = p.oid AND o.inhdetachpending AND o.inhrelid <> c.oid LIMIT 1),"
                        + " (SELECT oc.relname FROM pg_inherits o JOIN pg_class oc ON oc.oid = o.inhrelid"
                        + " WHERE o.inhparent = p.oid AND o.inhdetachpending AND o.inhrelid <> c.oid LIMIT 1),"
                        + " (SELECT on2.nspname FROM pg_inherits o JOIN pg_class oc ON oc.oid = o.inhrelid"
                        + " JOIN pg_namespace on2 ON on2.oid = oc.relnamespace"
                        + " WHERE o.inhparent = p.oid AND o.inhdetachpending AND o.inhrelid <> c.oid LIMIT 1)"
                        : " null, null, null")
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid"
                + " LEFT JOIN pg_class p ON p.oid = i.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " LEFT JOIN pg_partitioned_table pt ON pt.partrelid = p.oid"
                + " LEFT JOIN pg_class d ON d.oid = pt.partdefid LEFT JOIN pg_namespace dn ON dn.oid = d.relnamespace"
                + " WHERE c.oid = ? ORDER BY i.inhseqno LIMIT 1";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, oid);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table " + text + " does not exist");
                }
                RelationName part = new RelationName(rs.getString(1), rs.getString(2));
                RelationName parent = rs.getString(4) == null ? null : new RelationName(rs.getString(3),
                        rs.getString(4));
                RelationName def = rs.getString(9) == null ? null : new RelationName(rs.getString(8),
                        rs.getString(9));
                RelationName other = rs.getString(14) == null ? null : new RelationName(rs.getString(15),
                        rs.getString(14));
                return new DetachTarget(part, oid, parent, rs.getLong(5), rs.getBoolean(6), rs.getBoolean(7), def,
                        other, rs.getString(10), rs.getLong(11), rs.getLong(12));
            }
        }
    }

    static long resolve(Connection c, String text) throws SQLException, PartscopeException {
        List<String> parts;
        try {
            parts = Identifiers.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "not a table name: " + text + " (" + e.getMessage()
                    + ")");
        }
        if (parts.isEmpty() || parts.size() > 2) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "not a table name: " + text
                    + " (write it as schema.name)");
        }
        String quoted = String.join(".", parts.stream().map(Identifiers::quote).toList());
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            p.setString(1, quoted);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                if (rs.wasNull()) {
                    throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table " + text + " does not exist");
                }
                return oid;
            }
        }
    }

    /** The partition of {@code parent} that is pending detach (an interrupted DETACH CONCURRENTLY), if any. */
    public Optional<RelationName> pendingDetach(RelationName parent) throws PartscopeException {
        if (!database.server().atLeast(14)) {
            return Optional.empty();
        }
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT n.nspname, c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE i.inhparent = to_regclass(?) AND i.inhdetachpending")) {
            p.setString(1, parent.qualified());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new RelationName(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, database.settings());
        }
    }
}
