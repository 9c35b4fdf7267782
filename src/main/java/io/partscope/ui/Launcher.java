package io.partscope.ui;

import io.partscope.core.db.PartscopeException;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;

/** Starts the JavaFX application from a plain class (see {@link io.partscope.Main} for why). */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Opens the desktop app and returns when its window closes.
     *
     * @param demo open on the embedded demo database
     * @param url  open connected to this URL (may be null)
     * @param table select this partition set once it is read (may be null)
     * @throws PartscopeException {@link io.partscope.core.db.ErrorKind#DESKTOP_UNAVAILABLE} when JavaFX cannot start
     *                            (no display, no GTK 3): what is missing and how to install it, not a stack trace
     */
    public static void launch(boolean demo, String url, String table) throws PartscopeException {
        DesktopStartFailure.holdStderr();
        try {
            Application.launch(PartscopeApp.class, arguments(demo, url, table));
        } catch (RuntimeException | LinkageError e) {
            String javafxOutput = DesktopStartFailure.releaseStderr();
            PartscopeException explained = DesktopStartFailure.explain(e, javafxOutput);
            if (explained == null) {
                System.err.print(javafxOutput);
                throw e;
            }
            throw explained;
        } finally {
            DesktopStartFailure.toolkitStarted();
        }
    }

    static String[] arguments(boolean demo, String url, String table) {
        List<String> args = new ArrayList<>();
        if (demo) {
            args.add(PartscopeApp.DEMO_FLAG);
        }
        if (url != null && !url.isBlank()) {
            args.add("--" + PartscopeApp.URL_PARAMETER + "=" + url);
        }
        if (table != null && !table.isBlank()) {
            args.add("--" + PartscopeApp.TABLE_PARAMETER + "=" + table);
        }
        return args.toArray(String[]::new);
    }
}
