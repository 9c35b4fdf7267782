package io.partscope.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgPassFileTest {
    @TempDir
    Path dir;

    private PgPassFile file(String content) throws IOException {
        Path f = dir.resolve("pgpass");
        Files.writeString(f, content);
        if (isPosix()) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
        return new PgPassFile(f);
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @ParameterizedTest(name = "{0} for {1}:{2}:{3}:{4}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            db1:5432:sales:bob:pw                       | db1       | 5432 | sales | bob   | pw
            db1:5432:sales:bob:pw                       | db2       | 5432 | sales | bob   | NONE
            db1:5432:sales:bob:pw                       | db1       | 5433 | sales | bob   | NONE
            db1:5432:sales:bob:pw                       | db1       | 5432 | other | bob   | NONE
            db1:5432:sales:bob:pw                       | db1       | 5432 | sales | carol | NONE
            *:*:*:*:any                                 | h         | 1    | d     | u     | any
            *:5433:*:bob:p5433                          | h         | 5433 | d     | bob   | p5433
            db1:5432:sales:bob:p\\:w\\\\x               | db1       | 5432 | sales | bob   | p:w\\x
            db1:5432:sales:bob:pw:ignored-after-colon   | db1       | 5432 | sales | bob   | pw
            db1:5432:sal\\:es:bob:pw                    | db1       | 5432 | sal:es | bob  | pw
            db1:5432:\\*:bob:literal-star               | db1       | 5432 | any   | bob   | NONE
            db1:5432:\\*:bob:literal-star               | db1       | 5432 | *     | bob   | literal-star
            db1:5432:sales:bob:                         | db1       | 5432 | sales | bob   | ''
            db1:5432:sales:bob                          | db1       | 5432 | sales | bob   | NONE
            DB1:5432:sales:bob:pw                       | db1       | 5432 | sales | bob   | NONE
            """)
    void linesMatchAsLibpqMatchesThem(String line, String host, int port, String db, String user, String expected)
            throws IOException {
        assertEquals(Optional.ofNullable(expected), file(line + "\n").find(host, port, db, user));
    }

    @Test
    void firstMatchingLineWins() throws IOException {
        PgPassFile f = file("db1:5432:sales:bob:first\n*:*:*:*:second\ndb1:5432:sales:bob:third\n");
        assertEquals(Optional.of("first"), f.find("db1", 5432, "sales", "bob"));
        assertEquals(Optional.of("second"), f.find("db9", 5432, "sales", "bob"));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        PgPassFile f = file("# *:*:*:*:commented\n\n   \ndb1:5432:sales:bob:real\r\n");
        assertEquals(Optional.of("real"), f.find("db1", 5432, "sales", "bob"));
        assertEquals(Optional.empty(), f.find("x", 1, "y", "z"));
    }

    @Test
    void unixSocketDirectoryMatchesLocalhostLines() throws IOException {
        PgPassFile f = file("localhost:5432:*:bob:socket\n");
        assertEquals(Optional.of("socket"), f.find("/var/run/postgresql", 5432, "x", "bob"));
        assertEquals(Optional.of("socket"), f.find("localhost", 5432, "x", "bob"));
        assertEquals(Optional.empty(), f.find("127.0.0.1", 5432, "x", "bob"), "libpq does not resolve names");
    }

    @Test
    void groupOrWorldReadableFileIsIgnored() throws IOException {
        Assumptions.assumeTrue(isPosix(), "permissions are only checked on POSIX file systems");
        Path f = dir.resolve("open.pgpass");
        Files.writeString(f, "*:*:*:*:pw\n");
        PgPassFile file = new PgPassFile(f);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.empty(), file.find("h", 1, "d", "u"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw----r--"));
        assertEquals(Optional.empty(), file.find("h", 1, "d", "u"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        assertEquals(Optional.of("pw"), file.find("h", 1, "d", "u"));
    }

    @Test
    void missingFileOrDirectoryGivesNoPassword() throws IOException {
        assertEquals(Optional.empty(), new PgPassFile(dir.resolve("absent")).find("h", 1, "d", "u"));
        assertEquals(Optional.empty(), new PgPassFile(Files.createDirectory(dir.resolve("d"))).find("h", 1, "d", "u"));
    }

    @Test
    void locatePrefersPassfileThenPgpassfileThenHome() {
        Environment env = new Environment(Map.of("PGPASSFILE", "/env/pgpass"), dir);
        assertEquals(Path.of("/kw/pgpass"), PgPassFile.locate("/kw/pgpass", env).orElseThrow().path());
        assertEquals(Path.of("/env/pgpass"), PgPassFile.locate(null, env).orElseThrow().path());
        Environment noVar = new Environment(Map.of(), dir);
        assertEquals(dir.resolve(".pgpass"), PgPassFile.locate(null, noVar).orElseThrow().path());
        assertTrue(PgPassFile.locate(null, new Environment(Map.of(), null)).isEmpty());
    }
}
