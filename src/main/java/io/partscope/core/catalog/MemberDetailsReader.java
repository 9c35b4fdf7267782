package io.partscope.core.catalog;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.Rows;
import io.partscope.core.db.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@link MemberDetails} of one member in one read-only snapshot and four queries (the relation with its
 * statistics and sizes, its columns, its constraints, its indexes). Never waits behind DDL: when another session
 * holds or awaits an ACCESS EXCLUSIVE lock on the member, its TOAST table or an index, nothing that locks them runs
 * (sizes, pg_get_indexdef, pg_get_constraintdef, pg_get_partkeydef, generated-column expressions: all of these take
 * ACCESS SHARE on the table) and a note says what is missing. A lock taken after that check trips the database's
 * lock_timeout; the query is then run again the same careful way instead of failing.
 */
public final class MemberDetailsReader {
    private static final Logger LOG = LoggerFactory.getLogger(MemberDetailsReader.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Database database;

    public MemberDetailsReader(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * @throws PartscopeException OBJECT_NOT_FOUND when the member no longer exists; QUERY_CANCELLED when cancelled
     *                            or timed out
     */
    public MemberDetails read(RelationName member, Cancellation cancellation) throws PartscopeException {
        Objects.requireNonNull(member, "member");
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        long started = System.nanoTime();
        MemberDetails details = database.readOnlySnapshot(cancel, c -> readIn(c, member, cancel));
        LOG.debug("read the details of {} in {} ms", member, (System.nanoTime() - started) / 1_000_000);
        return details;
    }

    private record Relation(long oid, MemberDetailsDdl.Table table, boolean locked, boolean careful,
            MemberDetails.Statistics statistics, OffsetDateTime readAt) {
    }

    private MemberDetails readIn(Connection c, RelationName member, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<String> notes = new ArrayList<>();
        boolean[] lockedLater = new boolean[1];
        Relation rel = careful(c, lockedLater, assumeLocked -> readRelation(c, member, assumeLocked, cancel));
        if (rel == null) {
            throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table " + member.qualified()
                    + " no longer exists (dropped or renamed since the partition sets were read)", null, null,
                    "Refresh the partition sets.", null);
        }
        List<MemberDetailsDdl.Column> columns = careful(c, lockedLater,
                assumeLocked -> readColumns(c, rel.oid(), rel.careful() || assumeLocked, cancel));
        List<MemberDetailsDdl.Constraint> constraints = careful(c, lockedLater,
                assumeLocked -> rel.careful() || assumeLocked ? null : readConstraints(c, rel.oid(), cancel));
        List<MemberDetailsDdl.IndexDef> indexes = careful(c, lockedLater,
                assumeLocked -> readIndexes(c, rel.oid(), rel.careful() || assumeLocked, cancel));

        boolean incomplete = constraints == null || indexes.stream().anyMatch(i -> i.index().definition() == null);
        if (rel.locked()) {
            notes.add("Another session holds or is waiting for an ACCESS EXCLUSIVE lock on this table (DDL running "
                    + "or queued). So as not to wait behind it, sizes, constraints, index definitions and the "
                    + "partition key were not read; refresh when the DDL has finished.");
        } else if (rel.careful() || lockedLater[0]) {
            notes.add("A lock taken by another session while reading blocked some functions: sizes and part of the "
                    + "DDL were not read; refresh to see them.");
        }
        MemberDetailsDdl.Table table = rel.table();
        String ddl = MemberDetailsDdl.ddl(table, columns, constraints == null ? List.of() : constraints, indexes,
                incomplete || (rel.careful() && RelKind.fromCatalog(table.relkind()) == RelKind.PARTITIONED_TABLE));
        return new MemberDetails(member, RelKind.fromCatalog(table.relkind()),
                Persistence.fromCatalog(table.persistence()), table.parents(), table.isPartition(), table.bound(),
                table.partitionKey(), table.tablespace(),
                MemberDetailsDdl.reloptionList(table.reloptions(), table.toastReloptions()), ddl,
                indexes.stream().map(MemberDetailsDdl.IndexDef::index).toList(), rel.statistics(), rel.locked(),
                notes, rel.readAt());
    }

    @FunctionalInterface
    private interface LockSensitiveRead<T> {
        T read(boolean assumeLocked) throws SQLException, PartscopeException;
    }

    /**
     * Runs a read; when a lock taken by another session after the pg_locks check makes it trip lock_timeout, runs it
     * again without the functions that lock, instead of failing.
     */
    private static <T> T careful(Connection c, boolean[] lockedLater, LockSensitiveRead<T> read)
            throws SQLException, PartscopeException {
        if (lockedLater[0]) {
            return read.read(true);
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = read.read(false);
            c.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(savepoint);
            LOG.info("a lock blocked reading details; reading again without the functions that lock: {}",
                    e.getMessage());
            lockedLater[0] = true;
            return read.read(true);
        }
    }

    private Relation readRelation(Connection c, RelationName member, boolean assumeLocked, Cancellation cancel)
            throws SQLException, PartscopeException {
        try (PreparedStatement ps = c.prepareStatement(sql("member_relation.sql"))) {
            ps.setString(1, member.schema());
            ps.setString(2, member.name());
            ps.setBoolean(3, assumeLocked);
            try (ResultSet rs = Rows.query(ps, cancel)) {
                if (!rs.next()) {
                    return null;
                }
                List<String> parentSchemas = Rows.strings(rs.getArray("parent_schemas"));
                List<String> parentNames = Rows.strings(rs.getArray("parent_names"));
                List<RelationName> parents = new ArrayList<>();
                for (int i = 0; i < parentNames.size(); i++) {
                    parents.add(new RelationName(parentSchemas.get(i), parentNames.get(i)));
                }
                MemberDetailsDdl.Table table = new MemberDetailsDdl.Table(member, rs.getString("relkind"),
                        rs.getString("persistence"), rs.getBoolean("is_partition"), rs.getString("bound"),
                        rs.getString("partition_key"), parents, rs.getString("access_method"),
                        rs.getString("tablespace"), Rows.strings(rs.getArray("reloptions")),
                        Rows.strings(rs.getArray("toast_reloptions")), rs.getString("foreign_server"),
                        Rows.strings(rs.getArray("foreign_options")));
                long setting = rs.getLong("freeze_max_age_setting");
                Long option = Rows.nullableLong(rs, "freeze_max_age_option");
                Long toastOption = Rows.nullableLong(rs, "toast_freeze_max_age_option");
                MemberDetails.Statistics stats = new MemberDetails.Statistics(
                        Rows.nullableLong(rs, "seq_scan"), Rows.nullableLong(rs, "idx_scan"), Rows.nullableLong(rs, "n_tup_ins"),
                        Rows.nullableLong(rs, "n_tup_upd"), Rows.nullableLong(rs, "n_tup_del"),
                        Rows.nullableLong(rs, "n_tup_hot_upd"), Rows.nullableLong(rs, "n_live_tup"),
                        Rows.nullableLong(rs, "n_dead_tup"), Rows.nullableLong(rs, "n_mod_since_analyze"),
                        Rows.nullableLong(rs, "n_ins_since_vacuum"), time(rs, "last_vacuum"),
                        time(rs, "last_autovacuum"), time(rs, "last_analyze"), time(rs, "last_autoanalyze"),
                        Rows.nullableLong(rs, "vacuum_count"), Rows.nullableLong(rs, "autovacuum_count"),
                        Rows.nullableLong(rs, "analyze_count"), Rows.nullableLong(rs, "autoanalyze_count"),
                        Rows.nullableLong(rs, "xid_age"), Rows.nullableLong(rs, "toast_xid_age"), Rows.nullableLong(rs, "mxid_age"),
                        // autovacuum ignores a per-table value above the server's setting
                        option == null ? setting : Math.min(setting, option),
                        toastOption == null ? setting : Math.min(setting, toastOption),
                        rs.getLong("relpages"), rs.getDouble("reltuples"), Rows.nullableLong(rs, "table_bytes"),
                        Rows.nullableLong(rs, "toast_bytes"), Rows.nullableLong(rs, "index_bytes"));
                return new Relation(rs.getLong("oid"), table, rs.getBoolean("locked"), rs.getBoolean("careful"),
                        stats, time(rs, "read_at"));
            } finally {
                cancel.finished(ps);
            }
        }
    }

    private List<MemberDetailsDdl.Column> readColumns(Connection c, long oid, boolean careful, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<MemberDetailsDdl.Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql("member_columns.sql"))) {
            ps.setBoolean(1, careful);
            ps.setLong(2, oid);
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    boolean parentNotNull = rs.getBoolean("parent_not_null");
                    Boolean parentNotNullOrNull = rs.wasNull() ? null : parentNotNull;
                    columns.add(new MemberDetailsDdl.Column(rs.getString("name"), rs.getString("type"),
                            rs.getBoolean("not_null"), rs.getBoolean("is_local"), rs.getBoolean("inherited"),
                            rs.getString("identity"), rs.getString("generated"), rs.getString("default_expr"),
                            rs.getString("collation_schema"), rs.getString("collation_name"), parentNotNullOrNull,
                            rs.getString("parent_default_expr")));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return columns;
    }

