package io.partscope.core.ops.create;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the new partitions back: each exists, is attached to its parent with exactly the planned bound (as
 * pg_get_expr prints it), and carries no helper CHECK any more.
 */
final class CreateVerifier implements Verifier {
    private final String schema;
    private final String root;
    private final List<NewPartition> partitions;

    CreateVerifier(String schema, String root, List<NewPartition> partitions) {
        this.schema = schema;
        this.root = root;
        this.partitions = List.copyOf(partitions);
    }

    List<NewPartition> partitions() {
        return partitions;
    }

    private record Found(String parent, String bound, boolean helperCheck) {
    }

    @Override
    public List<Check> verify(Connection connection, Cancellation cancellation)
            throws SQLException, PartscopeException {
        return CancellableWork.on(connection, cancellation, this::verifyOn);
    }

    private List<Check> verifyOn(Connection connection) throws SQLException {
        Map<String, String> expectedParent = new HashMap<>();
        Map<String, String> expectedBound = new HashMap<>();
        for (NewPartition p : partitions) {
            expect(p, root, expectedParent, expectedBound);
        }
        Map<String, Found> found = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname, p.relname,"
                + " pg_get_expr(c.relpartbound, 0),"
                + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.conname = ?)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent"
                + " WHERE n.nspname = ? AND c.relname = ANY (?)")) {
            ps.setString(1, CreatePartitionsPlanner.HELPER_CHECK);
            ps.setString(2, schema);
            ps.setArray(3, connection.createArrayOf("text", expectedBound.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new Found(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        List<Check> checks = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int ok = 0;
        for (NewPartition p : partitions) {
            for (NewPartition each : p.flatten()) {
                String name = Identifiers.quoteIfNeeded(each.name());
                Found f = found.get(each.name());
                if (f == null) {
                    missing.add(name);
                } else if (!expectedParent.get(each.name()).equals(f.parent())) {
                    checks.add(Check.refuse("attached", name + " is " + (f.parent() == null ? "not a partition"
                            : "a partition of " + Identifiers.quoteIfNeeded(f.parent())) + ", expected of "
                            + Identifiers.quoteIfNeeded(expectedParent.get(each.name()))));
                } else if (!each.bound().equals(f.bound())) {
                    checks.add(Check.refuse("bound", name + " has " + f.bound() + ", expected " + each.bound()));
                } else if (f.helperCheck()) {
                    checks.add(Check.warn("helper check", name + " still has the CHECK "
                            + CreatePartitionsPlanner.HELPER_CHECK + " (redundant with its bound; drop it)"));
                } else {
                    ok++;
                }
            }
        }
        if (!missing.isEmpty()) {
            checks.add(0, Check.refuse("exists", "missing: " + String.join(", ", missing)));
        }
        if (checks.isEmpty()) {
            checks.add(Check.pass("partitions", ok + " new partition" + (ok == 1 ? "" : "s")
                    + " attached with the planned bounds"));
        }
        return checks;
    }

    private static void expect(NewPartition p, String parent, Map<String, String> parents,
            Map<String, String> bounds) {
        parents.put(p.name(), parent);
        bounds.put(p.name(), p.bound());
        for (NewPartition child : p.children()) {
            expect(child, p.name(), parents, bounds);
        }
    }
}
