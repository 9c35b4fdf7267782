package io.partscope.core.catalog;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition set of a database, with sizes, tuple counts, XID ages and bloat estimates, in a fixed small
 * number of queries whatever the number of partitions (settings, members, locks, sizes, bloat inputs), all in one
 * read-only snapshot. Never blocks behind DDL for long: relations under an ACCESS EXCLUSIVE lock are sized from
 * pg_class, and every query runs under the database's lock_timeout and statement_timeout.
 */
public final class CatalogReader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);
    private static final int FETCH_SIZE = 2000;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Database database;

    public CatalogReader(Database database) {
        this.database = database;
    }

    public CatalogSnapshot read(CatalogFilter filter, Cancellation cancellation) throws PartscopeException {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        long started = System.nanoTime();
        CatalogSnapshot snapshot = database.readOnlySnapshot(cancel, c -> readIn(c, filter, cancel));
        LOG.debug("read {} partition sets in {} ms", snapshot.roots().size(), (System.nanoTime() - started) / 1_000_000);
        return snapshot;
    }

    private CatalogSnapshot readIn(Connection c, CatalogFilter filter, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<String> warnings = new ArrayList<>();
        Settings settings = readSettings(c, cancel);

        if (filter.schema() != null) {
            requireSchema(c, filter.schema(), cancel);
        }
        List<Long> rootFilter = filter.table() == null ? null : resolveRoots(c, filter.table(), cancel);

        List<MemberRow> rows = readMembers(c, settings.versionNum(), filter.schema(), rootFilter, cancel);
        Set<Long> storage = new HashSet<>();
        for (MemberRow r : rows) {
            if (r.hasStorage()) {
                storage.add(r.oid());
            }
        }
        Map<Long, Sizes> sizes = readSizes(c, storage, warnings, cancel);
        Map<Long, BloatEstimator.Inputs> bloat = readBloatInputs(c, storage, rows, settings.blockSize(), cancel);

        List<PartitionSet> sets = new PartitionSetAssembler(settings.freezeMaxAge(), sizes, bloat).assemble(rows);
        return new CatalogSnapshot(settings.version(), settings.versionNum(), settings.database(), settings.readAt(),
                settings.freezeMaxAge(), settings.failsafeAge(), warnings, sets);
    }

    private record Settings(String version, int versionNum, String database, long freezeMaxAge, Long failsafeAge,
            int blockSize, OffsetDateTime readAt) {
    }

    private Settings readSettings(Connection c, Cancellation cancel) throws SQLException, PartscopeException {
        try (PreparedStatement ps = c.prepareStatement(sql("settings.sql"))) {
            try (ResultSet rs = run(ps, cancel)) {
                rs.next();
                long failsafe = rs.getLong("vacuum_failsafe_age");
                return new Settings(rs.getString("server_version"), rs.getInt("server_version_num"),
                        rs.getString("database"), rs.getLong("autovacuum_freeze_max_age"),
                        rs.wasNull() ? null : failsafe, rs.getInt("block_size"),
                        rs.getObject("read_at", OffsetDateTime.class));
            } finally {
                cancel.finished(ps);
            }
        }
    }

    private void requireSchema(Connection c, String schema, Cancellation cancel)
            throws SQLException, PartscopeException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = run(ps, cancel)) {
                if (!rs.next()) {
                    throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND,
                            "schema \"" + schema + "\" does not exist", null, null,
                            "Schema names are case-sensitive here, as in the catalog.", null);
                }
            } finally {
                cancel.finished(ps);
            }
        }
    }

    /** The roots of the set(s) the named table belongs to. */
    private List<Long> resolveRoots(Connection c, String table, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<String> parts;
        try {
            parts = Identifiers.parse(table);
        } catch (IllegalArgumentException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read the table name: " + e.getMessage());
        }
        String quoted = parts.size() == 2 ? Identifiers.qualified(parts.get(0), parts.get(1))
                : Identifiers.quote(parts.get(0));
        List<Long> roots = new ArrayList<>();
        Long target = null;
        try (PreparedStatement ps = c.prepareStatement(sql("resolve_table.sql"))) {
            ps.setString(1, quoted);
            try (ResultSet rs = run(ps, cancel)) {
                while (rs.next()) {
                    target = rs.getLong("target_oid");
                    roots.add(rs.getLong("root_oid"));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        if (target == null) {
            throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table " + table + " does not exist", null,
                    null, parts.size() == 1 ? "A name without a schema is looked up through search_path; "
                            + "write schema.name, and quote names with capitals or spaces." : null, null);
        }
        return roots;
    }

    private List<MemberRow> readMembers(Connection c, int versionNum, String schema, List<Long> roots,
            Cancellation cancel) throws SQLException, PartscopeException {
        String text = sql("members.sql").replace("/*DETACH_PENDING*/",
                versionNum >= 140000 ? "i.inhdetachpending" : "false");
        List<MemberRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(text)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, schema);
            ps.setString(2, schema);
            Array rootArray = roots == null ? null : c.createArrayOf("bigint", roots.toArray());
            if (rootArray == null) {
                ps.setNull(3, Types.ARRAY);
                ps.setNull(4, Types.ARRAY);
            } else {
                ps.setArray(3, rootArray);
                ps.setArray(4, rootArray);
            }
            try (ResultSet rs = run(ps, cancel)) {
                while (rs.next()) {
                    rows.add(memberRow(rs));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return rows;
    }

    private static MemberRow memberRow(ResultSet rs) throws SQLException {
        return new MemberRow(rs.getLong("root_oid"), rs.getLong("oid"), rs.getInt("depth"), rs.getString("schema"),
                rs.getString("name"), rs.getString("relkind"), rs.getString("persistence"),
                rs.getString("tablespace"), strings(rs.getArray("reloptions")), rs.getString("bound"),
                rs.getString("partition_key"), rs.getString("strategy"), longs(rs.getArray("parent_oids")),
                strings(rs.getArray("parent_schemas")), strings(rs.getArray("parent_names")),
                rs.getBoolean("detach_pending"), rs.getDouble("reltuples"), rs.getLong("relpages"),
                nullableLong(rs, "live_tuples"), nullableLong(rs, "dead_tuples"),
                nullableLong(rs, "mods_since_analyze"), rs.getObject("last_vacuum", OffsetDateTime.class),
                rs.getObject("last_autovacuum", OffsetDateTime.class),
                rs.getObject("last_analyze", OffsetDateTime.class),
                rs.getObject("last_autoanalyze", OffsetDateTime.class), nullableLong(rs, "xid_age"),
                nullableLong(rs, "mxid_age"), nullableLong(rs, "freeze_max_age_option"));
    }

    /**
     * Exact sizes, except for relations under (or waiting for) an ACCESS EXCLUSIVE lock: measuring those would
     * queue behind the lock, so they get pg_class estimates. If a lock still gets in the way (taken after we
     * looked), every size falls back to estimates with a warning rather than failing the whole read.
     */
    private Map<Long, Sizes> readSizes(Connection c, Set<Long> oids, List<String> warnings, Cancellation cancel)
            throws SQLException, PartscopeException {
        Map<Long, Sizes> sizes = new HashMap<>(oids.size() * 2);
        if (oids.isEmpty()) {
            return sizes;
        }
        Set<Long> locked = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql("locked_relations.sql"))) {
            try (ResultSet rs = run(ps, cancel)) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    if (oids.contains(oid)) {
                        locked.add(oid);
                    }
                }
            } finally {
                cancel.finished(ps);
            }
        }
        Set<Long> exact = new HashSet<>(oids);
        exact.removeAll(locked);
        Savepoint savepoint = c.setSavepoint();
        try {
            querySizes(c, "sizes.sql", exact, false, sizes, cancel);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || cancel.isCancelled()) {
                throw e;
            }
            c.rollback(savepoint);
            LOG.info("a lock blocked the size query; using pg_class estimates: {}", e.getMessage());
            warnings.add("A lock held by another session blocked the size query; all sizes are estimates from "
                    + "pg_class page counts (as of the last VACUUM or ANALYZE).");
            sizes.clear();
            locked = oids;
        }
        if (!locked.isEmpty()) {
            querySizes(c, "sizes_estimated.sql", locked, true, sizes, cancel);
            if (locked != oids) {
                warnings.add(locked.size() + " relation(s) are locked ACCESS EXCLUSIVE (DDL running or waiting); "
                        + "their sizes are estimates from pg_class page counts.");
            }
        }
        return sizes;
    }

    private void querySizes(Connection c, String file, Set<Long> oids, boolean estimated, Map<Long, Sizes> out,
            Cancellation cancel) throws SQLException, PartscopeException {
        if (oids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql(file))) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setArray(1, c.createArrayOf("bigint", oids.toArray()));
            try (ResultSet rs = run(ps, cancel)) {
                while (rs.next()) {
                    long table = rs.getLong("table_size");
                    if (rs.wasNull()) {
                        continue; // dropped since the member query: its size is unknown
                    }
                    long toast = rs.getLong("toast_size");
                    // pg_table_size counts the TOAST table; we report the heap and TOAST separately.
                    long heap = estimated ? table - toast : Math.max(0, table - toast);
                    out.put(rs.getLong("oid"), new Sizes(heap, rs.getLong("index_size"), toast, estimated));
                }
            } finally {
                cancel.finished(ps);
            }
        }
    }

    private Map<Long, BloatEstimator.Inputs> readBloatInputs(Connection c, Set<Long> oids, List<MemberRow> rows,
            int blockSize, Cancellation cancel) throws SQLException, PartscopeException {
        Map<Long, BloatEstimator.Inputs> out = new HashMap<>(oids.size() * 2);
        if (oids.isEmpty()) {
            return out;
        }
        Map<Long, MemberRow> byOid = new HashMap<>(rows.size() * 2);
        for (MemberRow r : rows) {
            byOid.putIfAbsent(r.oid(), r);
        }
        try (PreparedStatement ps = c.prepareStatement(sql("bloat_inputs.sql"))) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setArray(1, c.createArrayOf("bigint", oids.toArray()));
            try (ResultSet rs = run(ps, cancel)) {
                while (rs.next()) {
                    long oid = rs.getLong("oid");
                    MemberRow r = byOid.get(oid);
                    out.put(oid, new BloatEstimator.Inputs(rs.getDouble("reltuples"), rs.getLong("relpages"),
                            rs.getInt("fillfactor"), rs.getLong("columns"), rs.getLong("columns_with_stats"),
                            rs.getDouble("max_null_frac"), rs.getDouble("data_width"), r.modsSinceAnalyze(),
                            r.everAnalyzedOrVacuumed(), blockSize));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return out;
    }

    private static ResultSet run(PreparedStatement ps, Cancellation cancel) throws SQLException, PartscopeException {
        cancel.running(ps);
        return ps.executeQuery();
    }

    private static String sql(String file) {
        return SqlResource.load(CatalogReader.class, file);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }

    private static List<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(v -> ((Number) v).longValue()).toList();
    }
}
