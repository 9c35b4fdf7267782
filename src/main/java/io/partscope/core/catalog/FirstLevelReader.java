package io.partscope.core.catalog;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.Rows;
import io.partscope.core.db.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first screen of a large nested set: the root's direct children only (first_level.sql), each sub-partitioned
 * child with the numbers rolled up over everything below it, as the full stage-1 read ({@link CatalogReader},
 * {@link SizeMode#ESTIMATED}) gives them. A set of 100 months of 1,000 days is drawn from 100 rows while its
 * 100,100 members are still being read. Bloat is not estimated here (it needs pg_statistic per leaf): those
 * members show no bloat (null, {@link BloatStatus#NO_STATISTICS}) until the full read replaces them.
 */
public final class FirstLevelReader {
    private static final Logger LOG = LoggerFactory.getLogger(FirstLevelReader.class);

    private final Database database;

    public FirstLevelReader(Database database) {
        this.database = database;
    }

    /**
     * What the first level gives.
     *
     * @param set               the summary's root and totals, with the root's direct children as its partitions
     *                          (a sub-partitioned child carries its {@link PartitionMember#totals()}, no members
     *                          below it)
     * @param worstXidAgeShares per child with members below it (by oid): the worst XID share over its subtree
     * @param estimatedBranches children with members below it (by oid) whose roll-up includes an estimated size
     */
    public record Result(PartitionSet set, Map<Long, Double> worstXidAgeShares, java.util.Set<Long> estimatedBranches) {
        public Result {
            worstXidAgeShares = Map.copyOf(worstXidAgeShares);
            estimatedBranches = java.util.Set.copyOf(estimatedBranches);
        }

        /** Whether this child has members below it that are not read yet. */
        public boolean hasUnreadChildren(PartitionMember child) {
            return child.totals() != null && child.totals().partitionCount() > 0;
        }
    }

    /**
     * The direct children of a set listed by {@link SetSummaryReader} (its root carries the oid); null when the
     * root no longer exists.
     */
    public Result read(PartitionSet summary, Cancellation cancellation) throws PartscopeException {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        long started = System.nanoTime();
        Result result = database.readOnlySnapshot(cancel, c -> readIn(c, summary, cancel));
        LOG.debug("read the first level of {} in {} ms", summary.relationName().qualified(),
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /** first_level.sql as it runs on this server major. */
    static String query(int versionNum) {
        return SqlResource.load(FirstLevelReader.class, "first_level.sql")
                .replace("/*DETACH_PENDING*/", versionNum >= 140000 ? "i.inhdetachpending" : "false");
    }

    private Result readIn(Connection c, PartitionSet summary, Cancellation cancel)
            throws SQLException, PartscopeException {
        CatalogReader.Settings settings = CatalogReader.readSettings(c, cancel);
        List<PartitionMember> children = new ArrayList<>();
        Map<Long, Double> shares = new HashMap<>();
        java.util.Set<Long> estimated = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(query(settings.versionNum()))) {
            ps.setLong(1, summary.rootMember().oid());
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    PartitionMember m = member(rs, settings.freezeMaxAge());
                    children.add(m);
                    if (m.totals() != null) {
                        Double share = SetSummaryReader.worst(Rows.nullableLongs(rs.getArray("max_xid_ages")),
                                Rows.nullableLongs(rs.getArray("freeze_max_age_options")), settings.freezeMaxAge());
                        if (share != null) {
                            shares.put(m.oid(), share);
                        }
                        if (rs.getBoolean("sum_sizes_estimated")) {
                            estimated.add(m.oid());
                        }
                    }
                }
            } finally {
                cancel.finished(ps);
            }
        }
        // The full read's sibling order (PartitionSetAssembler): DEFAULT last, then names in natural order.
        children.sort(java.util.Comparator.comparing(PartitionMember::isDefault)
                .thenComparing(PartitionMember::name, NaturalOrder.INSTANCE));
        PartitionSet set = new PartitionSet(summary.rootMember(), summary.kind(), summary.strategy(),
                summary.partitionKey(), children, summary.totals());
        return new Result(set, shares, estimated);
    }

    private static PartitionMember member(ResultSet rs, long globalFreezeMaxAge) throws SQLException {
        boolean storage = rs.getBoolean("storage");
        boolean hasChildren = rs.getBoolean("has_children");
        String relkind = rs.getString("relkind");
        Long option = Rows.nullableLong(rs, "freeze_max_age_option");
        long freezeMaxAge = option == null ? globalFreezeMaxAge : Math.min(globalFreezeMaxAge, option);
        List<Long> parentOids = Rows.longs(rs.getArray("parent_oids"));
        List<String> parentSchemas = Rows.strings(rs.getArray("parent_schemas"));
        List<String> parentNames = Rows.strings(rs.getArray("parent_names"));
        List<RelationName> parents = new ArrayList<>(parentOids.size());
        for (int i = 0; i < parentOids.size(); i++) {
            parents.add(new RelationName(parentSchemas.get(i), parentNames.get(i)));
        }
        RelationName first = parents.isEmpty() ? null : parents.get(0);
        long table = rs.getLong("table_bytes");
        long index = rs.getLong("index_bytes");
        long toast = rs.getLong("toast_bytes");
        String bound = rs.getString("bound");
        Totals totals = null;
        if (hasChildren) {
            long sumTable = rs.getLong("sum_table_bytes");
            long sumIndex = rs.getLong("sum_index_bytes");
            long sumToast = rs.getLong("sum_toast_bytes");
            totals = new Totals(rs.getInt("partition_count"), rs.getInt("leaf_count"), sumTable + sumIndex + sumToast,
                    sumTable, sumIndex, sumToast, rs.getLong("sum_row_estimate"), rs.getLong("sum_live_tuples"),
                    rs.getLong("sum_dead_tuples"), Rows.nullableLong(rs, "max_xid_age"),
                    Rows.nullableLong(rs, "max_mxid_age"), 0, rs.getInt("default_partitions"),
                    rs.getLong("default_rows"), rs.getInt("sum_detach_pending"));
        }
        return new PartitionMember(rs.getLong("oid"), rs.getString("schema"), rs.getString("name"),
                first == null ? null : first.schema(), first == null ? null : first.name(), parents, 1,
                !hasChildren && !"p".equals(relkind), "DEFAULT".equals(bound), bound, rs.getString("partition_key"),
                rs.getBoolean("detach_pending"), RelKind.fromCatalog(relkind),
                Persistence.fromCatalog(rs.getString("persistence")), rs.getString("tablespace"),
                Rows.strings(rs.getArray("reloptions")), storage ? table + index + toast : 0L, storage ? table : 0L,
                storage ? index : 0L, storage ? toast : 0L, storage ? Rows.nullableLong(rs, "row_estimate") : null,
                storage ? Rows.nullableLong(rs, "live_tuples") : null,
                storage ? Rows.nullableLong(rs, "dead_tuples") : null,
                storage ? Rows.nullableLong(rs, "mods_since_analyze") : null,
                storage ? Rows.nullableLong(rs, "xid_age") : null, storage ? Rows.nullableLong(rs, "mxid_age") : null,
                freezeMaxAge, rs.getLong("mxid_freeze_max_age"), null, null,
                storage ? BloatStatus.NO_STATISTICS : BloatStatus.NOT_APPLICABLE,
                rs.getObject("last_vacuum", OffsetDateTime.class), rs.getObject("last_autovacuum", OffsetDateTime.class),
                rs.getObject("last_analyze", OffsetDateTime.class),
                rs.getObject("last_autoanalyze", OffsetDateTime.class), totals, storage);
    }
}
