package io.partscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSettingsTest {
    @TempDir
    Path folder;

    @Test
    void aSettingWrittenIsReadBackByANewInstance() throws Exception {
        new UserSettings(folder).put(UserSettings.THEME, "dark");

        assertThat(new UserSettings(folder).get(UserSettings.THEME)).contains("dark");
        assertThat(Files.readString(folder.resolve("settings.json"))).contains("\"theme\" : \"dark\"");
    }

    @Test
    void noFileMeansNoSetting() {
        assertThat(new UserSettings(folder.resolve("absent")).get(UserSettings.THEME)).isEmpty();
    }

    @Test
    void aBrokenFileGivesTheDefaultsInsteadOfAnError() throws Exception {
        Files.writeString(folder.resolve(UserSettings.FILE_NAME), "{\"theme\": \"dark\", oops");

        assertThat(new UserSettings(folder).get(UserSettings.THEME)).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsIgnored() throws Exception {
        Files.writeString(folder.resolve(UserSettings.FILE_NAME), "{\"theme\": 42}");

        assertThat(new UserSettings(folder).get(UserSettings.THEME)).isEmpty();
    }

    @Test
    void writingKeepsFieldsThisVersionDoesNotKnow() throws Exception {
        Files.writeString(folder.resolve(UserSettings.FILE_NAME), "{\"window\": {\"width\": 1200}, \"theme\": \"light\"}");

        new UserSettings(folder).put(UserSettings.THEME, "dark");

        String written = Files.readString(folder.resolve(UserSettings.FILE_NAME));
        assertThat(written).contains("\"width\" : 1200").contains("\"theme\" : \"dark\"");
    }

    @Test
    void theStandardFileIsInTheConfigFolderNextToTheConnections() {
        Environment xdg = new Environment(Map.of("XDG_CONFIG_HOME", "/tmp/cfg"), Path.of("/home/me"));
        Environment home = new Environment(Map.of(), Path.of("/home/me"));

        assertThat(UserSettings.standard(xdg).file()).isEqualTo(Path.of("/tmp/cfg/partscope/settings.json"));
        assertThat(UserSettings.standard(home).file()).isEqualTo(Path.of("/home/me/.config/partscope/settings.json"));
    }
}
