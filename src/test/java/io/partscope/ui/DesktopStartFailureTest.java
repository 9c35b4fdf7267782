package io.partscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JavaFX's start-up failures become a message naming what is missing; anything else stays what it was. */
class DesktopStartFailureTest {
    @Test
    void missingGtkNamesThePackageToInstall() {
        PartscopeException e = DesktopStartFailure.explain(
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.DESKTOP_UNAVAILABLE);
        assertThat(e.kind().exitCode()).isEqualTo(14);
        assertThat(e.getMessage()).isEqualTo("the GTK 3 libraries are missing");
        assertThat(e.hint()).contains("sudo apt-get install libgtk-3-0 libxtst6").contains("xvfb-run -a partscope --demo")
                .contains("partscope tree --url");
        assertThat(e.detail()).isEqualTo("JavaFX: Unable to load glass GTK library.");
    }

    @Test
    void missingDisplayPointsToXvfb() {
        PartscopeException e = DesktopStartFailure.explain(new RuntimeException("Application launch error",
                new UnsupportedOperationException("Unable to open DISPLAY")));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.DESKTOP_UNAVAILABLE);
        assertThat(e.getMessage()).matches("there is no display \\(DISPLAY is not set\\)|the display .* cannot be opened");
        assertThat(e.hint()).contains("xvfb-run -a partscope --demo").contains("sudo apt-get install xvfb");
    }

    /**
     * A bare root (debootstrap --variant=minbase, a container): not even libX11, so libglass.so itself does not
     * load. JavaFX prints why for each library, then throws an error that names no library.
     */
    @Test
    void withoutX11EitherTheMessageNamesTheLibrariesTheLinkerDidNotFind() {
        String javafxOutput = """
                Loading library prism_es2 from resource failed: java.lang.UnsatisfiedLinkError: \
                /home/user/.openjfx/cache/21.0.5+1/amd64/libprism_es2.so: libX11.so.6: cannot open shared object \
                file: No such file or directory
                java.lang.UnsatisfiedLinkError: /home/user/.openjfx/cache/21.0.5+1/amd64/libprism_es2.so: \
                libX11.so.6: cannot open shared object file: No such file or directory
                	at java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
                Loading library glass from resource failed: java.lang.UnsatisfiedLinkError: \
                /home/user/.openjfx/cache/21.0.5+1/amd64/libglass.so: libX11.so.6: cannot open shared object file: \
                No such file or directory
                """;
        RuntimeException failure = new RuntimeException(new UnsatisfiedLinkError(
                "no glass in java.library.path: /usr/java/packages/lib:/usr/lib"));
        PartscopeException e = DesktopStartFailure.explain(failure, javafxOutput);
        assertThat(e).isNotNull();
        assertThat(e.kind().exitCode()).isEqualTo(14);
        assertThat(e.getMessage()).isEqualTo("the GTK 3 libraries are missing");
        assertThat(e.detail()).isEqualTo("JavaFX: no glass in java.library.path: /usr/java/packages/lib:/usr/lib"
                + " (not found: libX11.so.6)");
        assertThat(e.hint()).contains("sudo apt-get install libgtk-3-0 libxtst6");
        assertThat(failure.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).startsWith("JavaFX printed while starting:")
                        .contains("libglass.so: libX11.so.6"));
    }

    @Test
    void javafxOutputWhileStartingIsHeldAndWrittenOutOnceTheToolkitIsUp() {
        PrintStream real = System.err;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
        try {
            DesktopStartFailure.holdStderr();
            System.err.println("Loading library prism_es2 from resource failed");
            assertThat(seen.toString(StandardCharsets.UTF_8)).isEmpty();
            DesktopStartFailure.toolkitStarted();
            assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("Loading library prism_es2 from resource"
                    + " failed" + System.lineSeparator());
            System.err.println("after");
            assertThat(seen.toString(StandardCharsets.UTF_8)).endsWith("after" + System.lineSeparator());
        } finally {
            DesktopStartFailure.releaseStderr();
            System.setErr(real);
        }
    }

    @Test
    void aFailureOfTheAppItselfIsNotDisguisedAsAMissingLibrary() {
        assertThat(DesktopStartFailure.explain(new IllegalStateException("Exception in Application start method",
                new NullPointerException()))).isNull();
    }
}
