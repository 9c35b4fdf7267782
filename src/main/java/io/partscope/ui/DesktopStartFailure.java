package io.partscope.ui;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JavaFX failing to start its window system (no display; GTK 3 missing, as on a minimal Debian, a server or a
 * container) into a message that names what is missing and how to get it, instead of an internal error.
 *
 * <p>JavaFX prints a stack trace of its own to {@code System.err} for each native library it cannot load, before it
 * throws. {@link #holdStderr()} keeps that output back while the toolkit starts: once it is up
 * ({@link #toolkitStarted()}) the output is written out as it would have been; when it failed, the shared objects it
 * names go into the message's detail, and the output itself is only shown with --verbose.
 */
final class DesktopStartFailure {
    static final String HEADLESS = "Every view is also a headless command: partscope tree --url URL (see partscope"
            + " --help).";
    static final String XVFB = "Without a display, run it under a virtual one: xvfb-run -a partscope --demo"
            + " (Debian/Ubuntu: sudo apt-get install xvfb).";
    static final String GTK = "Install the GTK 3 libraries (Debian/Ubuntu: sudo apt-get install libgtk-3-0 libxtst6;"
            + " Fedora: sudo dnf install gtk3 libXtst).";

    /** How the dynamic linker says a shared object is not there (glibc and musl). */
    private static final Pattern MISSING_LIBRARY = Pattern.compile(
            "([\\w.+-]+\\.so(?:\\.\\d+)*): (?:cannot open shared object file|No such file)");

    private static final Object LOCK = new Object();
    private static PrintStream heldFrom;
    private static ByteArrayOutputStream held;

    private DesktopStartFailure() {
    }

    /** Sends {@code System.err} to a buffer until {@link #toolkitStarted()} or {@link #releaseStderr()}. */
    static void holdStderr() {
        synchronized (LOCK) {
            if (held == null) {
                heldFrom = System.err;
                held = new ByteArrayOutputStream();
                System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
            }
        }
    }

    /** The toolkit is up: what JavaFX printed while it started is written to the real {@code System.err}. */
    static void toolkitStarted() {
        String output = releaseStderr();
        if (!output.isEmpty()) {
            System.err.print(output);
            System.err.flush();
        }
    }

    /** Puts the real {@code System.err} back and returns what was held ("" when nothing was). */
    static String releaseStderr() {
        synchronized (LOCK) {
            if (held == null) {
                return "";
            }
            System.err.flush();
            System.setErr(heldFrom);
            String output = held.toString(StandardCharsets.UTF_8);
            held = null;
            heldFrom = null;
            return output;
        }
    }

    /** The user's version of a JavaFX start-up failure, or null when {@code failure} is something else. */
    static PartscopeException explain(Throwable failure) {
        return explain(failure, "");
    }

    /**
     * As {@link #explain(Throwable)}, with what JavaFX printed while starting: the shared objects it could not load
     * are named in the detail, and the output is kept (as a suppressed exception of {@code failure}) for --verbose.
     */
    static PartscopeException explain(Throwable failure, String javafxOutput) {
        PartscopeException explained = explainFailure(failure);
        if (explained == null) {
            return null;
        }
        Set<String> missing = missingLibraries(failure, javafxOutput);
        if (!javafxOutput.isBlank()) {
            failure.addSuppressed(new JavaFxOutput(javafxOutput));
        }
        if (missing.isEmpty()) {
            return explained;
        }
        return new PartscopeException(explained.kind(), explained.getMessage(), null,
                explained.detail() + " (not found: " + String.join(", ", missing) + ")", explained.hint(), failure);
    }

    /** The shared objects the dynamic linker could not find, in the order they were reported. */
    static Set<String> missingLibraries(Throwable failure, String javafxOutput) {
        Set<String> missing = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder(javafxOutput);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append('\n').append(t.getMessage());
        }
        Matcher m = MISSING_LIBRARY.matcher(text);
        while (m.find()) {
            missing.add(m.group(1));
        }
        return missing;
    }

    private static PartscopeException explainFailure(Throwable failure) {
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
            // "no glass in java.library.path": libglass.so itself did not load (no libX11 either, as on a bare root).
            boolean glass = lower.contains("gtk") || lower.contains("no glass");
            if (glass && (t instanceof UnsupportedOperationException || t instanceof LinkageError)) {
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

    /** What JavaFX printed while failing to start, shown under the failure's stack trace with --verbose. */
    static final class JavaFxOutput extends Throwable {
        private static final long serialVersionUID = 1L;

        JavaFxOutput(String output) {
            super("JavaFX printed while starting:\n" + output.strip(), null, false, false);
        }
    }
}
