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
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 of a catalog read: measures the exact sizes of the relations a {@link SizeMode#ESTIMATED} read sized from
 * pg_class, a batch at a time. Each batch is its own short read-only transaction (so Cancel stops it within one
 * batch and a refresh never waits for the rest), skips relations locked by DDL as {@link CatalogReader} does, and
 * falls back to leaving the batch estimated when a lock taken meanwhile trips lock_timeout.
 */
public final class SizeReader {
    private static final Logger LOG = LoggerFactory.getLogger(SizeReader.class);
    /** Leaves per batch: about 0.1 s of size functions on a 2-core machine, so Cancel and priorities act quickly. */
    public static final int BATCH = 2_000;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Database database;

    public SizeReader(Database database) {
        this.database = database;
    }

    /**
     * The next relations to measure: members with storage whose sizes are estimates, not in {@code skip}, those of
     * the set {@code first} (null: none) before the others, each set in tree order; at most {@code limit}.
     */
    public static List<Long> next(CatalogSnapshot snapshot, RelationName first, Set<Long> skip, int limit) {
        List<Long> out = new ArrayList<>(Math.min(limit, 4_096));
        if (first != null) {
            snapshot.roots().stream().filter(s -> s.relationName().equals(first)).findFirst()
                    .ifPresent(s -> collect(s, skip, limit, out));
        }
        for (PartitionSet set : snapshot.roots()) {
            if (out.size() >= limit) {
                break;
            }
            if (!set.relationName().equals(first)) {
                collect(set, skip, limit, out);
            }
        }
        return out;
    }

    private static void collect(PartitionSet set, Set<Long> skip, int limit, List<Long> out) {
        if (set.root().awaitsMeasuring() && !skip.contains(set.root().oid()) && out.size() < limit) {
            out.add(set.root().oid());
        }
        for (PartitionMember m : set.partitions()) {
            if (out.size() >= limit) {
                return;
            }
            if (m.awaitsMeasuring() && !skip.contains(m.oid())) {
                out.add(m.oid());
            }
        }
    }

    /** How many relations of the snapshot have estimated sizes (what stage 2 has left to measure). */
    public static int estimatedCount(CatalogSnapshot snapshot) {
        int n = 0;
        for (PartitionSet set : snapshot.roots()) {
            n += set.root().awaitsMeasuring() ? 1 : 0;
            for (PartitionMember m : set.partitions()) {
                n += m.awaitsMeasuring() ? 1 : 0;
            }
        }
        return n;
    }

    /** Measures one batch, in a read-only transaction of its own. */
    public SizeBatch measure(List<Long> oids, Cancellation cancellation) throws PartscopeException {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        if (oids.isEmpty()) {
            return new SizeBatch(Map.of(), List.of(), false);
        }
        return database.readOnlySnapshot(cancel, c -> measureIn(c, oids, cancel));
    }

    /**
     * Measures every estimated size of the snapshot, batch after batch, and returns it with the exact sizes in place
     * (relations locked by DDL stay estimated).
     */
    public CatalogSnapshot measureAll(CatalogSnapshot snapshot, Cancellation cancellation) throws PartscopeException {
        Set<Long> tried = new HashSet<>();
        CatalogSnapshot current = snapshot;
        for (List<Long> batch = next(current, null, tried, BATCH); !batch.isEmpty();
                batch = next(current, null, tried, BATCH)) {
            tried.addAll(batch);
            current = current.withSizes(measure(batch, cancellation).sizes());
        }
        return current;
    }

    private SizeBatch measureIn(Connection c, List<Long> oids, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<Long> locked = CatalogReader.lockedRelations(c, cancel);
        Savepoint savepoint = c.setSavepoint();
        Map<Long, Sizes> sizes = new HashMap<>(oids.size() * 2);
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(SizeReader.class, "sizes.sql"))) {
            ps.setFetchSize(BATCH);
            ps.setArray(1, c.createArrayOf("bigint", oids.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", locked.toArray()));
            try (ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    sizes.put(rs.getLong("oid"), new Sizes(Math.max(0, rs.getLong("heap_size")),
                            rs.getLong("index_size"), rs.getLong("toast_size"), false));
                }
            } finally {
                cancel.finished(ps);
            }
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || cancel.isCancelled()) {
                throw e;
            }
            // A lock was taken after we looked at pg_locks: keep this batch's estimates rather than fail.
            c.rollback(savepoint);
            LOG.info("a lock blocked measuring a batch of {} sizes; they stay estimated: {}", oids.size(),
                    e.getMessage());
            return new SizeBatch(Map.of(), oids, true);
        }
        Set<Long> lockedSet = new HashSet<>(locked);
        List<Long> skipped = oids.stream().filter(lockedSet::contains).toList();
        return new SizeBatch(sizes, skipped, false);
    }
}
