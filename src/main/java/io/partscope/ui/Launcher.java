package io.partscope.ui;

/** Starts the JavaFX application from a plain class (see {@link io.partscope.Main} for why). */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Opens the desktop app and returns when its window closes.
     *
     * @param demo open on the embedded demo database
     * @param url  open connected to this URL (may be null)
     */
    public static void launch(boolean demo, String url) {
        throw new UnsupportedOperationException("in progress");
    }
}
