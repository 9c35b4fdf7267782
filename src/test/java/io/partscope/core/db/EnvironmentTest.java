package io.partscope.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The home folder as libpq finds it: $HOME first, the password database's entry when HOME is unset or empty. */
class EnvironmentTest {
    @Test
    void homeIsTheHomeVariableWhenSet() {
        assertThat(Environment.home(Map.of("HOME", "/srv/dba"), "/root")).isEqualTo(Path.of("/srv/dba"));
    }

    @Test
    void anUnsetOrEmptyHomeFallsBackToThePasswordDatabase() {
        assertThat(Environment.home(Map.of(), "/root")).isEqualTo(Path.of("/root"));
        assertThat(Environment.home(Map.of("HOME", ""), "/root")).isEqualTo(Path.of("/root"));
    }
}
