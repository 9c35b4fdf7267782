package io.partscope.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * One connected database: a HikariCP pool with {@code application_name=partscope}, and what we learned about the
 * server at connect time. {@link #open} checks the connection first, so a wrong password or host fails there
 * with a clear {@link PartscopeException}, not later inside the pool.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long the check of a pooled session may take before it counts as broken. */
    private static final int VALIDATION_SECONDS = 5;

    private final ConnectionSettings settings;
    private final DatabaseOptions options;
    private final ServerInfo server;
    private final HikariDataSource pool;

    private Database(ConnectionSettings settings, DatabaseOptions options, ServerInfo server,
            HikariDataSource pool) {
        this.settings = settings;
        this.options = options;
        this.server = server;
        this.pool = pool;
    }

    /** Connects, checks that the server is supported, and starts the pool. */
    public static Database open(ConnectionSettings settings, DatabaseOptions options) throws PartscopeException {
        LOG.debug("connecting to {}", settings.displayUrl());
        ServerInfo server;
        try (Connection c = connectDirectly(settings, options)) {
            server = readServerInfo(c);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, settings);
        }
        ServerInfo.requireSupported(server.versionNum(), server.version());

        HikariConfig config = new HikariConfig();
        config.setPoolName("partscope-" + settings.endpoint() + "/" + settings.database());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setDataSourceProperties(jdbcProperties(settings, options));
        config.setMaximumPoolSize(options.maxPoolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, options.connectTimeout().toMillis() + 1000));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new Database(settings, options, server, new HikariDataSource(config));
    }

    private static Connection connectDirectly(ConnectionSettings settings, DatabaseOptions options)
            throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), jdbcProperties(settings, options));
    }

    private static Properties jdbcProperties(ConnectionSettings settings, DatabaseOptions options) {
        Properties p = settings.jdbcProperties();
        // connect_timeout from the URL, the service file or PGCONNECT_TIMEOUT (carried in the extras) is the user's
        // explicit choice for this server, so it beats the general default.
        long connectSeconds = Math.max(1, options.connectTimeout().toSeconds());
        String fromSettings = settings.extra().get("connectTimeout");
        if (fromSettings != null) {
            try {
                connectSeconds = Long.parseLong(fromSettings.strip());
            } catch (NumberFormatException e) {
                // A JDBC URL's connectTimeout=abc: pgjdbc would ignore it too; keep our default.
                LOG.warn("ignoring connectTimeout \"{}\": not a whole number of seconds", fromSettings);
            }
        }
        p.setProperty("connectTimeout", Long.toString(connectSeconds));
        p.setProperty("loginTimeout", Long.toString(connectSeconds));
        return p;
    }

    private static ServerInfo readServerInfo(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int,"
                        + " current_setting('server_version'), current_user,"
                        + " coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),"
                        + " current_database()")) {
            rs.next();
            return new ServerInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                    rs.getString(5));
        }
    }

    public ServerInfo server() {
        return server;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public DatabaseOptions options() {
        return options;
    }

    /** A pooled connection; the caller closes it. Errors are translated. */
    public Connection connection() throws PartscopeException {
        try {
            for (int attempt = 0; ; attempt++) {
                Connection c = pool.getConnection();
                // The pool hands out a session used in the last half second without testing it; after a server
                // restart (or failover) that session, and every idle one, is broken, and the next action of the
                // user would fail on it. One round trip per borrow is cheap for a tool that borrows a few times
                // per action: a broken session is dropped with the other idle ones, and a new one is taken.
                if (attempt > options.maxPoolSize() || c.isValid(VALIDATION_SECONDS)) {
                    return c;
                }
                LOG.debug("a pooled session is broken (server restart?); replacing the pool's idle sessions");
                pool.evictConnection(c);
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, settings);
        }
    }

    /**
     * A connection of its own, outside the pool, for work that changes session state (SET, PREPARE, temp tables)
     * or must not share a session: EXPLAIN with setup statements, operations. The caller closes it.
     */
    public Connection dedicatedConnection() throws PartscopeException {
        try {
            return connectDirectly(settings, options);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, settings);
        }
    }

    /** Work that runs inside {@link #readOnlySnapshot}. */
    @FunctionalInterface
    public interface SnapshotWork<T> {
        T run(Connection connection) throws SQLException, PartscopeException;
    }

    /**
     * Runs catalog reads in one read-only REPEATABLE READ transaction (so all queries see the same catalog
     * snapshot) with this database's statement and lock timeouts, then rolls back. SQL errors become
     * {@link PartscopeException}s; a cancelled statement becomes QUERY_CANCELLED.
     */
    public <T> T readOnlySnapshot(Cancellation cancellation, SnapshotWork<T> work) throws PartscopeException {
        if (cancellation != null) {
            cancellation.throwIfCancelled();
        }
        try (Connection c = connection()) {
            try {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + millis(options.statementTimeout()));
                    s.execute("SET LOCAL lock_timeout = " + millis(options.lockTimeout()));
                }
                if (cancellation != null) {
                    // The work creates its own statements; registering the connection lets cancel() reach them.
                    cancellation.runningOn(c);
                }
                return work.run(c);
            } finally {
                if (cancellation != null) {
                    cancellation.finished(c);
                }
                // Only the rollback matters here. The pool restores auto-commit, read-only and the isolation level
                // when the connection is returned, and doing it here could throw on a broken connection and hide
                // the real error.
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            if (cancellation != null && cancellation.isCancelled()) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(),
                        null, null, e);
            }
            throw SqlErrors.translate(e, settings);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback after a read failed; the pool will discard the connection", e);
        }
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    @Override
    public void close() {
        pool.close();
    }
}
