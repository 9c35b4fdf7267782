package io.partscope.core.ops;

/**
 * A session a waiting step waits for, as pg_stat_activity and pg_locks show it: for DETACH ... CONCURRENTLY the
 * transactions that hold a lock on the parent and started before the detach.
 *
 * @param state pg_stat_activity.state ("idle in transaction", "active")
 * @param transactionSeconds how long its transaction has been open (null: not in a transaction)
 * @param locks the modes it holds on the relations the step locks, e.g. "AccessShareLock on public.events"
 * @param query its current or last query, whitespace folded, at most 200 characters
 * @param backendStart when its session began: with the pid it names the session, so a signal sent later cannot
 *     reach another session that got the same pid ({@link BackendSignal}); null when unknown
 */
public record Blocker(int pid, String user, String application, String state, Long transactionSeconds,
        String locks, String query, java.time.OffsetDateTime backendStart) {

    /** "pid 4711 (idle in transaction, transaction open 312 s, AccessShareLock on public.events): SELECT ..." */
    public String describe() {
        StringBuilder b = new StringBuilder("pid ").append(pid).append(" (");
        b.append(state == null ? "state unknown" : state);
        if (transactionSeconds != null) {
            b.append(", transaction open ").append(transactionSeconds).append(" s");
        }
        if (locks != null && !locks.isBlank()) {
            b.append(", ").append(locks);
        }
        if (user != null) {
            b.append(", user ").append(user);
        }
        b.append(')');
        if (query != null && !query.isBlank()) {
            b.append(": ").append(query);
        }
        return b.toString();
    }
}
