package io.partscope.core.ops;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a verifier's (or any planner's) statements on a connection registered with the {@link Cancellation}, so
 * Cancel or Ctrl-C cancels the one running on the server, whichever it is. The runner registers its session only
 * around each step's statements, so without this a verification query blocked behind a lock ignored Cancel.
 */
public final class CancellableWork {
    private CancellableWork() {
    }

    /** Runs {@code work} on {@code c} with {@code c} registered; QUERY_CANCELLED first when already cancelled. */
    public static <T> T on(Connection c, Cancellation cancellation, Database.SnapshotWork<T> work)
            throws SQLException, PartscopeException {
        if (cancellation == null) {
            return work.run(c);
        }
        cancellation.runningOn(c);
        try {
            return work.run(c);
        } finally {
            cancellation.finished(c);
        }
    }
}
