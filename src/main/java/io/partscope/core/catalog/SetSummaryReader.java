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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's first read: every partition set of a database with the numbers the navigator and the sets table show
 * (set_summaries.sql), one row per set, before any member is read. At 100,000 partitions the full stage-1 read
 * ({@link CatalogReader}, {@link SizeMode#ESTIMATED}) takes seconds; this lists the sets first. Its numbers are
 * the ones the full estimated read gives for the same catalog (SetSummaryReaderIT).
 */
public final class SetSummaryReader {
    private static final Logger LOG = LoggerFactory.getLogger(SetSummaryReader.class);

    private final Database database;

    public SetSummaryReader(Database database) {
        this.database = database;
    }

    /**
     * Every set (in one schema when the filter names one; a table filter is not applied here). The snapshot's sets
     * are {@link SetSummary#set() summaries}: their root and totals, no partitions.
     */
    public Result read(CatalogFilter filter, Cancellation cancellation) throws PartscopeException {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        long started = System.nanoTime();
        Result result = database.readOnlySnapshot(cancel, c -> readIn(c, filter, cancel));
        LOG.debug("summarised {} partition sets in {} ms", result.summaries().size(),
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /**
     * What the summary read gives.
     *
     * @param snapshot  the server facts, with each set as its summary (no partitions)
     * @param summaries one per set, in the snapshot's order
     */
    public record Result(CatalogSnapshot snapshot, List<SetSummary> summaries) {
        public Result {
            summaries = List.copyOf(summaries);
        }
    }

    private Result readIn(Connection c, CatalogFilter filter, Cancellation cancel)
            throws SQLException, PartscopeException {
        CatalogReader.Settings settings = CatalogReader.readSettings(c, cancel);
        String text = query(settings.versionNum());
        List<SetSummary> summaries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(text)) {
            ps.setString(1, filter == null ? null : filter.schema());
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    summaries.add(summary(rs, settings.freezeMaxAge()));
                }
            } finally {
                cancel.finished(ps);
            }
        }
        // The order of the full read (PartitionSetAssembler): schema, then name in natural order.
        summaries.sort(java.util.Comparator.comparing((SetSummary s) -> s.set().schema())
                .thenComparing(s -> s.set().name(), NaturalOrder.INSTANCE));
        CatalogSnapshot snapshot = new CatalogSnapshot(settings.version(), settings.versionNum(),
                settings.database(), settings.readAt(), settings.freezeMaxAge(), settings.failsafeAge(), List.of(),
                summaries.stream().map(SetSummary::set).toList());
        return new Result(snapshot, summaries);
    }

    /** set_summaries.sql as it runs on this server major. */
    static String query(int versionNum) {
        return SqlResource.load(SetSummaryReader.class, "set_summaries.sql")
                .replace("/*DETACH_PENDING*/", versionNum >= 140000 ? "i.inhdetachpending" : "false");
    }

    private static SetSummary summary(ResultSet rs, long globalFreezeMaxAge) throws SQLException {
        long table = rs.getLong("table_bytes");
        long index = rs.getLong("index_bytes");
        long toast = rs.getLong("toast_bytes");
        Totals totals = new Totals(rs.getInt("partition_count"), rs.getInt("leaf_count"), table + index + toast,
                table, index, toast, rs.getLong("row_estimate"), rs.getLong("live_tuples"),
                rs.getLong("dead_tuples"), Rows.nullableLong(rs, "max_xid_age"), Rows.nullableLong(rs, "max_mxid_age"),
                0, rs.getInt("default_partitions"), rs.getLong("default_rows"), rs.getInt("detach_pending"));
        String relkind = rs.getString("relkind");
        boolean estimated = rs.getBoolean("sizes_estimated");
        // The root as a member: its name, kind and key; its numbers are the set's totals (no own numbers here).
        PartitionMember root = new PartitionMember(rs.getLong("root_oid"), rs.getString("schema"),
                rs.getString("name"), null, null, List.of(), 0, false, false, null, rs.getString("partition_key"),
                false, RelKind.fromCatalog(relkind), Persistence.fromCatalog(rs.getString("persistence")), null,
                List.of(), null, null, null, null, null, null, null, null, null, null, globalFreezeMaxAge,
                PartitionMember.DEFAULT_MXID_FREEZE_MAX_AGE, null, null, BloatStatus.NOT_APPLICABLE, null, null, null,
                null, totals, estimated);
        PartitionSet set = new PartitionSet(root, "p".equals(relkind) ? SetKind.DECLARATIVE : SetKind.INHERITANCE,
                Strategy.fromCatalog(rs.getString("strategy")), rs.getString("partition_key"), List.of(), totals);
        return new SetSummary(set, worst(Rows.nullableLongs(rs.getArray("max_xid_ages")),
                Rows.nullableLongs(rs.getArray("freeze_max_age_options")), globalFreezeMaxAge),
                worst(Rows.nullableLongs(rs.getArray("max_mxid_ages")),
                        Rows.nullableLongs(rs.getArray("mxid_freeze_max_ages")), null));
    }

    /**
     * The highest age share over the groups (one per distinct limit): each age against its limit as the full read
     * judges a member's age ({@link PartitionMember#ageFraction}; a reloption lowers the global XID limit, never
     * raises it, as PartitionSetAssembler takes it).
     *
     * @param global the global limit a null option falls back to; null: the limits are already effective
     */
    static Double worst(List<Long> ages, List<Long> limits, Long global) {
        Double worst = null;
        for (int i = 0; i < ages.size(); i++) {
            Long option = limits.get(i);
            long limit = global == null ? (option == null ? 0 : option)
                    : option == null ? global : Math.min(global, option);
            Double share = PartitionMember.ageFraction(ages.get(i), limit);
            if (share != null && (worst == null || share > worst)) {
                worst = share;
            }
        }
        return worst;
    }
}
