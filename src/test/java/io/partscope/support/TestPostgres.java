package io.partscope.support;

import io.partscope.core.db.ConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, started on first use (zonky embedded binaries: 18 by default, 14 in the
 * failsafe run that swaps the binaries jar). Each test class takes a fresh database with {@link #newDatabase}, so
 * classes never see each other's tables.
 *
 * <p>Roles made here: {@code postgres} (superuser, trust), and {@link #PASSWORD_USER} with a password checked by
 * scram-sha-256 over TCP, for authentication and non-superuser tests.
 */
public final class TestPostgres {
    public static final String PASSWORD_USER = "alice";
    public static final String PASSWORD = "s3cret-pw";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile TestPostgres instance;

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static TestPostgres get() {
        TestPostgres local = instance;
        if (local == null) {
            synchronized (TestPostgres.class) {
                local = instance;
                if (local == null) {
                    local = start();
                    instance = local;
                }
            }
        }
        return local;
    }

    private static TestPostgres start() {
        try {
            Path dataDir = Files.createTempDirectory("partscope-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("autovacuum", "off")
                    .start();
            TestPostgres t = new TestPostgres(pg);
            t.configureAuthentication(dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is exiting; the temp data folder goes with the server's processes
                }
            }, "stop-test-postgres"));
            return t;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL for tests", e);
        }
    }

    /** Password-checked role over TCP; everyone else keeps trust (zonky's default). */
    private void configureAuthentication(Path dataDir) throws IOException, SQLException {
        Path hba = dataDir.resolve("pg_hba.conf");
        String rules = "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256\n"
                + "host all " + PASSWORD_USER + " ::1/128 scram-sha-256\n";
        Files.writeString(hba, rules + Files.readString(hba));
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("SELECT pg_reload_conf()");
        }
    }

    public int port() {
        return server.getPort();
    }

    /** server_version_num of the running server. */
    public int versionNum() {
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement();
                var rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int major() {
        return versionNum() / 10000;
    }

    /** Creates an empty database with a unique name and returns the name. */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase();
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            s.execute("GRANT ALL ON DATABASE " + name + " TO " + PASSWORD_USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    public Connection superuserConnection(String database) throws SQLException {
        return server.getDatabase("postgres", database).getConnection();
    }

    /** Runs statements as the superuser, each on its own (autocommit). */
    public void exec(String database, String... statements) {
        try (Connection c = superuserConnection(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as text (null for SQL NULL or no row). */
    public String queryString(String database, String query) {
        try (Connection c = superuserConnection(database); Statement s = c.createStatement();
                var rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Waits until a boolean query is true: cumulative statistics (n_live_tup, n_dead_tup, ...) reach the
     * pg_stat views only when the writing backend reports them (PG 14's collector does so asynchronously).
     */
    public void awaitTrue(String database, String booleanQuery) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = superuserConnection(database); Statement s = c.createStatement();
                    var rs = s.executeQuery(booleanQuery)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still false after 30 s: " + booleanQuery);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A lock held by another session until {@link #close()}, which rolls its transaction back. */
    public static final class HeldLock implements AutoCloseable {
        private final Connection connection;

        HeldLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }

    /** Takes an ACCESS EXCLUSIVE lock on {@code table} in another session, as running DDL would. */
    public HeldLock holdAccessExclusiveLock(String database, String table) {
        try {
            Connection c = superuserConnection(database);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            return new HeldLock(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A libpq URI for the superuser (trust: no password). */
    public String superuserUrl(String database) {
        return "postgresql://postgres@127.0.0.1:" + port() + "/" + database;
    }

    /** A libpq URI for the password user, password included. */
    public String passwordUserUrl(String database) {
        return "postgresql://" + PASSWORD_USER + ":" + PASSWORD + "@127.0.0.1:" + port() + "/" + database;
    }

    public ConnectionSettings superuserSettings(String database) {
        return new ConnectionSettings("127.0.0.1", port(), database, "postgres", null, "disable", null, Map.of());
    }

    public ConnectionSettings passwordUserSettings(String database) {
        return new ConnectionSettings("127.0.0.1", port(), database, PASSWORD_USER, PASSWORD, "disable", null,
                Map.of());
    }

}
