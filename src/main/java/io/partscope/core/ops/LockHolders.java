package io.partscope.core.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds a lock that conflicts with the one a step needs (after its lock timeout, read from pg_locks and
 * pg_stat_activity), so the retry line can name the session: "held by pid 4711 (idle in transaction for 312 s:
 * SELECT ...)". The conflict table is PostgreSQL's (see the lock table in the docs).
 */
final class LockHolders {
    private static final Map<LockMode, List<String>> CONFLICTS = new EnumMap<>(LockMode.class);

    static {
        List<String> all = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
                "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
        CONFLICTS.put(LockMode.ACCESS_EXCLUSIVE, all);
        CONFLICTS.put(LockMode.SHARE_ROW_EXCLUSIVE, List.of("RowExclusiveLock", "ShareUpdateExclusiveLock",
                "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"));
        CONFLICTS.put(LockMode.SHARE, List.of("RowExclusiveLock", "ShareUpdateExclusiveLock",
                "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"));
        CONFLICTS.put(LockMode.SHARE_UPDATE_EXCLUSIVE, List.of("ShareUpdateExclusiveLock", "ShareLock",
                "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"));
        CONFLICTS.put(LockMode.ROW_EXCLUSIVE, List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
                "AccessExclusiveLock"));
        CONFLICTS.put(LockMode.ACCESS_SHARE, List.of("AccessExclusiveLock"));
    }

    private LockHolders() {
    }

    /** "held by pid 4711 (...)" for up to three holders, or empty when none is seen (it may have ended). */
    static String describe(Connection c, List<LockNote> locks) {
        List<String> holders = new ArrayList<>();
        String sql = "SELECT DISTINCT l.pid, a.state, extract(epoch FROM now() - a.xact_start)::bigint,"
                + " left(regexp_replace(a.query, '\\s+', ' ', 'g'), 60), l.mode"
                + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()"
                + " AND l.relation = to_regclass(?) AND l.mode = ANY (?) ORDER BY 3 DESC NULLS LAST LIMIT 3";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (LockNote note : locks) {
                p.setString(1, note.relation());
                p.setArray(2, c.createArrayOf("text", CONFLICTS.get(note.mode()).toArray()));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next() && holders.size() < 3) {
                        Object seconds = rs.getObject(3);
                        String state = rs.getString(2);
                        holders.add("pid " + rs.getInt(1) + " (" + rs.getString(5) + " on " + note.relation()
                                + (state == null ? "" : ", " + state)
                                + (seconds == null ? "" : " for " + seconds + " s in its transaction")
                                + (rs.getString(4) == null ? "" : ": " + rs.getString(4)) + ")");
                    }
                }
            }
        } catch (SQLException e) {
            return "";
        }
        return holders.isEmpty() ? "" : "held by " + String.join(", ", holders);
    }
}
