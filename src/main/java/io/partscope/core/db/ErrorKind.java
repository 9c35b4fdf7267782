package io.partscope.core.db;

/**
 * The kinds of failure a user can act on. Each has a distinct process exit code; these codes are part of the
 * command-line contract (docs/cli.md) and must never be renumbered.
 */
public enum ErrorKind {
    /** Something we did not foresee; the message still says what failed. */
    INTERNAL(1, "internal error"),
    /** Wrong flag, malformed URL, unparsable name: the user's input is at fault. */
    BAD_INPUT(2, "bad input"),
    /** No server answered at that host and port (refused, unknown host, timeout). */
    HOST_UNREACHABLE(3, "host unreachable"),
    /** The server rejected the user or password (or pg_hba.conf has no entry). */
    AUTHENTICATION_FAILED(4, "authentication failed"),
    /** The server is up but the database does not exist. */
    DATABASE_NOT_FOUND(5, "database does not exist"),
    /** SSL was required by one side and not offered by the other. */
    SSL_REQUIRED(6, "SSL required"),
    /** The connected role lacks a privilege (SQLSTATE 42501). */
    PERMISSION_DENIED(7, "permission denied"),
    /** The server is older than the oldest major Partscope supports. */
    SERVER_TOO_OLD(8, "server version not supported"),
    /** A statement was cancelled: by the user, by statement_timeout or by lock_timeout. */
    QUERY_CANCELLED(9, "query cancelled"),
    /** A schema, table or partition named by the user does not exist. */
    OBJECT_NOT_FOUND(10, "object not found"),
    /** An operation was refused by a preflight check or a safety rule. */
    OPERATION_REFUSED(11, "operation refused"),
    /** The connection broke while work was under way (server restart, network). */
    CONNECTION_LOST(12, "connection lost"),
    /**
     * The desktop app could not start its window system: no display, or the GTK 3 libraries JavaFX needs are not
     * installed. (13 is op's "planned but not run".)
     */
    DESKTOP_UNAVAILABLE(14, "the desktop app cannot start");

    private final int exitCode;
    private final String title;

    ErrorKind(int exitCode, String title) {
        this.exitCode = exitCode;
        this.title = title;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A short lower-case title, shown before the message ("authentication failed: ..."). */
    public String title() {
        return title;
    }
}
