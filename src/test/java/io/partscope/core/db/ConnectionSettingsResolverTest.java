package io.partscope.core.db;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionSettingsResolverTest {
    private static final String SECRET = "s3cret-pw";

    @TempDir
    Path home;

    private final Map<String, String> vars = new HashMap<>(Map.of("USER", "osuser"));

    private ConnectionSettings resolve(String url) throws PartscopeException {
        return resolve(url, null);
    }

    private ConnectionSettings resolve(String url, String service) throws PartscopeException {
        return new ConnectionSettingsResolver(new Environment(vars, home)).resolve(url, service);
    }

    private PartscopeException badInput(String url) {
        PartscopeException e = assertThrows(PartscopeException.class, () -> resolve(url));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertEquals(2, e.kind().exitCode());
        assertFalse(e.getMessage().contains(SECRET), () -> "password leaked: " + e.getMessage());
        return e;
    }

    private Path privateFile(String name, String content) throws IOException {
        Path f = home.resolve(name);
        Files.writeString(f, content);
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: libpq does not check permissions there, nor do we
        }
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # url                                                        | host          | port | db      | user   | password | sslmode
            postgresql://bob:pw@db1:5433/sales?sslmode=require           | db1           | 5433 | sales   | bob    | pw       | require
            postgres://bob@db1/sales                                     | db1           | 5432 | sales   | bob    | NULL     | prefer
            postgresql://                                                | localhost     | 5432 | osuser  | osuser | NULL     | prefer
            postgresql:///sales                                          | localhost     | 5432 | sales   | osuser | NULL     | prefer
            postgresql://db1                                             | db1           | 5432 | osuser  | osuser | NULL     | prefer
            postgresql://:5444/x                                         | localhost     | 5444 | x       | osuser | NULL     | prefer
            postgresql://b%40b:p%3Aw%2Fx%25@db1/my%20db                  | db1           | 5432 | my db   | b@b    | p:w/x%   | prefer
            postgresql://a+b:c+d@db1/e+f                                 | db1           | 5432 | e+f     | a+b    | c+d      | prefer
            postgresql://[::1]:5433/x                                    | ::1           | 5433 | x       | osuser | NULL     | prefer
            postgresql://[2001:db8::7]/x                                 | 2001:db8::7   | 5432 | x       | osuser | NULL     | prefer
            postgresql://%2Fvar%2Frun%2Fpostgresql/x                     | /var/run/postgresql | 5432 | x | osuser | NULL     | prefer
            postgresql://db1/x?user=carol&password=pw&port=6000          | db1           | 6000 | x       | carol  | pw       | prefer
            postgresql:///x?host=db2&dbname=y                            | db2           | 5432 | y       | osuser | NULL     | prefer
            postgresql://db1/x?ssl=true                                  | db1           | 5432 | x       | osuser | NULL     | require
            postgresql://db1/x?application_name=foo&sslmode=disable      | db1           | 5432 | x       | osuser | NULL     | disable
            jdbc:postgresql://db1:5433/sales?user=bob&password=pw&sslmode=verify-full | db1 | 5433 | sales | bob | pw     | verify-full
            jdbc:postgresql://db1/sales                                  | db1           | 5432 | sales   | osuser | NULL     | prefer
            jdbc:postgresql:sales                                        | localhost     | 5432 | sales   | osuser | NULL     | prefer
            jdbc:postgresql://[::1]:5433/x?ssl=true                      | ::1           | 5433 | x       | osuser | NULL     | verify-full
            jdbc:postgresql://db1/x?password=a+b%26c                     | db1           | 5432 | x       | osuser | a b&c    | prefer
            host=db1 port=5433 dbname=sales user=bob password=pw         | db1           | 5433 | sales   | bob    | pw       | prefer
            host = db1  dbname = 'my db'  password='it\\'s \\\\ ok'      | db1           | 5432 | my db   | osuser | it's \\ ok | prefer
            dbname=x password=a\\ b                                      | localhost     | 5432 | x       | osuser | a b      | prefer
            """)
    void urlFormsResolveLikeLibpq(String url, String host, int port, String db, String user, String password,
            String sslMode) throws PartscopeException {
        ConnectionSettings s = resolve(url);
        assertAll(() -> assertEquals(host, s.host(), "host"), () -> assertEquals(port, s.port(), "port"),
                () -> assertEquals(db, s.database(), "database"), () -> assertEquals(user, s.user(), "user"),
                () -> assertEquals(password, s.password(), "password"),
                () -> assertEquals(sslMode, s.sslMode(), "sslmode"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgresql://h1,h2:5433/db             | h1:5432,h2:5433           | jdbc:postgresql://h1:5432,h2:5433/db
            postgresql://h1,h2/db?port=6000        | h1:6000,h2:6000           | jdbc:postgresql://h1:6000,h2:6000/db
            postgresql://[::1]:5433,h2/db          | [::1]:5433,h2:5432        | jdbc:postgresql://[::1]:5433,h2:5432/db
            host=h1,h2 port=5433,5434 dbname=db    | h1:5433,h2:5434           | jdbc:postgresql://h1:5433,h2:5434/db
            jdbc:postgresql://h1:5433,h2:5434/db   | h1:5433,h2:5434           | jdbc:postgresql://h1:5433,h2:5434/db
            """)
    void multipleHostsBecomePgjdbcMultiHostUrl(String url, String host, String jdbcUrl) throws PartscopeException {
        ConnectionSettings s = resolve(url);
        assertEquals(host, s.host());
        assertTrue(s.isMultiHost());
        assertEquals(jdbcUrl, s.jdbcUrl());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgresql://db1/x?sslmdoe=require                       | invalid URI query parameter "sslmdoe"
            postgresql://db1/x?sslmode                               | lacks "=value"
            postgresql://db1/x?sslmode=a=b                           | second "="
            postgresql://[::1/x                                      | closing "]"
            postgresql://[]/x                                        | empty
            postgresql://[::1]x/db                                   | unexpected "x"
            postgresql://db1:abc/x                                   | invalid port number "abc"
            postgresql://db1:70000/x                                 | invalid port number "70000"
            postgresql://u:s3cret-pw%zz@db1/x                        | percent-encoding in the password
            postgresql://u:s3cret-pw%00@db1/x                        | %00
            postgresql://db1/x?sslmode=requir                        | invalid sslmode value "requir"
            postgresql://h1,h2,h3/x?port=1,2                         | could not match 2 port numbers to 3 hosts
            postgresql://db1/x?connect_timeout=soon                  | invalid connect_timeout
            host=db1 password=s3cret-pw extra                        | missing "=" after a word
            host=db1 password='s3cret-pw                             | unterminated quoted value for "password"
            host=db1 pasword=s3cret-pw                               | invalid connection option "pasword"
            jdbc:postgresql://bob:s3cret-pw@db1/x                    | takes the user and password as parameters
            postgresq://db1/x                                        | not a connection URL
            mydb                                                     | not a connection URL
            """)
    void malformedUrlIsBadInputWithoutThePassword(String url, String expectedWords) {
        PartscopeException e = badInput(url);
        assertTrue(e.getMessage().contains(expectedWords), () -> "message was: " + e.getMessage());
    }

    @Test
    void jdbcUrlKeepsOtherPgjdbcPropertiesAsExtras() throws PartscopeException {
        ConnectionSettings s = resolve("jdbc:postgresql://db1/x?currentSchema=app&ApplicationName=other"
                + "&targetServerType=primary&options=-c%20work_mem%3D64MB");
        assertEquals(Map.of("currentSchema", "app", "targetServerType", "primary"), s.extra());
        assertEquals("-c work_mem=64MB", s.options());
        assertEquals(ConnectionSettings.APPLICATION_NAME, s.jdbcProperties().get("ApplicationName"));
    }

    @Test
    void libpqOnlyKeywordsMapToPgjdbcProperties() throws PartscopeException {
        ConnectionSettings s = resolve("postgresql://h1,h2/x?target_session_attrs=read-write&connect_timeout=7"
                + "&sslrootcert=/etc/ca.pem&keepalives=1");
        assertEquals(Map.of("targetServerType", "primary", "connectTimeout", "7", "sslrootcert", "/etc/ca.pem"),
                s.extra());
    }

    @Test
    void environmentFillsWhatTheUrlLeavesOut() throws PartscopeException {
        vars.putAll(Map.of("PGHOST", "envhost", "PGPORT", "6543", "PGUSER", "envuser", "PGDATABASE", "envdb",
                "PGPASSWORD", "envpw", "PGSSLMODE", "require", "PGOPTIONS", "-c search_path=app",
                "PGCONNECT_TIMEOUT", "3"));
        ConnectionSettings fromEnv = resolve(null);
        assertAll(() -> assertEquals("envhost", fromEnv.host()), () -> assertEquals(6543, fromEnv.port()),
                () -> assertEquals("envuser", fromEnv.user()), () -> assertEquals("envdb", fromEnv.database()),
                () -> assertEquals("envpw", fromEnv.password()), () -> assertEquals("require", fromEnv.sslMode()),
                () -> assertEquals("-c search_path=app", fromEnv.options()),
                () -> assertEquals("3", fromEnv.extra().get("connectTimeout")));

        ConnectionSettings urlWins = resolve("postgresql://bob:pw@db1:5433/sales?sslmode=disable");
        assertAll(() -> assertEquals("db1", urlWins.host()), () -> assertEquals(5433, urlWins.port()),
                () -> assertEquals("bob", urlWins.user()), () -> assertEquals("sales", urlWins.database()),
                () -> assertEquals("pw", urlWins.password()), () -> assertEquals("disable", urlWins.sslMode()));
    }

    @Test
    void defaultsAreLocalhost5432TheOsUserAndADatabaseNamedAfterTheUser() throws PartscopeException {
        ConnectionSettings s = resolve(null);
        assertAll(() -> assertEquals("localhost", s.host()), () -> assertEquals(5432, s.port()),
                () -> assertEquals("osuser", s.user()), () -> assertEquals("osuser", s.database()),
                () -> assertEquals("prefer", s.sslMode()), () -> assertNull(s.password()));
        vars.put("PGUSER", "bob");
        assertEquals("bob", resolve(null).database(), "dbname defaults to the resolved user, as in libpq");
    }

    @Test
    void osUserComesFromTheUserNamePropertyWhenUserIsUnset() throws PartscopeException {
        vars.remove("USER");
        assertEquals(System.getProperty("user.name"), resolve(null).user());
    }

    @Test
    void serviceEntrySitsBetweenTheUrlAndTheEnvironment() throws IOException, PartscopeException {
        privateFile(".pg_service.conf", "[prod]\nhost=svchost\nport=7000\ndbname=svcdb\nuser=svcuser\n");
        vars.put("PGHOST", "envhost");
        vars.put("PGDATABASE", "envdb");
        ConnectionSettings s = resolve("postgresql:///urldb", "prod");
        assertAll(() -> assertEquals("svchost", s.host(), "service beats PGHOST"),
                () -> assertEquals(7000, s.port()),
                () -> assertEquals("urldb", s.database(), "URL beats service"),
                () -> assertEquals("svcuser", s.user()));
    }

    @Test
    void serviceCanBeNamedInTheUrlOrByPgservice() throws IOException, PartscopeException {
        privateFile(".pg_service.conf", "[a]\nhost=ahost\n[b]\nhost=bhost\n");
        assertEquals("ahost", resolve("postgresql:///x?service=a").host());
        assertEquals("bhost", resolve("service=b dbname=x").host());
        vars.put("PGSERVICE", "b");
        assertEquals("bhost", resolve(null).host());
        assertEquals("ahost", resolve(null, "a").host(), "--service beats PGSERVICE");
    }

    @Test
    void conflictingServiceNamesAreRefused() throws IOException {
        privateFile(".pg_service.conf", "[a]\nhost=ahost\n[b]\nhost=bhost\n");
        PartscopeException e = assertThrows(PartscopeException.class,
                () -> resolve("postgresql:///x?service=a", "b"));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
    }

    @Test
    void unknownServiceNamesTheFilesSearched() throws IOException {
        Path sys = Files.createDirectory(home.resolve("etc"));
        vars.put("PGSYSCONFDIR", sys.toString());
        PartscopeException e = assertThrows(PartscopeException.class, () -> resolve(null, "nope"));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("\"nope\""), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve(".pg_service.conf").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(sys.resolve("pg_service.conf").toString()), e.getMessage());
    }

    @Test
    void passwordFromPgpassIsUsedWhenUrlHasNone() throws IOException, PartscopeException {
        privateFile(".pgpass", "db1:5433:sales:bob:frompgpass\n");
        assertEquals("frompgpass", resolve("postgresql://bob@db1:5433/sales").password());
    }

    @Test
    void passwordInUrlOrPgpasswordBeatsPgpass() throws IOException, PartscopeException {
        privateFile(".pgpass", "*:*:*:*:frompgpass\n");
        assertEquals("fromurl", resolve("postgresql://bob:fromurl@db1/sales").password());
        vars.put("PGPASSWORD", "fromenv");
        assertEquals("fromenv", resolve("postgresql://bob@db1/sales").password());
    }

    @Test
    void pgpassfileVariableAndPassfileKeywordChooseTheFile() throws IOException, PartscopeException {
        Path a = privateFile("a.pgpass", "*:*:*:*:from-a\n");
        Path b = privateFile("b.pgpass", "*:*:*:*:from-b\n");
        vars.put("PGPASSFILE", a.toString());
        assertEquals("from-a", resolve("postgresql://db1/x").password());
        assertEquals("from-b", resolve("postgresql://db1/x?passfile=" + b).password());
    }

    @Test
    void pgpassLookupUsesTheResolvedDefaults() throws IOException, PartscopeException {
        // No URL at all: host localhost, port 5432, user and database "osuser", as libpq looks them up.
        privateFile(".pgpass", "localhost:5432:osuser:osuser:defaults-pw\n");
        assertEquals("defaults-pw", resolve(null).password());
    }

    @Test
    void unixSocketHostMatchesLocalhostInPgpass() throws IOException, PartscopeException {
        privateFile(".pgpass", "localhost:5432:*:bob:socket-pw\n");
        vars.put("PGHOST", "/var/run/postgresql");
        ConnectionSettings s = resolve("postgresql://bob@/x");
        assertTrue(s.isUnixSocket());
        assertEquals("socket-pw", s.password());
        assertEquals("jdbc:postgresql://localhost:5432/x", s.jdbcUrl(), "pgjdbc reaches the socket host via TCP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://bob:s3cret-pw@db1/x", "jdbc:postgresql://db1/x?user=bob&password=s3cret-pw",
            "host=db1 dbname=x user=bob password=s3cret-pw"})
    void passwordNeverShowsInDisplayUrlOrToString(String url) throws PartscopeException {
        ConnectionSettings s = resolve(url);
        assertEquals(SECRET, s.password());
        assertFalse(s.displayUrl().contains(SECRET));
        assertFalse(s.toString().contains(SECRET));
        assertFalse(s.jdbcUrl().contains(SECRET));
    }

    @Test
    void ipv6HostIsBracketedInJdbcAndDisplayUrls() throws PartscopeException {
        ConnectionSettings s = resolve("postgresql://bob@[::1]:5433/x");
        assertEquals("jdbc:postgresql://[::1]:5433/x", s.jdbcUrl());
        assertEquals("postgresql://bob@[::1]:5433/x?sslmode=prefer", s.displayUrl());
    }
}
