package io.partscope.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceFileTest {
    @TempDir
    Path home;

    private final Map<String, String> vars = new HashMap<>();

    private Environment env() {
        return new Environment(vars, home);
    }

    private Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void readsTheNamedSectionOnly() throws IOException, PartscopeException {
        write(home.resolve(".pg_service.conf"), """
                # production
                [prod]
                host=db1
                port=5433

                [staging]
                host=db2
                dbname=stage
                """);
        assertEquals(Map.of("host", "db1", "port", "5433"), ServiceFile.lookup("prod", env()));
        assertEquals(Map.of("host", "db2", "dbname", "stage"), ServiceFile.lookup("staging", env()));
    }

    @Test
    void spacesAroundKeywordsAndValuesAreTrimmed() throws IOException, PartscopeException {
        write(home.resolve(".pg_service.conf"), "  [prod]  \n  host = db1  \noptions=-c search_path=app\n");
        assertEquals(Map.of("host", "db1", "options", "-c search_path=app"), ServiceFile.lookup("prod", env()));
    }

    @Test
    void pgservicefileReplacesTheHomeFile() throws IOException, PartscopeException {
        write(home.resolve(".pg_service.conf"), "[prod]\nhost=from-home\n");
        Path custom = write(home.resolve("conf/services.conf"), "[prod]\nhost=from-variable\n");
        vars.put("PGSERVICEFILE", custom.toString());
        assertEquals("from-variable", ServiceFile.lookup("prod", env()).get("host"));
    }

    @Test
    void userFileWinsOverSysconfdirAndSysconfdirServesTheRest() throws IOException, PartscopeException {
        write(home.resolve(".pg_service.conf"), "[prod]\nhost=user-prod\n");
        Path sys = home.resolve("etc");
        write(sys.resolve("pg_service.conf"), "[prod]\nhost=sys-prod\nport=1\n[dev]\nhost=sys-dev\n");
        vars.put("PGSYSCONFDIR", sys.toString());
        assertEquals(Map.of("host", "user-prod"), ServiceFile.lookup("prod", env()),
                "the first file that defines the service is used alone");
        assertEquals(Map.of("host", "sys-dev"), ServiceFile.lookup("dev", env()));
    }

    @Test
    void unknownServiceIsBadInputNamingEveryFileSearched() throws IOException {
        write(home.resolve(".pg_service.conf"), "[prod]\nhost=db1\n");
        vars.put("PGSYSCONFDIR", home.resolve("etc").toString());
        PartscopeException e = assertThrows(PartscopeException.class, () -> ServiceFile.lookup("prdo", env()));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("\"prdo\""), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve(".pg_service.conf").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve("etc").resolve("pg_service.conf").toString()),
                e.getMessage());
    }

    @Test
    void unknownKeywordIsASyntaxErrorWithFileAndLine() throws IOException {
        Path f = write(home.resolve(".pg_service.conf"), "[prod]\nhost=db1\nhots=db2\n");
        PartscopeException e = assertThrows(PartscopeException.class, () -> ServiceFile.lookup("prod", env()));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains(f + "\", line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("hots"), e.getMessage());
    }

    @Test
    void lineWithoutEqualsAndNestedServiceAreSyntaxErrors() throws IOException {
        write(home.resolve(".pg_service.conf"), "[a]\njust words\n[b]\nservice=a\n");
        PartscopeException noEquals = assertThrows(PartscopeException.class, () -> ServiceFile.lookup("a", env()));
        assertTrue(noEquals.getMessage().contains("line 2"), noEquals.getMessage());
        PartscopeException nested = assertThrows(PartscopeException.class, () -> ServiceFile.lookup("b", env()));
        assertTrue(nested.getMessage().contains("nested"), nested.getMessage());
    }

    @Test
    void errorsInOtherSectionsDoNotMatter() throws IOException, PartscopeException {
        Path f = write(home.resolve("x.conf"), "[broken]\nnot a setting\n[ok]\nhost=db1\n");
        assertEquals(Optional.of(Map.of("host", "db1")), ServiceFile.read(f, "ok"));
        assertEquals(Optional.empty(), ServiceFile.read(f, "absent"));
    }

    @Test
    void firstValueOfARepeatedKeywordIsKept() throws IOException, PartscopeException {
        write(home.resolve(".pg_service.conf"), "[prod]\nhost=first\nhost=second\n");
        assertEquals("first", ServiceFile.lookup("prod", env()).get("host"));
    }

    @Test
    void candidatesAreUserFileThenSysconfdir() {
        vars.put("PGSYSCONFDIR", "/etc/pg");
        assertEquals(List.of(home.resolve(".pg_service.conf"), Path.of("/etc/pg", "pg_service.conf")),
                ServiceFile.candidates(env()));
    }
}
