package io.partscope.core.ops;

import io.partscope.core.db.ErrorKind;
import java.sql.SQLException;
import java.util.Locale;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a failed statement of an operation into a sentence a DBA can act on (the SQLSTATEs partition DDL raises:
 * see docs/operations.md), and tells a broken connection from a failed statement.
 */
public final class OperationErrors {
    private OperationErrors() {
    }

    /** The server's own message (without pgjdbc's "ERROR: " prefix and position), else the exception's. */
    public static String serverText(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getMessage() != null) {
                return m.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** The connection itself broke (server restart, network, admin shutdown): nothing more can run on it. */
    public static boolean connectionLost(SQLException e) {
        String s = state(e);
        return s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03");
    }

    public static boolean lockTimeout(SQLException e) {
        return "55P03".equals(state(e));
    }

    /** The kind of failure, for the exit code. */
    public static ErrorKind kind(SQLException e) {
        String s = state(e);
        if (connectionLost(e)) {
            return ErrorKind.CONNECTION_LOST;
        }
        return switch (s) {
            case "42501" -> ErrorKind.PERMISSION_DENIED;
            case "55P03", "57014" -> ErrorKind.QUERY_CANCELLED;
            case "42P01", "3F000" -> ErrorKind.OBJECT_NOT_FOUND;
            case "23514", "42P17", "55000", "25006" -> ErrorKind.OPERATION_REFUSED;
            default -> ErrorKind.INTERNAL;
        };
    }

    /** What went wrong, in words, with the server's text where it names the objects. */
    public static String describe(SQLException e) {
        String text = serverText(e);
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (state(e)) {
            case "23514" -> lower.contains("default partition")
                    ? "rows in the DEFAULT partition belong to the new range: split the DEFAULT first"
                            + " (partscope op split-default) [" + text + "]"
                    : "rows lie outside the partition's bounds: " + text;
            case "42P17" -> lower.contains("overlap")
                    ? "the new bounds overlap an existing partition: " + text
                    : "invalid partition definition: " + text;
            case "25001" -> "the statement cannot run inside a transaction block (it must run in autocommit): "
                    + text;
            case "55000" -> lower.contains("pending detach")
                    ? text + " (an interrupted DETACH CONCURRENTLY left it pending: complete it with DETACH ..."
                            + " FINALIZE, partscope op finalize)"
                    : lower.contains("concurrently")
                    ? text + " (DETACH CONCURRENTLY is impossible while the set has a DEFAULT partition:"
                            + " detach without CONCURRENTLY, or remove the DEFAULT first)"
                    : "object not in the required state: " + text;
            case "55P03" -> "a lock was not granted within lock_timeout: " + text;
            case "57014" -> lower.contains("statement timeout")
                    ? "the statement ran longer than statement_timeout (raise --statement-timeout)"
                    : "the statement was cancelled: " + text;
            case "25006" -> "the session is read-only: " + text;
            case "42501" -> "permission denied: " + text + " (the role must own the table)";
            case "42P01" -> "object not found: " + text;
            default -> connectionLost(e) ? "the connection to the server was lost: " + text : text;
        };
    }
}
