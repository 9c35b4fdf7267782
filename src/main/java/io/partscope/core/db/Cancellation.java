package io.partscope.core.db;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets another thread (a Cancel button, Ctrl-C) stop work that runs statements: the running statement is
 * cancelled on the server, and the work stops before its next statement.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Statement> running = new AtomicReference<>();

    /** Asks the server to cancel the running statement, and marks the work as cancelled. Safe from any thread. */
    public void cancel() {
        cancelled.set(true);
        Statement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The statement may have finished or its connection closed in the meantime: nothing left to stop.
            }
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
}
