package io.partscope.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What stage 2 has left to measure: the relations of a snapshot whose sizes are estimates, set by set in tree order,
 * built once (one walk of the snapshot) and then taken from a batch at a time in O(batch), a named set first. A
 * relation taken is never offered again, measured or not (a lock kept it estimated): the queue is what was tried.
 * A relation in two sets (an inheritance child of both) is offered once. Not thread-safe: one batch at a time.
 */
public final class SizeQueue {
    /** One set's estimated relations in tree order, and how many of them were taken. */
    private static final class SetQueue {
        final long[] oids;
        int taken;

        SetQueue(long[] oids) {
            this.oids = oids;
        }

        boolean isEmpty() {
            return taken == oids.length;
        }
    }

    private final List<SetQueue> order = new ArrayList<>();
    private final Map<RelationName, SetQueue> bySet = new HashMap<>();
    /** Sets before this index in {@link #order} have nothing left. */
    private int current;
    private int remaining;

    /** Every relation of the snapshot that awaits measuring, except those in {@code skip}. */
    public SizeQueue(CatalogSnapshot snapshot, Set<Long> skip) {
        // An inheritance child with parents in two sets is a member of both: it is measured once, with the first.
        Set<Long> seen = new HashSet<>();
        for (PartitionSet set : snapshot.roots()) {
            long[] oids = new long[set.partitions().size() + 1];
            int n = 0;
            if (set.root().awaitsMeasuring() && !skip.contains(set.root().oid()) && seen.add(set.root().oid())) {
                oids[n++] = set.root().oid();
            }
            for (PartitionMember m : set.partitions()) {
                if (m.awaitsMeasuring() && !skip.contains(m.oid()) && seen.add(m.oid())) {
                    oids[n++] = m.oid();
                }
            }
            SetQueue q = new SetQueue(java.util.Arrays.copyOf(oids, n));
            order.add(q);
            bySet.putIfAbsent(set.relationName(), q);
            remaining += n;
        }
    }

    public SizeQueue(CatalogSnapshot snapshot) {
        this(snapshot, Set.of());
    }

    /** The next relations to measure, at most {@code limit}: the set {@code first} (null: none) before the others. */
    public List<Long> take(RelationName first, int limit) {
        List<Long> out = new ArrayList<>(Math.min(limit, Math.max(0, remaining)));
        SetQueue priority = first == null ? null : bySet.get(first);
        if (priority != null) {
            takeFrom(priority, limit, out);
        }
        while (out.size() < limit && current < order.size()) {
            SetQueue q = order.get(current);
            takeFrom(q, limit, out);
            if (q.isEmpty()) {
                current++;
            }
        }
        return out;
    }

    private void takeFrom(SetQueue q, int limit, List<Long> out) {
        while (out.size() < limit && !q.isEmpty()) {
            out.add(q.oids[q.taken++]);
            remaining--;
        }
    }

    /** How many relations are left (not taken yet). */
    public int remaining() {
        return remaining;
    }

    /** Whether the set still has relations to measure (false for a set the snapshot does not hold). */
    public boolean hasLeft(RelationName set) {
        SetQueue q = bySet.get(set);
        return q != null && !q.isEmpty();
    }
}
