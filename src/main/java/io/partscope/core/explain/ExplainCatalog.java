package io.partscope.core.explain;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.Rows;
import io.partscope.core.db.SqlResource;
import io.partscope.core.explain.lint.KeyPart;
import io.partscope.core.explain.lint.KeyParts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalog questions an EXPLAIN analysis asks, on the session that ran the EXPLAIN (temp tables included). */
final class ExplainCatalog {
    /** A partition set the query names. */
    record TargetInfo(long oid, String schema, String name, boolean declarative) {
    }

    /** A member of a set that holds rows. */
    record LeafInfo(long oid, String schema, String name, Long parent, int level, String bound) {
    }

    private final Connection connection;
    private final Cancellation cancel;
    private final boolean detachPendingColumn;

    ExplainCatalog(Connection connection, Cancellation cancel, int serverMajor) {
        this.connection = connection;
        this.cancel = cancel;
        this.detachPendingColumn = serverMajor >= 14;
    }

    /** A relation lock this session holds: which relation, in which mode. */
    record LockPair(long relation, String mode) {
    }

    /** The relation locks this session holds right now, with their modes. */
    Set<LockPair> lockPairs() throws SQLException, PartscopeException {
        Set<LockPair> pairs = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlResource.load(getClass(),
                "relation_lock_modes.sql"))) {
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    pairs.add(new LockPair(rs.getLong(1), rs.getString(2)));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return pairs;
    }

    /** The relations of the pairs in {@code after} that are not in {@code before}. */
    static Set<Long> added(Set<LockPair> before, Set<LockPair> after) {
        Set<Long> relations = new HashSet<>();
        for (LockPair p : after) {
            if (!before.contains(p)) {
                relations.add(p.relation());
            }
        }
        return relations;
    }

    /** Those of the relations that are partition sets. */
    Map<Long, TargetInfo> targets(Set<Long> relations) throws SQLException, PartscopeException {
        Map<Long, TargetInfo> targets = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlResource.load(getClass(), "targets.sql"))) {
            ps.setArray(1, connection.createArrayOf("oid", relations.toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    long oid = rs.getLong("relid");
                    targets.put(oid, new TargetInfo(oid, rs.getString("schema_name"), rs.getString("rel_name"),
                            rs.getBoolean("declarative")));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return targets;
    }

    /** The leaves of each set, in the order of their OIDs (callers sort for display). */
    Map<Long, List<LeafInfo>> leaves(Set<Long> targets) throws SQLException, PartscopeException {
        String sql = SqlResource.load(getClass(), "leaves.sql").replace("/*NOT_DETACH_PENDING*/",
                detachPendingColumn ? "NOT i.inhdetachpending AND" : "");
        Map<Long, List<LeafInfo>> leaves = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("oid", targets.toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    leaves.computeIfAbsent(rs.getLong("target"), k -> new ArrayList<>()).add(new LeafInfo(
                            rs.getLong("relid"), rs.getString("schema_name"), rs.getString("rel_name"),
                            Rows.nullableLong(rs, "parent"), rs.getInt("level"), rs.getString("bound")));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return leaves;
    }

    /** The OIDs of relations named by schema and name, as EXPLAIN VERBOSE prints them. */
    Map<PlanNode.RelationRef, Long> resolve(Set<PlanNode.RelationRef> relations)
            throws SQLException, PartscopeException {
        Map<PlanNode.RelationRef, Long> oids = new HashMap<>();
        if (relations.isEmpty()) {
            return oids;
        }
        List<PlanNode.RelationRef> list = new ArrayList<>(relations);
        try (PreparedStatement ps = connection.prepareStatement(
                SqlResource.load(getClass(), "resolve_relations.sql"))) {
            ps.setArray(1, connection.createArrayOf("text", list.stream().map(PlanNode.RelationRef::schema).toArray()));
            ps.setArray(2, connection.createArrayOf("text", list.stream().map(PlanNode.RelationRef::name).toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    oids.put(new PlanNode.RelationRef(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return oids;
    }

    /** A prepared statement of this session: its PREPARE text and parameter types, or null when there is none. */
    PreparedStatementText preparedStatement(String name) throws SQLException, PartscopeException {
        try (PreparedStatement ps = connection.prepareStatement(
                SqlResource.load(getClass(), "prepared_statement.sql"))) {
            ps.setString(1, name);
            try (ResultSet rs = Rows.query(ps, cancel)) {
                return rs.next() ? new PreparedStatementText(rs.getString(1), Rows.strings(rs.getArray(2))) : null;
            } finally {
                cancel.finished(ps);
            }
        }
    }

    record PreparedStatementText(String statement, List<String> parameterTypes) {
    }

    /** The partition keys of each set, every level (for the lint); for inheritance, the CHECK constraints' columns. */
    Map<Long, List<KeyPart>> partitionKeys(Set<Long> targets) throws SQLException, PartscopeException {
        Map<Long, List<KeyPart>> keys = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlResource.load(getClass(), "partition_keys.sql"))) {
            ps.setArray(1, connection.createArrayOf("oid", targets.toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                Set<String> seen = new HashSet<>();
                while (rs.next()) {
                    long target = rs.getLong("target");
                    KeyPart part = KeyParts.of(rs.getInt("level"), rs.getString("strategy"),
                            rs.getInt("position"), rs.getString("column_name"), rs.getString("column_type"),
                            rs.getString("key_definition"), rs.getString("opclass_type"), rs.getString("opfamily"),
                            rs.getString("key_collation"), rs.getString("column_collation"),
                            rs.getArray("columns") == null ? List.of() : Rows.strings(rs.getArray("columns")));
                    // sibling sub-partitions usually share their key: keep each distinct one once
                    if (seen.add(target + "/" + part)) {
                        keys.computeIfAbsent(target, k -> new ArrayList<>()).add(part);
                    }
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return keys;
    }

    /** The volatility of functions by name: 'v' when every overload is volatile, 's' stable, 'i' otherwise. */
    Map<String, Character> volatility(Set<String> functions) throws SQLException, PartscopeException {
        Map<String, Character> out = new HashMap<>();
        if (functions.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                SqlResource.load(getClass(), "function_volatility.sql"))) {
            ps.setArray(1, connection.createArrayOf("text", functions.toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    String v = rs.getString("volatility");
                    out.put(rs.getString("name"), v.contains("i") ? 'i' : v.contains("s") ? 's' : 'v');
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return out;
    }
}
