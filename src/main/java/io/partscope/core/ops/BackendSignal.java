package io.partscope.core.ops;

import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Cancels the query of, or terminates, a session a waiting step waits for (the DETACH CONCURRENTLY wait panel):
 * {@code pg_cancel_backend} / {@code pg_terminate_backend}, sent only while the pid is still the session that was
 * shown (its backend_start), with what happened in words a DBA can act on. Refused on a read-only profile.
 */
public final class BackendSignal {
    /** Why the buttons are disabled on a read-only profile, and the refusal if one is sent anyway. */
    public static final String READ_ONLY_REASON = "Cancel and terminate are disabled: the profile is marked"
            + " read-only (production)";

    public enum Kind {
        CANCEL("pg_cancel_backend", "Cancel query", "cancel the query of"),
        TERMINATE("pg_terminate_backend", "Terminate session", "terminate");

        private final String function;
        private final String label;
        private final String verb;

        Kind(String function, String label, String verb) {
            this.function = function;
            this.label = label;
            this.verb = verb;
        }

        public String function() {
            return function;
        }

        /** The button's text: "Cancel query", "Terminate session". */
        public String label() {
            return label;
        }
    }

    /** @param sent the server accepted the signal for that session */
    public record Result(boolean sent, String message) {
    }

    private BackendSignal() {
    }

    /** The confirmation's question, naming the session: pid, user, application, state and query. */
    public static String confirmation(Kind kind, Blocker b) {
        String what = kind == Kind.CANCEL
                ? "Its running query is cancelled; if it runs in a transaction block, that transaction is aborted"
                        + " and its locks are released. A session idle in transaction has no query to cancel."
                : "The session is disconnected: its transaction is rolled back and its locks are released. The"
                        + " application sees its connection closed.";
        return kind.verb.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + kind.verb.substring(1) + " pid "
                + b.pid() + "?\n\n"
                + "user: " + text(b.user()) + "\n"
                + "application: " + text(b.application()) + "\n"
                + "state: " + text(b.state()) + (b.transactionSeconds() == null ? ""
                        : ", transaction open " + b.transactionSeconds() + " s") + "\n"
                + "query: " + text(b.query()) + "\n\n" + what + " (" + kind.function + ")";
    }

    /**
     * Sends the signal on a pooled session. A missing privilege is a Result (not sent) saying what the role needs;
     * other errors are translated.
     */
    public static Result send(Database database, Kind kind, Blocker b, boolean profileReadOnly)
            throws PartscopeException {
        if (profileReadOnly) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, READ_ONLY_REASON);
        }
        // The same row tells the state the session is in now and sends the signal, only if it is the one shown.
        String sql = "SELECT a.state, " + kind.function + "(a.pid) FROM pg_stat_activity a WHERE a.pid = ?"
                // backend_start is NULL to a role that may not read the session's details: the pid decides then
                + (b.backendStart() == null ? "" : " AND (a.backend_start IS NULL OR a.backend_start = ?)");
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, b.pid());
            if (b.backendStart() != null) {
                p.setObject(2, b.backendStart());
            }
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return new Result(false, "pid " + b.pid() + " has ended (or its pid now belongs to another"
                            + " session): nothing was sent.");
                }
                String state = rs.getString(1);
                if (!rs.getBoolean(2)) {
                    return new Result(false, "The server could not signal pid " + b.pid() + " (it is no longer a"
                            + " server process): nothing was sent.");
                }
                if (kind == Kind.CANCEL && state != null && state.startsWith("idle in transaction")
                        && !state.contains("aborted")) {
                    return new Result(true, "Cancel sent to pid " + b.pid() + ", but it is idle in transaction: a"
                            + " cancel stops only a running query, so its transaction and its locks stay. Terminate"
                            + " the session to end them.");
                }
                return new Result(true, (kind == Kind.CANCEL ? "Cancel sent to pid " + b.pid() + ": its query is"
                        + " cancelled" : "Terminate sent to pid " + b.pid() + ": the session ends and its"
                        + " transaction is rolled back") + ". The list updates when its locks are released.");
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return new Result(false, "Not allowed to " + kind.verb + " pid " + b.pid() + " (user "
                        + text(b.user()) + "): the role " + database.server().user() + " needs to be a"
                        + " member of pg_signal_backend, or of the role " + text(b.user()) + " itself; a"
                        + " superuser's session only a superuser may signal. (Server: " + serverMessage(e) + ")");
            }
            throw SqlErrors.translate(e, database.settings());
        }
    }

    private static String serverMessage(SQLException e) {
        return e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? "(none)" : s;
    }
}
