package io.partscope.core.db;

/**
 * What we learn about a server once, at connect time.
 *
 * @param versionNum  server_version_num, e.g. 180001
 * @param version     server_version, e.g. "18.1"
 * @param user        current_user
 * @param superuser   whether current_user is a superuser
 * @param database    current_database()
 */
public record ServerInfo(int versionNum, String version, String user, boolean superuser, String database) {

    /** The oldest major Partscope supports. */
    public static final int MIN_SUPPORTED_VERSION_NUM = 130000;

    public int major() {
        return versionNum / 10000;
    }

    public boolean atLeast(int major) {
        return major() >= major;
    }

    /** Refuses servers older than {@link #MIN_SUPPORTED_VERSION_NUM} with a message that says what to do. */
    public static void requireSupported(int versionNum, String version) throws PartscopeException {
        if (versionNum < MIN_SUPPORTED_VERSION_NUM) {
            throw new PartscopeException(ErrorKind.SERVER_TOO_OLD,
                    "PostgreSQL " + version + " is not supported: Partscope needs PostgreSQL 13 or newer",
                    null, null, "Upgrade the server, or use psql for this cluster.", null);
        }
    }
}
