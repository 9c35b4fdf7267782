package io.partscope.core.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports what a step is waiting for, while it waits for a lock (pg_stat_activity.wait_event_type = 'Lock'): the
 * sessions {@code pg_blocking_pids()} names, and the transactions that hold a lock on the step's relations (its
 * {@link LockNote}s) and began before the step's statement. The second set is what DETACH ... CONCURRENTLY waits
 * for in its second phase (it waits for them one after another, so pg_blocking_pids() alone shows only the first).
 */
public final class WaitProbe implements ProgressProbe {
    private static final String SQL = """
            WITH op AS (SELECT query_start, wait_event_type FROM pg_stat_activity WHERE pid = ?),
                 rels AS (SELECT to_regclass(x)::oid AS oid FROM unnest(?::text[]) x)
            SELECT a.pid, a.usename, a.application_name, a.state,
                   extract(epoch FROM now() - a.xact_start)::bigint,
                   (SELECT string_agg(DISTINCT l.mode || ' on ' || l.relation::regclass::text, ', ')
                      FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'relation' AND l.granted
                       AND l.relation IN (SELECT oid FROM rels)),
                   left(regexp_replace(a.query, '\\s+', ' ', 'g'), 200), a.backend_start
              FROM pg_stat_activity a, op
             WHERE op.wait_event_type = 'Lock' AND a.pid <> ? AND a.pid <> pg_backend_pid()
               AND (a.pid = ANY (pg_blocking_pids(?))
                    OR (a.xact_start < op.query_start AND EXISTS (SELECT 1 FROM pg_locks l
                         WHERE l.pid = a.pid AND l.locktype = 'relation' AND l.granted
                           AND l.relation IN (SELECT oid FROM rels))))
             ORDER BY a.xact_start NULLS LAST, a.pid
            """;

    @Override
    public Optional<Reading> poll(Connection monitor, int backendPid, Step step) throws SQLException {
        return Optional.of(new Reading(null, -1, blockers(monitor, backendPid,
                step.locks().stream().map(LockNote::relation).distinct().toList())));
    }

    /** The sessions {@code pid} waits for (empty when it is not waiting for a lock). */
    public static List<Blocker> blockers(Connection c, int pid, List<String> relations) throws SQLException {
        List<Blocker> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(SQL)) {
            p.setInt(1, pid);
            p.setArray(2, c.createArrayOf("text", relations.toArray()));
            p.setInt(3, pid);
            p.setInt(4, pid);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Object secs = rs.getObject(5);
                    result.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            secs == null ? null : ((Number) secs).longValue(), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class)));
                }
            }
        }
        return result;
    }
}
