package io.partscope.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;

/**
 * Lets another thread (a Cancel button, Ctrl-C) stop work that runs statements: the running statement is
 * cancelled on the server, and the work stops before its next statement.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** The Statement or Connection to cancel: whatever registered last. */
    private final AtomicReference<Object> running = new AtomicReference<>();

    /** Asks the server to cancel the running statement, and marks the work as cancelled. Safe from any thread. */
    public void cancel() {
        cancelled.set(true);
        Object target = running.get();
        try {
            if (target instanceof Statement statement) {
                statement.cancel();
            } else if (target instanceof Connection connection) {
                // pgjdbc's Statement.cancel() does nothing unless that very statement is executing; a connection
                // cancel reaches whatever statement the work is running on it, however it created it.
                connection.unwrap(PGConnection.class).cancelQuery();
            }
        } catch (SQLException e) {
            // The statement may have finished or its connection closed in the meantime: nothing left to stop.
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws QUERY_CANCELLED when {@link #cancel()} was called; work calls this between statements. */
    public void throwIfCancelled() throws PartscopeException {
        if (cancelled.get()) {
            throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user");
        }
    }

    /** Registers the statement about to run, so {@link #cancel()} can reach it. */
    public void running(Statement statement) throws PartscopeException {
        running.set(statement);
        throwIfCancelled();
    }

    public void finished(Statement statement) {
        running.compareAndSet(statement, null);
    }

    /**
     * Registers a connection whose statements {@link #cancel()} should cancel, whichever is running when it is
     * called. For work handed a connection (as {@link Database#readOnlySnapshot} does).
     */
    public void runningOn(Connection connection) throws PartscopeException {
        running.set(connection);
        throwIfCancelled();
    }

    public void finished(Connection connection) {
        running.compareAndSet(connection, null);
    }
}
