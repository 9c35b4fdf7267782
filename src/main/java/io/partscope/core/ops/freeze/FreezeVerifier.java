package io.partscope.core.ops.freeze;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
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
 * Reads each frozen partition's XID age again after the VACUUMs: lower than before passes; not lower warns (an old
 * snapshot, a prepared transaction or a replication slot holds back the horizon VACUUM may freeze up to, so
 * relfrozenxid could not advance: see pg_stat_activity.backend_xmin, pg_prepared_xacts, pg_replication_slots).
 */
public final class FreezeVerifier implements Verifier {
    /** One partition's XID age before and after (null after: the partition is gone). */
    public record AgeChange(RelationName partition, long before, Long after) {
        public boolean lowered() {
            return after != null && after < before;
        }
    }

    private final List<FreezePlanner.Target> targets;
    private volatile List<AgeChange> changes = List.of();

    FreezeVerifier(List<FreezePlanner.Target> targets) {
        this.targets = List.copyOf(targets);
    }

    /** The ages read by the last verification (empty before it ran). */
    public List<AgeChange> changes() {
        return changes;
    }

    @Override
    public List<Check> verify(Connection connection, Cancellation cancellation)
            throws SQLException, PartscopeException {
        return CancellableWork.on(connection, cancellation, c -> verifyOn(c, cancellation));
    }

    private List<Check> verifyOn(Connection connection, Cancellation cancellation)
            throws SQLException, PartscopeException {
        List<AgeChange> result = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT age(relfrozenxid)::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            for (FreezePlanner.Target t : targets) {
                if (cancellation != null) {
                    cancellation.throwIfCancelled();
                }
                p.setString(1, t.partition().qualified());
                Long after = null;
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        after = rs.getLong(1);
                    }
                }
                AgeChange change = new AgeChange(t.partition(), t.xidAgeBefore(), after);
                result.add(change);
                String name = t.partition().qualified();
                if (after == null) {
                    checks.add(Check.warn(name, name + " no longer exists"));
                } else if (change.lowered()) {
                    checks.add(Check.pass(name, "XID age " + t.xidAgeBefore() + " -> " + after));
                } else {
                    checks.add(Check.warn(name, "XID age " + t.xidAgeBefore() + " -> " + after + ": not lower;"
                            + " an old snapshot, prepared transaction or replication slot holds back the freeze"
                            + " horizon (see pg_stat_activity.backend_xmin)"));
                }
            }
        }
        changes = List.copyOf(result);
        return checks;
    }
}
