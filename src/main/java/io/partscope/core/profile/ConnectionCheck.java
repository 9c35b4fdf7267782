package io.partscope.core.profile;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.ServerInfo;
import io.partscope.core.db.SqlErrors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Test connection": connects once (no pool), reads the server version and the role's privileges in a read-only
 * transaction, and disconnects. Failures are the same {@link PartscopeException}s as a real connect, so the user
 * sees the same message and hint.
 */
public final class ConnectionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);

    /** Every answer comes from the catalogs or a privilege function: nothing here reads user data or writes. */
    static final String QUERY = """
            SELECT current_setting('server_version_num')::int,
                   current_setting('server_version'),
                   current_user,
                   current_database(),
                   coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),
                   has_table_privilege('pg_catalog.pg_statistic', 'SELECT'),
                   pg_has_role('pg_read_all_stats', 'USAGE'),
                   pg_has_role('pg_monitor', 'USAGE'),
                   has_database_privilege(current_database(), 'CREATE'),
                   (SELECT extversion FROM pg_extension WHERE extname = 'pgstattuple'),
                   EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pgstattuple'),
                   pg_is_in_recovery()
            """;

    private final Duration timeout;

    /** @param timeout how long to wait for the server, to connect and to answer */
    public ConnectionCheck(Duration timeout) {
        this.timeout = timeout;
    }

    public ConnectionCheck() {
        this(Duration.ofSeconds(10));
    }

    /**
     * @param cancellation lets the Cancel button stop a slow answer; may be null
     * @throws PartscopeException as a connect would (host unreachable, authentication failed, ...)
     */
    public PrivilegeReport check(ConnectionSettings settings, Cancellation cancellation) throws PartscopeException {
        LOG.debug("testing the connection to {}", settings.displayUrl());
        if (cancellation != null) {
            cancellation.throwIfCancelled();
        }
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), properties(settings))) {
            if (cancellation != null) {
                cancellation.runningOn(c);
            }
            try {
                c.setReadOnly(true);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                    try (ResultSet rs = s.executeQuery(QUERY)) {
                        rs.next();
                        String pgstattuple = rs.getString(10);
                        return new PrivilegeReport(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
                                rs.getBoolean(9), pgstattuple, rs.getBoolean(11), rs.getBoolean(12),
                                rs.getInt(1) >= ServerInfo.MIN_SUPPORTED_VERSION_NUM);
                    }
                } finally {
                    c.rollback();
                }
            } finally {
                if (cancellation != null) {
                    cancellation.finished(c);
                }
            }
        } catch (SQLException e) {
            if (cancellation != null && cancellation.isCancelled()) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(),
                        null, null, e);
            }
            throw SqlErrors.translate(e, settings);
        }
    }

    private Properties properties(ConnectionSettings settings) {
        Properties p = settings.jdbcProperties();
        long seconds = Math.max(1, timeout.toSeconds());
        // connect_timeout from the service file or PGCONNECT_TIMEOUT is the user's choice for this server.
        String fromSettings = settings.extra().get("connectTimeout");
        p.setProperty("connectTimeout", fromSettings != null ? fromSettings : Long.toString(seconds));
        p.setProperty("loginTimeout", p.getProperty("connectTimeout"));
        return p;
    }
}
