package io.partscope.core.ops;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every operation runs before it plans its steps: the connection may write (not a profile marked
 * read-only, not a standby, not default_transaction_read_only), the server is new enough for the operation, and
 * the role owns the table (owner, member of the owning role, or superuser: ALTER TABLE and VACUUM need it).
 * Planners add these to their own preflight checks; a REFUSE means nothing runs.
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * The common checks.
     *
     * @param connection any session (a read-only snapshot is fine: the checks look at the defaults, not at the
     *     current transaction)
     * @param profileReadOnly the caller knows the connection is meant to be read-only (a profile marked
     *     "production: read-only", or the CLI's --read-only)
     * @param minMajor the oldest major the operation supports (13 for all of them today)
     */
    public static List<Check> common(Connection connection, ServerInfo server, RelationName table,
            boolean profileReadOnly, int minMajor, String operation) throws SQLException {
        List<Check> checks = new ArrayList<>();
        checks.add(profileReadOnly(profileReadOnly));
        checks.add(serverWritable(connection));
        checks.add(serverVersion(server, minMajor, operation));
        checks.add(owner(connection, table));
        return checks;
    }

    public static Check profileReadOnly(boolean readOnly) {
        return readOnly
                ? Check.refuse("read-only profile", "the connection is marked read-only (production):"
                        + " operations are refused on it")
                : Check.pass("read-only profile", "the connection is not marked read-only");
    }

    /** A standby, or a server/role/database whose sessions default to read-only, refuses. */
    public static Check serverWritable(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_is_in_recovery(), current_setting('default_transaction_read_only') = 'on'")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Check.refuse("writable", "the server is a standby (pg_is_in_recovery()): run operations on"
                        + " the primary");
            }
            if (rs.getBoolean(2)) {
                return Check.refuse("writable", "sessions are read-only (default_transaction_read_only = on):"
                        + " nothing can be changed on this connection");
            }
            return Check.pass("writable", "the server accepts writes");
        }
    }

    /** A check the planners add for operations that need a newer server than Partscope's minimum. */
    public static Check serverVersion(ServerInfo server, int minMajor, String operation) {
        if (server.major() < minMajor) {
            return Check.refuse("server version", operation + " needs PostgreSQL " + minMajor + " or newer; the"
                    + " server is " + server.version());
        }
        return Check.pass("server version", "PostgreSQL " + server.version());
    }

    /** The role must own the table (directly or through a role it belongs to) or be a superuser. */
    public static Check owner(Connection c, RelationName table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_get_userbyid(c.relowner),"
                + " pg_has_role(c.relowner, 'USAGE'),"
                + " coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false), current_user"
                + " FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            p.setString(1, table.qualified());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Check.refuse("owner", table.qualified() + " does not exist");
                }
                String owner = rs.getString(1);
                if (rs.getBoolean(3)) {
                    return Check.pass("owner", "\"" + rs.getString(4) + "\" is a superuser");
                }
                if (rs.getBoolean(2)) {
                    return Check.pass("owner", "\"" + rs.getString(4) + "\" owns " + table.qualified()
                            + " (owner \"" + owner + "\")");
                }
                return Check.refuse("owner", "\"" + rs.getString(4) + "\" does not own " + table.qualified()
                        + " (owner \"" + owner + "\"): connect as the owner or a member of its role");
            }
        }
    }
}
