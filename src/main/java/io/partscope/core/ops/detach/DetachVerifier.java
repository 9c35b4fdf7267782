package io.partscope.core.ops.detach;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.CancellableWork;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.Verifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * After a detach (or its FINALIZE): the table (followed by its oid, so a rename or a schema move is seen) is no
 * longer a partition of its parent and not pending detach, and the chosen aftermath happened: it still exists
 * (keep), has its new name (rename), lives in the archive schema (archive), or is gone (drop).
 */
final class DetachVerifier implements Verifier {
    private final DetachTarget target;
    private final Aftermath then;

    DetachVerifier(DetachTarget target, Aftermath then) {
        this.target = target;
        this.then = then;
    }

    @Override
    public List<Check> verify(Connection c, Cancellation cancellation) throws SQLException, PartscopeException {
        return CancellableWork.on(c, cancellation, this::verifyOn);
    }

    private List<Check> verifyOn(Connection c) throws SQLException {
        List<Check> checks = new ArrayList<>();
        String part = target.partition().qualified();
        String parent = target.parent().qualified();
        boolean pg14 = c.getMetaData().getDatabaseMajorVersion() >= 14;
        try (PreparedStatement p = c.prepareStatement("SELECT " + (pg14 ? "inhdetachpending" : "false")
                + " FROM pg_inherits WHERE inhrelid = ? AND inhparent = ?")) {
            p.setLong(1, target.oid());
            p.setLong(2, target.parentOid());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    checks.add(Check.pass("detached", part + " is no longer a partition of " + parent));
                } else if (rs.getBoolean(1)) {
                    checks.add(Check.refuse("detached", part + " is still pending detach from " + parent
                            + ": complete it with " + DetachPlanner.finalizeCommand(target.parent())));
                } else {
                    checks.add(Check.refuse("detached", part + " is still a partition of " + parent));
                }
            }
        }
        RelationName now = null;
        try (PreparedStatement p = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?")) {
            p.setLong(1, target.oid());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    now = new RelationName(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (then instanceof Aftermath.Drop) {
            checks.add(now == null ? Check.pass("afterwards", part + " was dropped")
                    : Check.refuse("afterwards", part + " still exists as " + now.qualified()));
        } else if (then instanceof Aftermath.Rename r) {
            RelationName want = new RelationName(target.partition().schema(), r.name());
            checks.add(want.equals(now) ? Check.pass("afterwards", part + " is now " + want.qualified())
                    : Check.refuse("afterwards", part + " was to be renamed to " + want.qualified() + " but is "
                            + (now == null ? "gone" : now.qualified())));
        } else if (then instanceof Aftermath.Archive a) {
            RelationName want = new RelationName(a.schema(), target.partition().name());
            checks.add(want.equals(now) ? Check.pass("afterwards", part + " is now " + want.qualified())
                    : Check.refuse("afterwards", part + " was to move to schema " + Identifiers.quoteIfNeeded(
                            a.schema()) + " but is " + (now == null ? "gone" : now.qualified())));
        } else {
            checks.add(target.partition().equals(now)
                    ? Check.pass("afterwards", part + " is kept as a table of its own")
                    : Check.refuse("afterwards", part + " was to be kept but is "
                            + (now == null ? "gone" : now.qualified())));
        }
        return checks;
    }
}
