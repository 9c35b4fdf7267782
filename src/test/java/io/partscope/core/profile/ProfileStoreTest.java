package io.partscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path folder;

    private static ConnectionProfile production() {
        return ConnectionProfile.create("Billing (prod)", "db1.example.com", 5433, "billing", "dba", "verify-full",
                "-c search_path=app", "#D9480F", true, null);
    }

    private static ConnectionProfile local() {
        return ConnectionProfile.create("local", "localhost", 5432, "app", "me", null, null, null, false, "dev");
    }

    @Test
    void profilesSurviveASaveAndALoadUnchanged() throws PartscopeException {
        ProfileStore store = new ProfileStore(folder);
        List<ConnectionProfile> profiles = List.of(production(), local());

        store.save(profiles);

        assertEquals(profiles, new ProfileStore(folder).load());
        assertEquals("#d9480f", profiles.get(0).colour(), "colours are kept in one spelling");
    }

    @Test
    void aMissingFileMeansNoProfiles() throws PartscopeException {
        assertEquals(List.of(), new ProfileStore(folder.resolve("not-yet")).load());
    }

    @Test
    void theFileHoldsNoPasswordEvenWhenTheImportedUrlHadOne() throws PartscopeException, IOException {
        ConnectionProfile.ImportedProfile imported = ConnectionProfile.fromUri(
                "postgresql://dba:Hunter2-secret@db1.example.com:5433/billing?sslmode=require",
                new Environment(Map.of("USER", "me"), folder));
        ProfileStore store = new ProfileStore(folder);

        store.save(List.of(imported.profile()));

        String text = Files.readString(store.file());
        assertThat(text).contains("db1.example.com").doesNotContain("Hunter2-secret").doesNotContainIgnoringCase(
                "password");
    }

    @Test
    void theFileIsReadableJsonWithSnakeCaseNames() throws PartscopeException, IOException {
        ProfileStore store = new ProfileStore(folder);
        store.save(List.of(production()));

        assertThat(Files.readString(store.file())).contains("\"format\" : 1", "\"ssl_mode\" : \"verify-full\"",
                "\"read_only\" : true", "\"colour\" : \"#d9480f\"");
    }

    @Test
    void aCorruptFileIsReportedByNameAndKeptAsABackup() throws IOException {
        ProfileStore store = new ProfileStore(folder);
        String broken = "{\"format\": 1, \"profiles\": [{\"name\": \"half";
        Files.writeString(store.file(), broken);

        PartscopeException e = assertThrows(PartscopeException.class, store::load);

        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertThat(e.getMessage()).contains(store.file().toString());
        Path backup = folder.resolve("connections.json.bak");
        assertThat(e.detail()).contains(backup.toString());
        assertEquals(broken, Files.readString(backup));
        assertEquals(broken, Files.readString(store.file()), "the original stays where it was");
    }

    @Test
    void anInvalidValueIsACorruptFileToo() throws IOException {
        ProfileStore store = new ProfileStore(folder);
        Files.writeString(store.file(), "{\"format\": 1, \"profiles\": [{\"id\": \"x\", \"name\": \"n\", \"host\":"
                + " \"h\", \"port\": 70000, \"database\": \"d\", \"user\": \"u\","
                + " \"read_only\": false}]}");

        PartscopeException e = assertThrows(PartscopeException.class, store::load);

        assertThat(e.getMessage()).contains("port must be 1-65535");
        assertThat(folder.resolve("connections.json.bak")).exists();
    }

    @Test
    void aProfileWithoutItsReadOnlyFlagIsRefusedRatherThanTakenAsWritable() throws IOException {
        ProfileStore store = new ProfileStore(folder);
        Files.writeString(store.file(), "{\"format\": 1, \"profiles\": [{\"id\": \"x\", \"name\": \"n\", \"host\":"
                + " \"h\", \"port\": 5432, \"database\": \"d\", \"user\": \"u\"}]}");

        assertThrows(PartscopeException.class, store::load);
    }

    @Test
    void anEarlierBackupOfADifferentFileIsNotOverwritten() throws IOException {
        ProfileStore store = new ProfileStore(folder);
        Files.writeString(folder.resolve("connections.json.bak"), "older");
        Files.writeString(store.file(), "not json");

        assertThrows(PartscopeException.class, store::load);

        assertEquals("older", Files.readString(folder.resolve("connections.json.bak")));
        assertEquals("not json", Files.readString(folder.resolve("connections.json.bak.1")));
    }

    @Test
    void aSaveThatFailsHalfWayLeavesThePreviousFileIntactAndNoTemporaryFile() throws Exception {
        new ProfileStore(folder).save(List.of(local()));
        String before = Files.readString(folder.resolve(ProfileStore.FILE_NAME));
        ProfileStore failing = new ProfileStore(folder, written -> {
            // The new content is complete in the temporary file before the original is touched.
            assertThat(Files.readString(written)).contains("Billing (prod)");
            assertEquals(before, Files.readString(folder.resolve(ProfileStore.FILE_NAME)));
            throw new IOException("disk full");
        });

        PartscopeException e = assertThrows(PartscopeException.class,
                () -> failing.save(List.of(local(), production())));

        assertThat(e.getMessage()).contains("disk full");
        assertEquals(before, Files.readString(folder.resolve(ProfileStore.FILE_NAME)));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(ProfileStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theFolderIsCreatedOnTheFirstSave() throws PartscopeException {
        ProfileStore store = new ProfileStore(folder.resolve("a/b/partscope"));

        store.save(List.of(local()));

        assertThat(store.file()).exists();
    }

    @Test
    void theDefaultFolderFollowsXdgConfigHomeElseDotConfig() {
        assertEquals(Path.of("/xdg/partscope"),
                ProfileStore.defaultFolder(new Environment(Map.of("XDG_CONFIG_HOME", "/xdg"), Path.of("/home/me"))));
        assertEquals(Path.of("/home/me/.config/partscope"),
                ProfileStore.defaultFolder(new Environment(Map.of(), Path.of("/home/me"))));
    }
}
