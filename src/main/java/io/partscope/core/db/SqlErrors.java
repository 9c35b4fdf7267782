package io.partscope.core.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns JDBC failures into {@link PartscopeException}s a DBA can act on: the kind (and so the exit code), a
 * sentence that names the server and what to check, and the server's SQLSTATE, detail and hint.
 * Never puts a password in a message: messages are built from the settings' host, port, user and database only,
 * and from pgjdbc's and the server's texts, which do not carry it.
 */
public final class SqlErrors {
    /**
     * pgjdbc's targetServerType back to the libpq target_session_attrs value it checks for (the resolver maps the
     * other way), so the message names what the user wrote in the URL.
     */
    private static final Map<String, String> SESSION_ATTRS = Map.of("primary", "read-write", "secondary",
            "read-only", "preferSecondary", "prefer-standby", "any", "any");

    private SqlErrors() {
    }

    public static PartscopeException translate(SQLException e, ConnectionSettings settings) {
        // The pool wraps the driver's exception ("Connection is not available, request timed out"); the driver's
        // own exception further down says what really went wrong.
        SQLException source = driverException(e);
        String where = settings == null ? "the server" : settings.endpoint();
        String user = settings == null ? "?" : settings.user();
        String database = settings == null ? "?" : settings.database();
        String state = source.getSQLState() == null ? "" : source.getSQLState();
        ServerErrorMessage server = source instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String serverText = server != null && server.getMessage() != null ? server.getMessage() : source.getMessage();
        String detail = server == null ? null : server.getDetail();
        String hint = server == null ? null : server.getHint();
        String lower = serverText == null ? "" : serverText.toLowerCase(Locale.ROOT);

        // pgjdbc (not the server) says this when sslmode=require/verify-* meets a server without SSL.
        if (lower.contains("server does not support ssl")) {
            return new PartscopeException(ErrorKind.SSL_REQUIRED,
                    "sslmode=" + (settings == null ? "require" : settings.sslMode()) + " requires SSL, but the server"
                            + " at " + where + " does not support SSL",
                    state, detail, "Connect with sslmode=prefer or disable, or enable ssl on the server.", e);
        }
        // pgjdbc, before the server is even asked: the server wants a password and we have none.
        if (lower.contains("no password was provided")) {
            return new PartscopeException(ErrorKind.AUTHENTICATION_FAILED,
                    "the server at " + where + " asks for a password for user \"" + user + "\", and none was given",
                    state, null, "Give it in the URL, PGPASSWORD or ~/.pgpass (PGPASSFILE).", e);
        }
        switch (state) {
            case "28P01":
                return new PartscopeException(ErrorKind.AUTHENTICATION_FAILED,
                        "password authentication failed for user \"" + user + "\" at " + where,
                        state, detail, "Check the user and password (the URL, PGPASSWORD or ~/.pgpass).", e);
            case "28000":
                // "no pg_hba.conf entry for host ..., no encryption" also comes from servers that only have
                // hostssl lines; we cannot tell which, so the hint names both ways out.
                return new PartscopeException(ErrorKind.AUTHENTICATION_FAILED,
                        "the server at " + where + " refused user \"" + user + "\": " + serverText,
                        state, detail, hint != null ? hint : lower.contains("no encryption")
                                ? "Check pg_hba.conf for this host, user and database; if the server accepts only"
                                        + " SSL connections (hostssl), connect with sslmode=require."
                                : "Check pg_hba.conf and the role's LOGIN attribute.", e);
            case "3D000":
                return new PartscopeException(ErrorKind.DATABASE_NOT_FOUND,
                        "database \"" + database + "\" does not exist on " + where,
                        state, detail, "Check the database name; list the databases with: psql -l", e);
            case "42501":
                return new PartscopeException(ErrorKind.PERMISSION_DENIED,
                        serverText + " (connected as \"" + user + "\")",
                        state, detail, hint != null ? hint
                                : "Ask for the privilege (GRANT), or connect as a role that has it.", e);
            case "57014":
                boolean timeout = lower.contains("statement timeout");
                // The kind's title ("query cancelled") goes in front of the message wherever it is shown, so the
                // message itself does not repeat it.
                return new PartscopeException(ErrorKind.QUERY_CANCELLED,
                        timeout ? "the statement ran longer than statement_timeout" : serverText,
                        state, detail, timeout ? "Raise statement_timeout (on the command line: --statement-timeout), or narrow the query." : hint,
                        e);
            case "55P03":
                return new PartscopeException(ErrorKind.QUERY_CANCELLED,
                        "a lock was not granted within lock_timeout (" + serverText + ")",
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
        // pgjdbc, when every host answered but none is of the wanted kind (target_session_attrs): the connection
        // was never made, so it was not lost and there is nothing to resume.
        if (lower.contains("could not find a server with specified targetservertype")) {
            String wanted = settings == null ? null : settings.extra().get("targetServerType");
            String attrs = wanted == null ? "" : "=" + SESSION_ATTRS.getOrDefault(wanted, wanted);
            return new PartscopeException(ErrorKind.HOST_UNREACHABLE,
                    "no server matching target_session_attrs" + attrs + " at " + where, state, null,
                    "The server(s) answered, but none is of that kind (a primary is read-write, a standby is"
                            + " read-only); connect to another host, or change target_session_attrs.", e);
        }
        if (state.startsWith("08")) {
            Throwable root = rootCause(source);
            if (root instanceof UnknownHostException) {
                return new PartscopeException(ErrorKind.HOST_UNREACHABLE,
                        "could not connect to " + where + ": unknown host \""
                                + (root.getMessage() == null ? where : root.getMessage()) + "\"", state, null,
                        "Check the host name in the URL or PGHOST.", e);
            }
            if (root instanceof ConnectException || root instanceof NoRouteToHostException
                    || root instanceof SocketTimeoutException || lower.contains("connection to")
                    || lower.contains("connection attempt failed")) {
                return new PartscopeException(ErrorKind.HOST_UNREACHABLE,
                        "could not connect to " + where + ": " + describe(root),
                        state, null, "Check that the server is running and that the host and port are correct"
                                + " (and that no firewall is in the way).",
                        e);
            }
            return new PartscopeException(ErrorKind.CONNECTION_LOST,
                    "the connection to " + where + " failed: " + serverText, state, detail,
                    "Retry; if the server restarted, the operation can be resumed.", e);
        }
        return new PartscopeException(ErrorKind.INTERNAL, serverText, state.isEmpty() ? null : state, detail, hint,
                e);
    }

    /** The first PSQLException in the cause chain (the driver's), else the exception itself. */
    private static SQLException driverException(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException p) {
                return p;
            }
        }
        return e;
    }

    private static String describe(Throwable root) {
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to host";
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
