package io.partscope.core.ops.detach;

import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.RelationName;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code ALTER TABLE parent DETACH PARTITION p FINALIZE}: completes the detach a DETACH CONCURRENTLY left
 * pending (cancelled, timed out, connection lost, server restart). It runs in a transaction, under lock_timeout
 * and retried like any step: SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on the partition (which no
 * query through the parent sees any more); it waits for older snapshots before it removes the link. A parent
 * without a pending detach is "nothing to do" (a plan without steps).
 */
public final class FinalizePlanner {
    public static final String KIND = "finalize";

    public record FinalizePlan(OperationPlan plan, DetachTarget target) {
    }

    private final Database database;

    public FinalizePlanner(Database database) {
        this.database = database;
    }

    /**
     * @param table the parent, as SQL writes it (the pending partition itself is accepted too)
     * @param profileReadOnly the connection is marked read-only by its profile (the app); the CLI passes false
     */
    public FinalizePlan plan(String table, boolean profileReadOnly, Cancellation cancellation)
            throws PartscopeException {
        ServerInfo server = database.server();
        // In a snapshot registered with the cancellation: Cancel or Ctrl-C reaches a catalog read that waits.
        return database.readOnlySnapshot(cancellation, c -> {
            long oid = DetachPlanner.resolve(c, table);
            RelationName parent;
            long parentOid;
            DetachTarget given = DetachPlanner.read(c, server, table);
            if (given.pending()) {
                parent = given.parent();
                parentOid = given.parentOid();
            } else {
                parent = given.partition();
                parentOid = oid;
            }
            String relkind = relkindOutsideSets(c, parentOid);
            if (relkind != null) {
                throw CatalogReader.notInASet(table, relkind);
            }
            if (!isPartitioned(c, parentOid)) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, parent.qualified() + " is not a partitioned"
                        + " table: name the parent whose detach is pending");
            }
            List<Check> preflight = new ArrayList<>(Preflight.common(c, server, parent, profileReadOnly, 14,
                    "DETACH ... FINALIZE"));
            RelationName pending = pending(c, server, parentOid);
            if (pending == null) {
                preflight.add(Check.pass("pending detach", "no partition of " + parent.qualified()
                        + " is pending detach: nothing to finalize"));
                return new FinalizePlan(new OperationPlan(KIND, parent.qualified(), "Finalize the pending detach"
                        + " of " + parent.qualified() + ": none is pending", preflight, List.of(), null), null);
            }
            DetachTarget t = DetachPlanner.read(c, server, pending.qualified());
            preflight.add(Check.pass("pending detach", pending.qualified() + " is pending detach from "
                    + parent.qualified() + " (" + DetachPlanner.describe(t) + "): queries through "
                    + parent.qualified() + " no longer see it, and inserts into its range fail until it is"
                    + " finalized or re-attached"));
            Check partOwner = Preflight.owner(c, pending);
            if (partOwner.status() != Check.Status.PASS) {
                preflight.add(partOwner);
            }
            String parentSql = Identifiers.qualified(parent.schema(), parent.name());
            String partSql = Identifiers.qualified(pending.schema(), pending.name());
            Step step = Step.inTransaction("Finalize the detach of " + pending.qualified() + " from "
                    + parent.qualified(), List.of("ALTER TABLE " + parentSql + " DETACH PARTITION " + partSql
                            + " FINALIZE"), List.of(
                                    new LockNote(parent.qualified(), LockMode.SHARE_UPDATE_EXCLUSIVE,
                                            "DETACH ... FINALIZE: reads and writes of the set go on"),
                                    new LockNote(pending.qualified(), LockMode.ACCESS_EXCLUSIVE,
                                            "no query through the parent sees it any more; waits for older"
                                                    + " snapshots before it removes the link")));
            OperationPlan plan = new OperationPlan(KIND, parent.qualified(), "Finalize the pending detach of "
                    + pending.qualified() + " from " + parent.qualified(), preflight, List.of(step),
                    new DetachVerifier(t, new Aftermath.Keep()));
            return new FinalizePlan(plan, t);
        });
    }

    /** The relkind of a relation that is in no partition set (no partitioned table, no inheritance); else null. */
    private static String relkindOutsideSets(Connection c, long oid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT relkind::text FROM pg_class c WHERE oid = ?"
                + " AND relkind <> 'p' AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid"
                + " OR i.inhparent = c.oid)")) {
            p.setLong(1, oid);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean isPartitioned(Connection c, long oid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT relkind = 'p' FROM pg_class WHERE oid = ?")) {
            p.setLong(1, oid);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static RelationName pending(Connection c, ServerInfo server, long parentOid) throws SQLException {
        if (!server.atLeast(14)) {
            return null;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE i.inhparent = ? AND i.inhdetachpending")) {
            p.setLong(1, parentOid);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new RelationName(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }
}
