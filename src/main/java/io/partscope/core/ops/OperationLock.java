package io.partscope.core.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One operation at a time per partition tree: a session-level advisory lock on the operation's own session, taken
 * before its first step and held to its end. Two split-defaults of one set would otherwise both pass their
 * preflight and the second fail on a raw duplicate key in pg_type (both create the same partition). A
 * session-level lock survives the runner's autocommit statements and its step transactions (DETACH CONCURRENTLY's
 * wait, a freeze's many VACUUMs), and the server releases it when the session ends, however the process ended.
 *
 * <p>The key is two int4: {@link #CLASS_ID} (Partscope's) and the oid of the tree's root table, so it is per
 * database and one tree's operations never hold up another's. The root, not the direct parent: a split of a
 * sub-partitioned set and a detach of that set from its parent touch the same tables.
 */
public final class OperationLock {
    /** The first key of every Partscope operation lock ("Ps" + 1): other applications' advisory locks differ. */
    public static final int CLASS_ID = 0x50730001;

    /** The tree a target belongs to: its root (the target itself when it has no parent). */
    public record Tree(long rootOid, String root) {
    }

    /** A session holding the lock: who it is, as pg_stat_activity says. */
    public record Holder(int pid, String applicationName, String user, String clientAddress, Instant backendStart,
            Instant transactionStart, String state, String query) {
    }

    private OperationLock() {
    }

    /**
     * The root of the tree {@code target} (a qualified name as SQL writes it) belongs to; empty when no such
     * relation exists. Reads pg_inherits only: no lock, so it never waits behind DDL on the set.
     */
    public static Optional<Tree> tree(Connection c, String target) throws SQLException {
        String sql = """
                WITH RECURSIVE up(oid, depth) AS (
                    SELECT to_regclass(?)::oid, 0
                  UNION ALL
                    SELECT i.inhparent, up.depth + 1 FROM up JOIN pg_inherits i ON i.inhrelid = up.oid
                )
                SELECT c.oid::bigint, quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                FROM up JOIN pg_class c ON c.oid = up.oid JOIN pg_namespace n ON n.oid = c.relnamespace
                ORDER BY up.depth DESC LIMIT 1""";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, target);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Tree(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                // Not a name to_regclass can read (a test plan's target): nothing to lock.
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Tries the lock on this session (never waits); true when this session holds it now. */
    public static boolean tryLock(Connection c, Tree tree) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + CLASS_ID + ", " + key(tree) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public static void unlock(Connection c, Tree tree) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + CLASS_ID + ", " + key(tree) + ")");
        }
    }

    /** The sessions holding the lock of {@code tree} in this database (none when it was released meanwhile). */
    public static List<Holder> holders(Connection c, Tree tree) throws SQLException {
        // The two-int4 form shows as classid = key 1, objid = key 2 (as an oid), objsubid = 2.
        String sql = "SELECT a.pid, a.application_name, a.usename, a.client_addr::text, a.backend_start,"
                + " a.xact_start, a.state, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                + " AND l.classid = " + Integer.toUnsignedLong(CLASS_ID) + "::oid"
                + " AND l.objid = " + tree.rootOid() + "::oid"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.pid <> pg_backend_pid() ORDER BY a.pid";
        List<Holder> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    /**
     * The refusal: "another operation is running on the tree of public.events (root public.events): server pid
     * 4242, application partscope, user alice from 10.0.0.7, session since 08:40:01 UTC, ...".
     *
     * @param journalNote what the journal knows about the holder (the kind, the machine and process), or null
     */
    public static String refusal(Tree tree, List<Holder> holders, String journalNote) {
        StringBuilder b = new StringBuilder("nothing was changed: another operation is running on the partition set "
                + tree.root() + " (one operation at a time per set)");
        if (holders.isEmpty()) {
            b.append("; it ended just now: run this one again");
            return b.toString();
        }
        for (Holder h : holders) {
            b.append("; held by server pid ").append(h.pid());
            b.append(", application ").append(h.applicationName() == null || h.applicationName().isEmpty()
                    ? "(none)" : "\"" + h.applicationName() + "\"");
            if (h.user() != null) {
                b.append(", user ").append(h.user());
            }
            if (h.clientAddress() != null) {
                b.append(" from ").append(h.clientAddress());
            }
            if (h.backendStart() != null) {
                b.append(", its session since ").append(TIME.format(h.backendStart()));
            }
            if (h.state() != null) {
                b.append(", ").append(h.state());
                if (h.query() != null && !h.query().isBlank() && !"idle".equals(h.state())) {
                    String q = h.query().strip().replaceAll("\\s+", " ");
                    b.append(": ").append(q.length() > 120 ? q.substring(0, 117) + "..." : q);
                }
            }
        }
        if (journalNote != null) {
            b.append(" (").append(journalNote).append(')');
        }
        b.append(". Wait for it to finish, then plan again; to stop it: SELECT pg_cancel_backend(")
                .append(holders.get(0).pid()).append(')');
        return b.toString();
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static String key(Tree tree) {
        // An oid is unsigned; the int4 key is its bits (pg_locks shows them back as the oid).
        return Integer.toString((int) tree.rootOid());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
