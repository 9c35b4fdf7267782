package io.partscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar's entry point started as a user starts it, in a child JVM where JavaFX cannot initialise (no display: the
 * environment without DISPLAY and WAYLAND_DISPLAY, and GTK as JavaFX's default platform): a message naming what is
 * missing and how to get it, exit code 14, no internal error and no stack trace unless --verbose.
 */
class DesktopStartFailureIT {

    @Test
    void withoutADisplayTheAppSaysWhatIsMissingAndExits14() throws Exception {
        Run run = start();
        assertThat(run.exit).as(run.stderr).isEqualTo(14);
        assertThat(run.stderr)
                .contains("partscope: the desktop app cannot start: there is no display (DISPLAY is not set)")
                .contains("xvfb-run -a partscope --demo")
                .contains("partscope tree --url")
                .doesNotContain("internal error")
                .doesNotContain("\tat ");
    }

    @Test
    void verboseAddsJavaFxsStackTrace() throws Exception {
        Run run = start("--verbose");
        assertThat(run.exit).as(run.stderr).isEqualTo(14);
        assertThat(run.stderr).contains("partscope: the desktop app cannot start")
                .contains("java.lang.UnsupportedOperationException")
                .contains("\tat com.sun.glass.ui");
    }

    private record Run(int exit, String stderr) {
    }

    private static Run start(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.partscope.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Path err = Files.createTempFile("partscope-desktop", ".err");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the app neither started nor failed within 120 s");
            }
            return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }
}
