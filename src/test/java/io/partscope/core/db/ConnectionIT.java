package io.partscope.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.partscope.support.TestPostgres;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting for real with credentials that come only from where libpq would find them. */
class ConnectionIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void createDatabase() {
        db = PG.newDatabase("conn_ok");
    }

    private ConnectionSettings resolve(Map<String, String> vars, String url) throws PartscopeException {
        return new ConnectionSettingsResolver(new Environment(vars, home)).resolve(url, null);
    }

    private static String[] whoAmI(Database d) throws PartscopeException {
        return d.readOnlySnapshot(new Cancellation(), c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user,"
                    + " current_database(), current_setting('application_name')")) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
            }
        });
    }

    /**
     * libpq ignores a password file the group or others may read, and so does the resolver; pgjdbc would read the
     * same file itself (PGPASSFILE of the process, the org.postgresql.pgpassfile property, or ~/.pgpass) and log in
     * with it. The test points the driver at the file through the property, as the process variable would.
     */
    @Test
    void aPgpassFileOthersMayReadIsIgnoredByTheDriverToo() throws IOException, PartscopeException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path pgpass = home.resolve("readable.pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + PG.port() + ":" + db + ":alice:" + TestPostgres.PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        String url = "postgresql://alice@127.0.0.1:" + PG.port() + "/" + db + "?sslmode=disable";
        String property = "org.postgresql.pgpassfile";
        String before = System.getProperty(property);
        System.setProperty(property, pgpass.toString());
        try {
            ConnectionSettings ignored = resolve(Map.of("PGPASSFILE", pgpass.toString()), url);
            assertNull(ignored.password());
            PartscopeException e = assertThrows(PartscopeException.class,
                    () -> Database.open(ignored, DatabaseOptions.DEFAULTS).close());
            assertEquals(ErrorKind.AUTHENTICATION_FAILED, e.kind());
            assertEquals("the server at 127.0.0.1:" + PG.port() + " asks for a password for user \"alice\", and none"
                    + " was given", e.getMessage());

            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            ConnectionSettings used = resolve(Map.of("PGPASSFILE", pgpass.toString()), url);
            assertEquals(TestPostgres.PASSWORD, used.password());
            try (Database d = Database.open(used, DatabaseOptions.DEFAULTS)) {
                assertEquals("alice", whoAmI(d)[0]);
            }
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void aliceConnectsWithThePasswordOnlyInAPgpassFileNamedByPgpassfile() throws IOException, PartscopeException {
        Path pgpass = home.resolve("elsewhere.pgpass");
        Files.writeString(pgpass, "# test\n127.0.0.1:" + PG.port() + ":" + db + ":alice:" + TestPostgres.PASSWORD
                + "\n");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        }
        String url = "postgresql://alice@127.0.0.1:" + PG.port() + "/" + db + "?sslmode=disable";

        // Without the variable there is no password, and the server refuses: the file is what makes it work.
        ConnectionSettings without = resolve(Map.of(), url);
        assertNull(without.password());
        assertEquals(ErrorKind.AUTHENTICATION_FAILED, assertThrows(PartscopeException.class,
                () -> Database.open(without, DatabaseOptions.DEFAULTS).close()).kind());

        ConnectionSettings s = resolve(Map.of("PGPASSFILE", pgpass.toString()), url);
        assertEquals(TestPostgres.PASSWORD, s.password());
        try (Database d = Database.open(s, DatabaseOptions.DEFAULTS)) {
            assertEquals("alice", d.server().user());
            assertFalse(d.server().superuser());
            String[] who = whoAmI(d);
            assertEquals("alice", who[0]);
            assertEquals(db, who[1]);
            assertEquals(ConnectionSettings.APPLICATION_NAME, who[2]);
        }
    }

    @Test
    void environmentVariablesAloneAreEnoughToConnect() throws PartscopeException {
        Map<String, String> vars = Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(PG.port()),
                "PGUSER", "alice", "PGDATABASE", db, "PGPASSWORD", TestPostgres.PASSWORD, "PGSSLMODE", "disable");
        ConnectionSettings s = resolve(vars, null);
        try (Database d = Database.open(s, DatabaseOptions.DEFAULTS)) {
            assertEquals(PG.versionNum(), d.server().versionNum());
            String[] who = whoAmI(d);
            assertEquals("alice", who[0]);
            assertEquals(db, who[1]);
        }
    }

    @Test
    void pgPortAndPgUserAloneReachTheDefaultHostWithTheDefaultDatabaseName() throws PartscopeException {
        // No PGHOST: libpq's default (a local socket) becomes localhost; PGUSER postgres names the database too.
        ConnectionSettings s = resolve(Map.of("PGPORT", Integer.toString(PG.port()), "PGUSER", "postgres"), null);
        assertEquals("localhost", s.host());
        try (Database d = Database.open(s, DatabaseOptions.DEFAULTS)) {
            assertEquals("postgres", d.server().database());
            assertEquals("postgres", d.server().user());
        }
    }

    @Test
    void jdbcUrlConnectsWithItsOwnParameters() throws PartscopeException {
        ConnectionSettings s = resolve(Map.of(), "jdbc:postgresql://127.0.0.1:" + PG.port() + "/" + db
                + "?user=alice&password=" + TestPostgres.PASSWORD + "&sslmode=disable&currentSchema=pg_catalog");
        try (Database d = Database.open(s, DatabaseOptions.DEFAULTS)) {
            String schema = d.readOnlySnapshot(null, c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("pg_catalog", schema, "pgjdbc extras reach the driver");
        }
    }
}