    private List<MemberDetailsDdl.Constraint> readConstraints(Connection c, long oid, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<MemberDetailsDdl.Constraint> constraints = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql("member_constraints.sql"))) {
            ps.setLong(1, oid);
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    constraints.add(new MemberDetailsDdl.Constraint(rs.getString("name"), rs.getString("type"),
                            rs.getString("definition"), rs.getBoolean("is_local"), rs.getLong("index_oid")));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return constraints;
    }

    private List<MemberDetailsDdl.IndexDef> readIndexes(Connection c, long oid, boolean careful,
            Cancellation cancel) throws SQLException, PartscopeException {
        List<MemberDetailsDdl.IndexDef> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql("member_indexes.sql"))) {
            ps.setBoolean(1, careful);
            ps.setLong(2, oid);
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    String parentName = rs.getString("parent_name");
                    RelationName parent = parentName == null ? null
                            : new RelationName(rs.getString("parent_schema"), parentName);
                    indexes.add(new MemberDetailsDdl.IndexDef(rs.getLong("oid"), new MemberDetails.Index(
                            rs.getString("name"), rs.getString("definition"), Rows.nullableLong(rs, "size_bytes"),
                            rs.getBoolean("valid"), rs.getBoolean("is_unique"), rs.getBoolean("is_primary"),
                            rs.getString("constraint_name"), parent)));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        return indexes;
    }

    private static String sql(String file) {
        return SqlResource.load(MemberDetailsReader.class, file);
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

}
