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
    /**
     * The first batch: small, so the selected set's first sizes show at once (about 0.05 s of size functions on a
     * 2-core machine).
     */
    public static final int FIRST_BATCH = 500;
    /**
     * Later batches grow toward about this much time each ({@link #nextBatchSize}): long enough that a batch's own
     * cost (a transaction, pg_locks) is small beside its size functions, short enough that Cancel and a newly
     * selected set act within it.
     */
    public static final long TARGET_BATCH_MILLIS = 500;
    /** The largest batch, whatever the timing says (a bound on one statement's locks and memory). */
    public static final int MAX_BATCH = 20_000;
    private static final int FETCH_SIZE = 2_000;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Database database;

    public SizeReader(Database database) {
        this.database = database;
    }

    /**
     * The next relations to measure: members with storage whose sizes are estimates, not in {@code skip}, those of
     * the set {@code first} (null: none) before the others, each set in tree order; at most {@code limit}. One walk
     * of the snapshot: a caller taking batch after batch keeps a {@link SizeQueue} instead.
     */
    public static List<Long> next(CatalogSnapshot snapshot, RelationName first, Set<Long> skip, int limit) {
        return new SizeQueue(snapshot, skip).take(first, limit);
    }

    /**
     * The size of the batch after one of {@code size} relations that took {@code millis}: toward
     * {@link #TARGET_BATCH_MILLIS}, at most four times larger or half as large as the last, within
     * [{@link #FIRST_BATCH}, {@link #MAX_BATCH}].
     */
    public static int nextBatchSize(int size, long millis) {
        long wanted = millis <= 0 ? 4L * size : size * TARGET_BATCH_MILLIS / millis;
        long bounded = Math.max(size / 2L, Math.min(4L * size, wanted));
        return (int) Math.max(FIRST_BATCH, Math.min(MAX_BATCH, bounded));
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
     * (relations locked by DDL stay estimated). The snapshot is rolled up once, at the end.
     */
    public CatalogSnapshot measureAll(CatalogSnapshot snapshot, Cancellation cancellation) throws PartscopeException {
        SizeQueue queue = new SizeQueue(snapshot);
        Map<Long, Sizes> sizes = new HashMap<>();
        int size = FIRST_BATCH;
        for (List<Long> batch = queue.take(null, size); !batch.isEmpty(); batch = queue.take(null, size)) {
            long start = System.nanoTime();
            sizes.putAll(measure(batch, cancellation).sizes());
            size = nextBatchSize(batch.size(), (System.nanoTime() - start) / 1_000_000);
        }
        return snapshot.withSizes(sizes);
    }

    private SizeBatch measureIn(Connection c, List<Long> oids, Cancellation cancel)
            throws SQLException, PartscopeException {
        List<Long> locked = CatalogReader.lockedRelations(c, cancel);
        Savepoint savepoint = c.setSavepoint();
        Map<Long, Sizes> sizes = new HashMap<>(oids.size() * 2);
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(SizeReader.class, "sizes.sql"))) {
            ps.setFetchSize(FETCH_SIZE);
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
