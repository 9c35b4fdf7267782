package io.partscope.core.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns JDBC failures into {@link PartscopeException}s a DBA can act on: the kind (and so the exit code), a
 * sentence that names the server and what to check, and the server's SQLSTATE, detail and hint.
 * Never puts a password in a message: messages are built from {@link ConnectionSettings#displayUrl()}.
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static PartscopeException translate(SQLException e, ConnectionSettings settings) {
        String where = settings == null ? "the server" : settings.host() + ":" + settings.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String serverText = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        String detail = server == null ? null : server.getDetail();
        String hint = server == null ? null : server.getHint();
        String lower = serverText == null ? "" : serverText.toLowerCase(Locale.ROOT);

        if (lower.contains("server does not support ssl")) {
            return new PartscopeException(ErrorKind.SSL_REQUIRED,
                    "SSL is required (sslmode=" + settings.sslMode() + ") but the server at " + where
                            + " does not support SSL",
                    state, detail, "Use sslmode=prefer or disable, or enable ssl on the server.", e);
        }
        if (lower.contains("no encryption") || lower.contains("ssl off")
                || (lower.contains("pg_hba.conf") && lower.contains("ssl"))) {
            return new PartscopeException(ErrorKind.SSL_REQUIRED,
                    "the server at " + where + " accepts only SSL connections from this host: " + serverText,
                    state, detail, "Connect with sslmode=require.", e);
        }
        switch (state) {
            case "28P01":
                return new PartscopeException(ErrorKind.AUTHENTICATION_FAILED,
                        "password authentication failed for user \"" + settings.user() + "\" at " + where,
                        state, detail, "Check the user and password (PGPASSWORD, ~/.pgpass or the URL).", e);
            case "28000":
                return new PartscopeException(ErrorKind.AUTHENTICATION_FAILED,
                        "the server at " + where + " refused user \"" + (settings == null ? "?" : settings.user())
                                + "\": " + serverText,
                        state, detail, hint != null ? hint : "Check pg_hba.conf and the role's LOGIN attribute.", e);
            case "3D000":
                return new PartscopeException(ErrorKind.DATABASE_NOT_FOUND,
                        "database \"" + settings.database() + "\" does not exist on " + where,
                        state, detail, "List the databases with: psql -l", e);
            case "42501":
                return new PartscopeException(ErrorKind.PERMISSION_DENIED,
                        "permission denied: " + serverText,
                        state, detail, hint != null ? hint
                                : "Ask for the privilege, or connect as a role that has it.", e);
            case "57014":
                return new PartscopeException(ErrorKind.QUERY_CANCELLED,
                        lower.contains("statement timeout")
                                ? "query cancelled: it ran longer than statement_timeout"
                                : "query cancelled: " + serverText,
                        state, detail, lower.contains("statement timeout")
                                ? "Raise the limit with --statement-timeout." : hint, e);
            case "55P03":
                return new PartscopeException(ErrorKind.QUERY_CANCELLED,
                        "query cancelled: a lock was not granted within lock_timeout (" + serverText + ")",
                        state, detail, "Another session holds a conflicting lock; see pg_locks, or retry later.", e);
            case "53300":
                return new PartscopeException(ErrorKind.HOST_UNREACHABLE,
                        "the server at " + where + " has no free connection slots: " + serverText, state, detail,
                        hint, e);
            case "57P01", "57P02", "57P03":
                return new PartscopeException(ErrorKind.CONNECTION_LOST,
                        "the server at " + where + " is shutting down or starting up: " + serverText,
                        state, detail, "Retry when the server is up again.", e);
            default:
                break;
        }
        if (state.startsWith("08")) {
            Throwable root = rootCause(e);
            if (root instanceof UnknownHostException) {
                return new PartscopeException(ErrorKind.HOST_UNREACHABLE,
                        "unknown host \"" + settings.host() + "\"", state, null,
                        "Check the host name in the URL or PGHOST.", e);
            }
            if (root instanceof ConnectException || root instanceof NoRouteToHostException
                    || root instanceof SocketTimeoutException || lower.contains("connection to")
                    || lower.contains("connection attempt failed")) {
                return new PartscopeException(ErrorKind.HOST_UNREACHABLE,
                        "could not connect to " + where + ": " + describe(root),
                        state, null, "Check that the server is running and that the host and port are correct.",
                        e);
            }
            return new PartscopeException(ErrorKind.CONNECTION_LOST,
                    "the connection to " + where + " failed: " + serverText, state, detail,
                    "Retry; if the server restarted, the operation can be resumed.", e);
        }
        return new PartscopeException(ErrorKind.INTERNAL, serverText, state.isEmpty() ? null : state, detail, hint,
                e);
    }

    private static String describe(Throwable root) {
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof SocketTimeoutException) {
            return "timed out";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}
