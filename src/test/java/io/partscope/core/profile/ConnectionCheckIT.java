package io.partscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.TestPostgres;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Test connection" against a real server: a superuser, the password user alice, and a monitoring role. */
class ConnectionCheckIT {
    private static final TestPostgres PG = TestPostgres.get();
    /** Its own role: role grants are cluster-wide, and other test classes rely on alice having none. */
    private static final String MONITOR_ROLE = "check_monitor";
    private static String db;

    private final ConnectionCheck check = new ConnectionCheck();

    @TempDir
    Path home;

    @BeforeAll
    static void createDatabaseAndRoles() {
        db = PG.newDatabase("conn_check");
        PG.exec("postgres",
                "DROP ROLE IF EXISTS " + MONITOR_ROLE,
                "CREATE ROLE " + MONITOR_ROLE + " LOGIN",
                "GRANT pg_monitor TO " + MONITOR_ROLE);
    }

    private static boolean pgstattupleAvailable() throws SQLException {
        try (Connection c = PG.superuserConnection(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pgstattuple')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void aSuperuserMayDoEverythingAndTheVersionIsTheServers() throws PartscopeException {
        PrivilegeReport r = check.check(PG.superuserSettings(db), new Cancellation());

        assertEquals(PG.versionNum(), r.versionNum());
        assertThat(r.version()).startsWith(Integer.toString(PG.major()));
        assertEquals("postgres", r.user());
        assertEquals(db, r.database());
        assertTrue(r.superuser());
        assertTrue(r.readsPgStatistic());
        assertTrue(r.readAllStats());
        assertTrue(r.monitor());
        assertTrue(r.createInDatabase());
        assertTrue(r.supported());
        assertFalse(r.inRecovery());
        assertThat(r.summary()).first().asString().startsWith("PostgreSQL " + PG.major());
        assertThat(r.summary()).contains("Connected as \"postgres\" to database \"" + db + "\", a superuser");
    }

    @Test
    void alicePasswordUserIsNoSuperuserCannotReadPgStatisticButMayCreateInHerDatabase() throws PartscopeException {
        PrivilegeReport r = check.check(PG.passwordUserSettings(db), new Cancellation());

        assertEquals(TestPostgres.PASSWORD_USER, r.user());
        assertFalse(r.superuser());
        assertFalse(r.readsPgStatistic());
        assertFalse(r.readAllStats());
        assertFalse(r.monitor());
        assertTrue(r.createInDatabase(), "newDatabase grants ALL on the database to alice");
        assertThat(r.summary()).contains("Connected as \"alice\" to database \"" + db + "\", not a superuser",
                "Not a member of pg_monitor");
    }

    @Test
    void aPgMonitorMemberReadsAllStatsButHasNoCreate() throws PartscopeException {
        ConnectionSettings s = new ConnectionSettings("127.0.0.1", PG.port(), db, MONITOR_ROLE, null, "disable", null,
                Map.of());

        PrivilegeReport r = check.check(s, null);

        assertFalse(r.superuser());
        assertTrue(r.monitor());
        assertTrue(r.readAllStats(), "pg_monitor includes pg_read_all_stats");
        assertFalse(r.createInDatabase());
        assertThat(r.summary()).contains("No CREATE on database \"" + db + "\"");
    }

    @Test
    void pgstattupleIsReportedOnceInstalled() throws Exception {
        String other = PG.newDatabase("conn_check_ext");
        ConnectionSettings s = PG.superuserSettings(other);
        PrivilegeReport before = check.check(s, null);
        assertNull(before.pgstattupleVersion());
        assertEquals(pgstattupleAvailable(), before.pgstattupleAvailable());
        if (!before.pgstattupleAvailable()) {
            return; // binaries without contrib: "available" = false was the thing to check
        }

        PG.exec(other, "CREATE EXTENSION pgstattuple");

        PrivilegeReport after = check.check(s, null);
        assertTrue(after.pgstattupleInstalled());
        assertThat(after.summary()).anyMatch(line -> line.startsWith("pgstattuple " + after.pgstattupleVersion()
                + " is installed"));
    }

    @Test
    void aWrongPasswordFailsAsAConnectWould() {
        ConnectionSettings wrong = PG.passwordUserSettings(db).withPassword("not-it");

        PartscopeException e = assertThrows(PartscopeException.class, () -> check.check(wrong, null));

        assertEquals(ErrorKind.AUTHENTICATION_FAILED, e.kind());
        assertThat(e.getMessage()).doesNotContain("not-it");
    }

    @Test
    void aSavedProfileConnectsWithItsPasswordFromPgpass() throws IOException, PartscopeException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + PG.port() + ":" + db + ":alice:" + TestPostgres.PASSWORD + "\n");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        }
        ConnectionProfile profile = ConnectionProfile.create("test", "127.0.0.1", PG.port(), db, "alice", "disable",
                null, null, true, null);

        PrivilegeReport r = check.check(profile.toSettings(new Environment(Map.of(), home), null), null);

        assertEquals("alice", r.user());
    }
}
