package io.partscope.core.db;

/**
 * The one domain exception: a message a DBA can act on, a {@link ErrorKind} (and so an exit code), and, when the
 * server produced the error, its SQLSTATE, detail and hint. The cause is kept for --verbose and logs only.
 * Messages never contain passwords.
 */
public class PartscopeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String sqlState;
    private final String detail;
    private final String hint;

    public PartscopeException(ErrorKind kind, String message) {
        this(kind, message, null, null, null, null);
    }

    public PartscopeException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, null, null, null, cause);
    }

    public PartscopeException(ErrorKind kind, String message, String sqlState, String detail, String hint,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The server's SQLSTATE, or null when the error did not come from the server. */
    public String sqlState() {
        return sqlState;
    }

    /** The server's DETAIL line, or null. */
    public String detail() {
        return detail;
    }

    /** What the user can do about it: the server's HINT, or ours; null when there is nothing to add. */
    public String hint() {
        return hint;
    }
}
