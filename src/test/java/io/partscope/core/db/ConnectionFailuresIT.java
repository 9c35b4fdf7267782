package io.partscope.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way connecting or reading can fail, against the real server: the kind (and so the exit code), a message
 * that says what to check, and never the password, in the exception chain or on stderr (where slf4j-simple and
 * HikariCP log).
 */
class ConnectionFailuresIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final DatabaseOptions FAST = DatabaseOptions.DEFAULTS.withStatementTimeout(Duration.ofSeconds(60));
    private static String db;

    @TempDir
    Path home;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeAll
    static void createDatabase() {
        db = PG.newDatabase("conn_failures");
        PG.exec(db, "CREATE TABLE secret_table (id int)", "INSERT INTO secret_table VALUES (1)",
                "CREATE TABLE open_table (id int)", "GRANT SELECT ON open_table TO " + TestPostgres.PASSWORD_USER);
    }

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, stderr), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    /** Settings through the real resolver, with no PG* variables and an empty home (no stray .pgpass). */
    private ConnectionSettings settings(String url) throws PartscopeException {
        return new ConnectionSettingsResolver(new Environment(Map.of("USER", "nobody"), home)).resolve(url, null);
    }

    private String aliceUrl(String password, String database, String query) {
        return "postgresql://" + TestPostgres.PASSWORD_USER + ":" + password + "@127.0.0.1:" + PG.port() + "/"
                + database + "?" + query;
    }

    private PartscopeException openFails(ConnectionSettings settings, ErrorKind kind) {
        PartscopeException e = assertThrows(PartscopeException.class, () -> {
            try (Database ignored = Database.open(settings, FAST.withLockTimeout(Duration.ofSeconds(5)))) {
                // opened: the assertion fails
            }
        });
        return expect(e, kind);
    }

    private PartscopeException expect(PartscopeException e, ErrorKind kind) {
        assertEquals(kind, e.kind(), () -> "message: " + e.getMessage());
        assertNoPassword(e);
        return e;
    }

    private void assertNoPassword(PartscopeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String everything = e.getMessage() + "\n" + e.detail() + "\n" + e.hint() + "\n" + trace + "\n"
                + stderr.toString(StandardCharsets.UTF_8);
        for (String secret : new String[] {TestPostgres.PASSWORD, "wrong-pw-123"}) {
            assertFalse(everything.contains(secret), () -> "password \"" + secret + "\" leaked in: " + everything);
        }
    }

    private static void assertWords(String message, String... words) {
        for (String w : words) {
            assertTrue(message.contains(w), () -> "expected \"" + w + "\" in: " + message);
        }
    }

    @Test
    void refusedConnectionOnAnUnusedPortIsHostUnreachable() throws IOException, PartscopeException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PartscopeException e = openFails(settings("postgresql://alice:" + TestPostgres.PASSWORD + "@127.0.0.1:" + port
                + "/" + db + "?sslmode=disable"), ErrorKind.HOST_UNREACHABLE);
        assertEquals(3, e.kind().exitCode());
        assertWords(e.getMessage(), "could not connect", "127.0.0.1:" + port, "connection refused");
        assertWords(e.hint(), "server is running", "host and port");
    }

    @Test
    void unknownHostNameIsHostUnreachable() throws PartscopeException {
        PartscopeException e = openFails(settings("postgresql://alice:" + TestPostgres.PASSWORD
                + "@no-such-host.invalid:5432/" + db + "?sslmode=disable&connect_timeout=3"),
                ErrorKind.HOST_UNREACHABLE);
        assertEquals(3, e.kind().exitCode());
        assertWords(e.getMessage(), "unknown host", "no-such-host.invalid");
        assertWords(e.hint(), "host name");
    }

    @Test
    void wrongPasswordIsAuthenticationFailed() throws PartscopeException {
        PartscopeException e = openFails(settings(aliceUrl("wrong-pw-123", db, "sslmode=disable")),
                ErrorKind.AUTHENTICATION_FAILED);
        assertEquals(4, e.kind().exitCode());
        assertEquals("28P01", e.sqlState());
        assertWords(e.getMessage(), "password authentication failed", "\"alice\"", "127.0.0.1:" + PG.port());
        assertWords(e.hint(), "password");
    }

    @Test
    void missingPasswordIsAuthenticationFailedAndSaysWhereToPutOne() throws PartscopeException {
        ConnectionSettings s = settings("postgresql://alice@127.0.0.1:" + PG.port() + "/" + db + "?sslmode=disable");
        PartscopeException e = openFails(s, ErrorKind.AUTHENTICATION_FAILED);
        assertWords(e.getMessage(), "asks for a password", "\"alice\"");
        assertWords(e.hint(), "PGPASSWORD", ".pgpass");
    }

    @Test
    void missingDatabaseIsDatabaseNotFound() throws PartscopeException {
        PartscopeException e = openFails(settings(aliceUrl(TestPostgres.PASSWORD, "no_such_db", "sslmode=disable")),
                ErrorKind.DATABASE_NOT_FOUND);
        assertEquals(5, e.kind().exitCode());
        assertEquals("3D000", e.sqlState());
        assertWords(e.getMessage(), "\"no_such_db\"", "does not exist");
    }

    @Test
    void sslmodeRequireAgainstAServerWithoutSslIsSslRequired() throws PartscopeException {
        PartscopeException e = openFails(settings(aliceUrl(TestPostgres.PASSWORD, db, "sslmode=require")),
                ErrorKind.SSL_REQUIRED);
        assertEquals(6, e.kind().exitCode());
        assertWords(e.getMessage(), "sslmode=require", "does not support SSL");
        assertWords(e.hint(), "sslmode=prefer");
    }

    @Test
    void statementTimeoutIsQueryCancelled() throws PartscopeException {
        ConnectionSettings s = settings(aliceUrl(TestPostgres.PASSWORD, db, "sslmode=disable"));
        try (Database d = Database.open(s, FAST.withStatementTimeout(Duration.ofMillis(200)))) {
            PartscopeException e = assertThrows(PartscopeException.class,
                    () -> d.readOnlySnapshot(new Cancellation(), c -> sleep(c, 10)));
            expect(e, ErrorKind.QUERY_CANCELLED);
            assertEquals(9, e.kind().exitCode());
            assertEquals("57014", e.sqlState());
            assertWords(e.getMessage(), "statement_timeout");
            assertWords(e.hint(), "statement-timeout");
        }
    }

    @Test
    void cancelFromAnotherThreadStopsARunningSnapshotQuery() throws Exception {
        ConnectionSettings s = settings(aliceUrl(TestPostgres.PASSWORD, db, "sslmode=disable"));
        try (Database d = Database.open(s, FAST)) {
            Cancellation cancellation = new Cancellation();
            long start = System.nanoTime();
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return d.readOnlySnapshot(cancellation, c -> sleep(c, 30));
                } catch (PartscopeException e) {
                    return e;
                }
            });
            awaitSleeping();
            cancellation.cancel();
            Object outcome = running.get(20, TimeUnit.SECONDS);
            assertTrue(outcome instanceof PartscopeException, () -> "the query was not stopped: " + outcome);
            PartscopeException e = expect((PartscopeException) outcome, ErrorKind.QUERY_CANCELLED);
            assertEquals(9, e.kind().exitCode());
            assertWords(e.getMessage(), "cancelled by the user");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "cancel took effect late");
            // The pooled connection is usable again afterwards.
            assertEquals(1, (int) d.readOnlySnapshot(new Cancellation(), c -> one(c)));
        }
    }

    @Test
    void tableWithoutGrantIsPermissionDenied() throws PartscopeException {
        ConnectionSettings s = settings(aliceUrl(TestPostgres.PASSWORD, db, "sslmode=disable"));
        try (Database d = Database.open(s, FAST)) {
            assertEquals(1, (int) d.readOnlySnapshot(null, c -> count(c, "SELECT count(*) FROM open_table") + 1));
            PartscopeException e = assertThrows(PartscopeException.class,
                    () -> d.readOnlySnapshot(null, c -> count(c, "SELECT count(*) FROM secret_table")));
            expect(e, ErrorKind.PERMISSION_DENIED);
            assertEquals(7, e.kind().exitCode());
            assertEquals("42501", e.sqlState());
            assertWords(e.getMessage(), "permission denied", "secret_table", "\"alice\"");
            assertWords(e.hint(), "GRANT");
        }
    }

    @Test
    void revokedCatalogTableIsPermissionDenied() throws PartscopeException {
        String throwaway = PG.newDatabase("conn_revoked_catalog");
        PG.exec(throwaway, "REVOKE SELECT ON pg_catalog.pg_inherits FROM PUBLIC");
        ConnectionSettings s = settings(aliceUrl(TestPostgres.PASSWORD, throwaway, "sslmode=disable"));
        try (Database d = Database.open(s, FAST)) {
            PartscopeException e = assertThrows(PartscopeException.class,
                    () -> d.readOnlySnapshot(null, c -> count(c, "SELECT count(*) FROM pg_catalog.pg_inherits")));
            expect(e, ErrorKind.PERMISSION_DENIED);
            assertEquals(7, e.kind().exitCode());
            assertWords(e.getMessage(), "permission denied", "pg_inherits");
        }
    }

    /** Waits until the server shows our pg_sleep running, so the cancel cannot arrive before it. */
    private static void awaitSleeping() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try (Connection c = PG.superuserConnection("postgres"); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE 'SELECT pg_sleep(30)%' AND usename = 'alice'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("pg_sleep never started");
    }

    private static Integer sleep(Connection c, int seconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(" + seconds + ")");
        }
        return 0;
    }

    private static Integer one(Connection c) throws SQLException {
        return count(c, "SELECT 1");
    }

    private static Integer count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Writes to the real stderr and keeps a copy for the assertions. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
