package io.partscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
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
        assertThat(e.hint()).contains("sudo apt-get install libgtk-3-0").contains("xvfb-run -a partscope --demo")
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

    @Test
    void aFailureOfTheAppItselfIsNotDisguisedAsAMissingLibrary() {
        assertThat(DesktopStartFailure.explain(new IllegalStateException("Exception in Application start method",
                new NullPointerException()))).isNull();
    }
}
