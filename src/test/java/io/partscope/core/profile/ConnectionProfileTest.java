package io.partscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionProfileTest {
    @TempDir
    Path home;

    private Environment env(Map<String, String> vars) {
        return new Environment(vars, home);
    }

    private void writePgpass(String content) throws IOException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, content);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void importingAUriWithAPasswordKeepsThePasswordOutOfTheProfile() throws PartscopeException {
        ConnectionProfile.ImportedProfile imported = ConnectionProfile.fromUri(
                "postgresql://dba:p%40ss@db1.example.com:5433/billing?sslmode=require&options=-c%20search_path%3Dapp",
                env(Map.of("USER", "me")));

        ConnectionProfile p = imported.profile();
        assertEquals("db1.example.com", p.host());
        assertEquals(5433, p.port());
        assertEquals("billing", p.database());
        assertEquals("dba", p.user());
        assertEquals("require", p.sslMode());
        assertEquals("-c search_path=app", p.options());
        assertEquals("billing on db1.example.com", p.name());
        assertFalse(p.readOnly());
        assertNull(p.service());
        assertEquals("p@ss", imported.password());
        assertThat(p.toString()).doesNotContain("p@ss");
        assertThat(imported.toString()).doesNotContain("p@ss").contains("password=***");
    }

    @Test
    void importingAUriWithoutAPasswordReturnsNoneEvenWhenPgpassAndPgpasswordHaveOne() throws Exception {
        writePgpass("*:*:*:*:from-pgpass\n");

        ConnectionProfile.ImportedProfile imported = ConnectionProfile.fromUri("postgresql://dba@db1/billing",
                env(Map.of("USER", "me", "PGPASSWORD", "from-env", "PGPORT", "6000")));

        assertFalse(imported.hasPassword());
        assertNull(imported.password());
        assertEquals(5432, imported.profile().port(), "PG* variables are not copied into a profile");
        assertEquals("prefer", imported.profile().sslMode());
    }

    @Test
    void aUriWithoutUserOrDatabaseGetsLibpqDefaults() throws PartscopeException {
        ConnectionProfile p = ConnectionProfile.fromUri("postgresql://db1", env(Map.of("USER", "me"))).profile();

        assertEquals("me", p.user());
        assertEquals("me", p.database());
    }

    @Test
    void aMalformedUriIsBadInput() {
        PartscopeException e = assertThrows(PartscopeException.class,
                () -> ConnectionProfile.fromUri("postgresql://u:secret@h:notaport/db", env(Map.of())));

        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertThat(e.getMessage()).doesNotContain("secret");
    }

    @Test
    void aMultiHostUriIsRefusedWithAReason() {
        PartscopeException e = assertThrows(PartscopeException.class,
                () -> ConnectionProfile.fromUri("postgresql://h1:5432,h2:5433/db", env(Map.of("USER", "me"))));

        assertThat(e.getMessage()).contains("several");
    }

    @Test
    void importingAServiceFromTheUsersServiceFileRemembersItsName() throws Exception {
        Files.writeString(home.resolve(".pg_service.conf"), """
                # test
                [reporting]
                host = replica.example.com
                port = 5444
                dbname = reports
                user = analyst
                sslmode = verify-full
                password = from-service
                """);

        ConnectionProfile.ImportedProfile imported = ConnectionProfile.fromService("reporting", env(Map.of()));

        ConnectionProfile p = imported.profile();
        assertEquals("reporting", p.name());
        assertEquals("reporting", p.service());
        assertEquals("replica.example.com", p.host());
        assertEquals(5444, p.port());
        assertEquals("reports", p.database());
        assertEquals("analyst", p.user());
        assertEquals("verify-full", p.sslMode());
        assertEquals("from-service", imported.password());
    }

    @Test
    void importingAServiceFromPgservicefileAndAnUnknownServiceNamesTheFiles() throws Exception {
        Path file = home.resolve("elsewhere.conf");
        Files.writeString(file, "[a]\nhost=h\ndbname=d\nuser=u\n");
        Environment environment = env(Map.of("PGSERVICEFILE", file.toString()));

        assertEquals("h", ConnectionProfile.fromService("a", environment).profile().host());
        PartscopeException e = assertThrows(PartscopeException.class,
                () -> ConnectionProfile.fromService("b", environment));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertThat(e.getMessage()).contains(file.toString());
    }

    @Test
    void toSettingsTakesThePasswordFromPgpassWhenTheSessionHasNone() throws Exception {
        writePgpass("db1.example.com:5433:billing:dba:from-pgpass\n");
        ConnectionProfile p = ConnectionProfile.create("prod", "db1.example.com", 5433, "billing", "dba", "require",
                null, null, true, null);

        ConnectionSettings s = p.toSettings(env(Map.of()), null);

        assertEquals("from-pgpass", s.password());
        assertEquals("db1.example.com", s.host());
        assertEquals(5433, s.port());
        assertEquals("billing", s.database());
        assertEquals("dba", s.user());
        assertEquals("require", s.sslMode());
    }

    @Test
    void theSessionPasswordBeatsPgpass() throws Exception {
        writePgpass("*:*:*:*:from-pgpass\n");
        ConnectionProfile p = ConnectionProfile.create("x", "h", 5432, "d", "u", null, null, null, false, null);

        assertEquals("typed", p.toSettings(env(Map.of()), "typed").password());
    }

    @Test
    void withoutSessionPasswordOrPgpassThereIsNoPasswordAndPgVariablesDoNotRedirectTheProfile()
            throws PartscopeException {
        ConnectionProfile p = ConnectionProfile.create("x", "h", 5432, "d", "u", null, null, null, false, null);

        ConnectionSettings s = p.toSettings(env(Map.of("PGPASSWORD", "env-pw", "PGHOST", "elsewhere",
                "PGOPTIONS", "-c work_mem=1GB")), null);

        assertNull(s.password());
        assertEquals("h", s.host());
        assertNull(s.options());
    }

    @Test
    void pgpassfileIsHonoured() throws Exception {
        Path file = home.resolve("other.pgpass");
        Files.writeString(file, "h:5432:d:u:from-passfile\n");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        ConnectionProfile p = ConnectionProfile.create("x", "h", 5432, "d", "u", null, null, null, false, null);

        assertEquals("from-passfile", p.toSettings(env(Map.of("PGPASSFILE", file.toString())), null).password());
    }

    @Test
    void valuesWithQuotesSpacesAndBackslashesSurviveTheTripThroughTheResolver() throws PartscopeException {
        ConnectionProfile p = ConnectionProfile.create("x", "h", 5432, "my 'odd' \\db", "u s", null,
                "-c search_path='a b'", null, false, null);

        ConnectionSettings s = p.toSettings(env(Map.of()), null);

        assertEquals("my 'odd' \\db", s.database());
        assertEquals("u s", s.user());
        assertEquals("-c search_path='a b'", s.options());
    }

    @Test
    void theServiceStillSuppliesWhatTheProfileDoesNotHold() throws Exception {
        Files.writeString(home.resolve(".pg_service.conf"), "[svc]\nhost=h\nconnect_timeout=7\n");
        ConnectionProfile p = ConnectionProfile.create("x", "h2", 5432, "d", "u", null, null, null, false, "svc");

        ConnectionSettings s = p.toSettings(env(Map.of()), null);

        assertEquals("h2", s.host(), "the profile's own fields win");
        assertEquals("7", s.extra().get("connectTimeout"));
    }

    @ParameterizedTest
    @CsvSource({"#d9480f,true", "#D9480F,true", "d9480f,false", "#d948,false", "#gggggg,false", "red,false"})
    void coloursAreSixDigitHex(String text, boolean valid) {
        assertEquals(valid, ConnectionProfile.isColour(text));
    }

    @Test
    void anOutOfRangePortIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionProfile.create("x", "h", 0, "d", "u", null, null, null, false, null));
    }

    @Test
    void theDisplayUrlNeverHoldsAPassword() {
        ConnectionProfile p = ConnectionProfile.create("x", "h", 5432, "d", "u", "disable", null, null, true, null);

        assertEquals("postgresql://u@h:5432/d?sslmode=disable", p.displayUrl());
        assertTrue(p.readOnly());
    }
}
