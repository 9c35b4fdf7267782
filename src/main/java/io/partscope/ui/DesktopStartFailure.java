package io.partscope.ui;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.util.Locale;

/**
 * Turns JavaFX failing to start its window system (no display; GTK 3 missing, as on a minimal Debian, a server or a
 * container) into a message that names what is missing and how to get it, instead of an internal error.
 */
final class DesktopStartFailure {
    static final String HEADLESS = "Every view is also a headless command: partscope tree --url URL (see partscope"
            + " --help).";
    static final String XVFB = "Without a display, run it under a virtual one: xvfb-run -a partscope --demo"
            + " (Debian/Ubuntu: sudo apt-get install xvfb).";
    static final String GTK = "Install the GTK 3 libraries (Debian/Ubuntu: sudo apt-get install libgtk-3-0;"
            + " Fedora: sudo dnf install gtk3).";

    private DesktopStartFailure() {
    }

    /** The user's version of a JavaFX start-up failure, or null when {@code failure} is something else. */
    static PartscopeException explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("unable to open display") || lower.contains("cannot open display")) {
                String display = System.getenv("DISPLAY");
                String what = display == null || display.isBlank()
                        ? "there is no display (DISPLAY is not set)"
                        : "the display " + display + " cannot be opened";
                return new PartscopeException(ErrorKind.DESKTOP_UNAVAILABLE, what, null, "JavaFX: " + message,
                        XVFB + " " + HEADLESS, failure);
            }
            if (lower.contains("gtk") && (t instanceof UnsupportedOperationException || t instanceof LinkageError)) {
                return new PartscopeException(ErrorKind.DESKTOP_UNAVAILABLE, "the GTK 3 libraries are missing", null,
                        "JavaFX: " + message, GTK + " " + HEADLESS + " " + XVFB, failure);
            }
            if (lower.contains("no toolkit found") || lower.contains("quantumrenderer")
                    || lower.contains("no suitable pipeline")) {
                return new PartscopeException(ErrorKind.DESKTOP_UNAVAILABLE, "JavaFX cannot start its graphics",
                        null, "JavaFX: " + message, GTK + " " + XVFB + " " + HEADLESS, failure);
            }
        }
        return null;
    }
}
