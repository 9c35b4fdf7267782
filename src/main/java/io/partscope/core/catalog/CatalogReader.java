package io.partscope.core.catalog;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.Rows;
import io.partscope.core.db.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition set of a database, with sizes, tuple counts, XID ages and bloat estimates, in a fixed small
 * number of queries whatever the number of partitions (settings, locks, then one query for all members with their
 * sizes and bloat inputs), all in one read-only snapshot. Never blocks behind DDL for long: relations under an ACCESS EXCLUSIVE lock are sized from
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

    /** Reads with exact sizes ({@link SizeMode#EXACT}). */
    public CatalogSnapshot read(CatalogFilter filter, Cancellation cancellation) throws PartscopeException {
        return read(filter, SizeMode.EXACT, cancellation);
    }

    /**
     * Reads the sets; {@link SizeMode#ESTIMATED} is stage 1: every size from pg_class, every member with storage
     * marked {@code sizes_estimated}, for {@link SizeReader} to measure afterwards.
     */
    public CatalogSnapshot read(CatalogFilter filter, SizeMode sizes, Cancellation cancellation)
            throws PartscopeException {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        long started = System.nanoTime();
        CatalogSnapshot snapshot = database.readOnlySnapshot(cancel, c -> readIn(c, filter, sizes, cancel));
        LOG.debug("read {} partition sets in {} ms", snapshot.roots().size(), (System.nanoTime() - started) / 1_000_000);
        return snapshot;
    }

    private CatalogSnapshot readIn(Connection c, CatalogFilter filter, SizeMode sizes, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<String> warnings = new ArrayList<>();
        Settings settings = readSettings(c, cancel);

        if (filter.schema() != null) {
            requireSchema(c, filter.schema(), cancel);
        }
        List<Long> rootFilter = filter.table() == null ? null : resolveRoots(c, filter.table(), cancel);
        long t0 = System.nanoTime();
        List<MemberRow> rows;
        if (sizes == SizeMode.ESTIMATED) {
            // Stage 1: no size function at all, so no lock to look for and nothing to warn about.
            rows = readMembers(c, settings, filter.schema(), rootFilter, true, List.of(), cancel);
            return assembled(settings, warnings, rows, t0);
        }
        List<Long> locked = lockedRelations(c, cancel);
        Savepoint savepoint = c.setSavepoint();
        try {
            rows = readMembers(c, settings, filter.schema(), rootFilter, false, locked, cancel);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || cancel.isCancelled()) {
                throw e;
            }
            // A lock was taken after we looked at pg_locks: rather than fail, estimate every size.
            c.rollback(savepoint);
            LOG.info("a lock blocked measuring sizes; using pg_class estimates: {}", e.getMessage());
            warnings.add("A lock held by another session blocked measuring sizes; all sizes are estimates from "
                    + "pg_class page counts (as of the last VACUUM or ANALYZE).");
            rows = readMembers(c, settings, filter.schema(), rootFilter, true, locked, cancel);
        }
        long estimated = rows.stream().filter(r -> r.sizes() != null && r.sizes().estimated()).count();
        if (estimated > 0 && warnings.isEmpty()) {
            warnings.add(estimated + " relation(s) are locked ACCESS EXCLUSIVE by another session (DDL running or "
                    + "waiting); their sizes are estimates from pg_class page counts.");
        }
        return assembled(settings, warnings, rows, t0);
    }

    private static CatalogSnapshot assembled(Settings settings, List<String> warnings, List<MemberRow> rows,
            long t0) {
        long t1 = System.nanoTime();
        List<PartitionSet> sets = new PartitionSetAssembler(settings.freezeMaxAge(), settings.blockSize())
                .assemble(rows);
        LOG.debug("{} members: members query {} ms, assembly {} ms", rows.size(), (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
        return new CatalogSnapshot(settings.version(), settings.versionNum(), settings.database(), settings.readAt(),
                settings.freezeMaxAge(), settings.failsafeAge(), warnings, sets);
    }

    record Settings(String version, int versionNum, String database, long freezeMaxAge, Long failsafeAge,
            int blockSize, OffsetDateTime readAt, boolean canReadPgStatistic) {
    }

    static Settings readSettings(Connection c, Cancellation cancel) throws SQLException, PartscopeException {
        try (PreparedStatement ps = c.prepareStatement(sql("settings.sql"))) {
            try (ResultSet rs = Rows.query(ps, cancel)) {
                rs.next();
                long failsafe = rs.getLong("vacuum_failsafe_age");
                return new Settings(rs.getString("server_version"), rs.getInt("server_version_num"),
                        rs.getString("database"), rs.getLong("autovacuum_freeze_max_age"),
                        rs.wasNull() ? null : failsafe, rs.getInt("block_size"),
                        rs.getObject("read_at", OffsetDateTime.class), rs.getBoolean("can_read_pg_statistic"));
            } finally {
                cancel.finished(ps);
            }
        }
    }

    private void requireSchema(Connection c, String schema, Cancellation cancel)
            throws SQLException, PartscopeException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = Rows.query(ps, cancel)) {
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
        String relkind = null;
        boolean inSet = false;
        try (PreparedStatement ps = c.prepareStatement(sql("resolve_table.sql"))) {
            ps.setString(1, quoted);
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    target = rs.getLong("target_oid");
                    relkind = rs.getString("target_relkind");
                    inSet = rs.getBoolean("target_in_set");
                    Long root = Rows.nullableLong(rs, "root_oid");
                    if (root != null) {
                        roots.add(root);
                    }
                }
            } finally {
                cancel.finished(ps);
            }
        }
        if (target != null && !inSet) {
            throw notInASet(table, relkind);
        }
        if (target == null) {
            throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table " + table + " does not exist", null,
                    null, parts.size() == 1 ? "A name without a schema is looked up through search_path; "
                            + "write schema.name, and quote names with capitals or spaces." : null, null);
        }
        return roots;
    }

    /**
     * The error for a name that exists but is in no partition set: an ordinary table (neither partitioned, nor an
     * inheritance parent or child), a view, a sequence... OBJECT_NOT_FOUND, as for a name that does not exist
     * (exit 10): there is no set by that name, but the message must not say the table is missing.
     *
     * @param name    as the user wrote it
     * @param relkind {@code pg_class.relkind}
     */
    public static PartscopeException notInASet(String name, String relkind) {
        String what = switch (relkind == null ? "" : relkind) {
            case "r" -> "an ordinary table";
            case "v" -> "a view";
            case "m" -> "a materialized view";
            case "f" -> "a foreign table";
            case "S" -> "a sequence";
            case "i", "I" -> "an index";
            case "c" -> "a composite type";
            case "t" -> "a TOAST table";
            default -> "a relation";
        };
        return new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, name + " is " + what + ", not a partitioned"
                + " table or an inheritance parent");
    }

    /** Relations of this database under an ACCESS EXCLUSIVE lock (held or awaited) by another session. */
    static List<Long> lockedRelations(Connection c, Cancellation cancel) throws SQLException, PartscopeException {
        List<Long> locked = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql("locked_relations.sql"))) {
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    locked.add(rs.getLong(1));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return locked;
    }

    private List<MemberRow> readMembers(Connection c, Settings settings, String schema, List<Long> roots,
            boolean estimateAllSizes, List<Long> locked, Cancellation cancel) throws SQLException, PartscopeException {
        String text = membersQuery(settings.versionNum(), settings.canReadPgStatistic());
        List<MemberRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(text)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, schema);
            if (roots == null) {
                ps.setNull(2, Types.ARRAY);
            } else {
                ps.setArray(2, c.createArrayOf("bigint", roots.toArray()));
            }
            ps.setBoolean(3, estimateAllSizes);
            ps.setArray(4, c.createArrayOf("bigint", locked.toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    rows.add(memberRow(rs));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return rows;
    }

    /** members.sql as it runs on this server major, for a role that may (or may not) read pg_statistic. */
    static String membersQuery(int versionNum, boolean canReadPgStatistic) {
        return sql("members.sql")
                .replace("/*DETACH_PENDING*/", versionNum >= 140000 ? "i.inhdetachpending" : "false")
                .replace("/*COLUMN_STATS*/", sql(canReadPgStatistic ? "column_stats_pg_statistic.sql"
                        : "column_stats_pg_stats.sql"));
    }

    private static MemberRow memberRow(ResultSet rs) throws SQLException {
        long heap = rs.getLong("heap_size");
        Sizes sizes = rs.wasNull() ? null : new Sizes(Math.max(0, heap), rs.getLong("index_size"),
                rs.getLong("toast_size"), rs.getBoolean("sizes_estimated"));
        return new MemberRow(rs.getLong("root_oid"), rs.getLong("oid"), rs.getInt("depth"), rs.getString("schema"),
                rs.getString("name"), rs.getString("relkind"), rs.getString("persistence"),
                rs.getString("tablespace"), Rows.strings(rs.getArray("reloptions")), rs.getString("bound"),
                rs.getString("partition_key"), rs.getString("strategy"), Rows.longs(rs.getArray("parent_oids")),
                Rows.strings(rs.getArray("parent_schemas")), Rows.strings(rs.getArray("parent_names")),
                rs.getBoolean("detach_pending"), rs.getDouble("reltuples"), rs.getLong("relpages"),
                Rows.nullableLong(rs, "live_tuples"), Rows.nullableLong(rs, "dead_tuples"),
                Rows.nullableLong(rs, "mods_since_analyze"), rs.getObject("last_vacuum", OffsetDateTime.class),
                rs.getObject("last_autovacuum", OffsetDateTime.class),
                rs.getObject("last_analyze", OffsetDateTime.class),
                rs.getObject("last_autoanalyze", OffsetDateTime.class), Rows.nullableLong(rs, "xid_age"),
                Rows.nullableLong(rs, "mxid_age"), Rows.nullableLong(rs, "freeze_max_age_option"),
                rs.getLong("mxid_freeze_max_age"), sizes,
                rs.getInt("fillfactor"), rs.getLong("columns"), rs.getLong("columns_with_stats"),
                rs.getDouble("max_null_frac"), rs.getDouble("data_width"));
    }

    private static String sql(String file) {
        return SqlResource.load(CatalogReader.class, file);
    }

}
