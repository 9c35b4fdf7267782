package io.partscope.ui;

import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * Tooltips as the app shows them: wrapped at a readable width, shown after a short pause and kept up long enough to
 * read an explanation of a number. Colours and padding come from {@code .tooltip} in partscope.css.
 */
public final class Tooltips {
    /** Wider than this, a line of explanation is hard to follow. */
    public static final double MAX_WIDTH = 420;
    public static final Duration SHOW_DELAY = Duration.millis(400);
    public static final Duration SHOW_DURATION = Duration.seconds(30);
    public static final Duration HIDE_DELAY = Duration.millis(100);

    private Tooltips() {
    }

    public static Tooltip of(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(MAX_WIDTH);
        tip.setShowDelay(SHOW_DELAY);
        tip.setShowDuration(SHOW_DURATION);
        tip.setHideDelay(HIDE_DELAY);
        return tip;
    }
}
