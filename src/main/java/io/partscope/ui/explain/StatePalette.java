package io.partscope.ui.explain;

import io.partscope.core.explain.LeafState;
import io.partscope.ui.Styles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The colours a Canvas draws with, taken from the stylesheet: one hidden Region per colour carries a style class
 * (see the explain block of partscope.css), and its background fill is the colour. A theme switch restyles the
 * swatches and {@link #onChange} redraws. Add {@link #swatches()} to the scene graph of the drawing node.
 */
final class StatePalette {
    private final Map<LeafState, Region> states = new EnumMap<>(LeafState.class);
    private final Region highlight = swatch(Styles.EXPLAIN_SWATCH_HIGHLIGHT);
    private final Region selection = swatch(Styles.EXPLAIN_SWATCH_SELECTION);
    private final Region mark = swatch(Styles.EXPLAIN_SWATCH_MARK);

    StatePalette() {
        for (LeafState state : LeafState.values()) {
            states.put(state, swatch(styleClass(state)));
        }
    }

    /** The style class of a state's colour: explain-state-scanned... */
    static String styleClass(LeafState state) {
        return switch (state) {
            case SCANNED -> Styles.EXPLAIN_STATE_SCANNED;
            case NEVER_EXECUTED -> Styles.EXPLAIN_STATE_NEVER_EXECUTED;
            case REMOVED_AT_EXECUTOR_START -> Styles.EXPLAIN_STATE_REMOVED;
            case PRUNED_AT_PLAN_TIME -> Styles.EXPLAIN_STATE_PRUNED;
        };
    }

    private static Region swatch(String styleClass) {
        Region r = new Region();
        r.getStyleClass().addAll(Styles.EXPLAIN_SWATCH, styleClass);
        r.setManaged(false);
        r.setVisible(false);
        r.setMouseTransparent(true);
        return r;
    }

    List<Region> swatches() {
        List<Region> all = new java.util.ArrayList<>(states.values());
        all.addAll(List.of(highlight, selection, mark));
        return all;
    }

    /** Runs the action whenever the stylesheet gives a swatch a new colour. */
    void onChange(Runnable action) {
        swatches().forEach(r -> r.backgroundProperty().addListener((obs, old, now) -> action.run()));
    }

    Paint fill(LeafState state) {
        return colour(states.get(state), Color.GRAY);
    }

    Paint highlight() {
        return colour(highlight, Color.MAGENTA);
    }

    Paint selection() {
        return colour(selection, Color.BLACK);
    }

    /** The colour of the pattern marks drawn over a fill (hatching, hollow centres). */
    Paint mark() {
        return colour(mark, Color.WHITE);
    }

    private static Paint colour(Region swatch, Paint fallback) {
        if (swatch.getBackground() == null && swatch.getScene() != null) {
            swatch.applyCss();
        }
        Background bg = swatch.getBackground();
        if (bg == null || bg.getFills().isEmpty()) {
            return fallback;
        }
        return bg.getFills().get(0).getFill();
    }
}
