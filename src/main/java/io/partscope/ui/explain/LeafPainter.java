package io.partscope.ui.explain;

import io.partscope.core.explain.LeafState;
import javafx.scene.canvas.GraphicsContext;

/**
 * Draws one leaf cell. Colour is never the only cue: scanned is solid, never executed is a hollow square,
 * removed at executor start is hatched, pruned at plan time is a pale flat cell. The legend uses the same code.
 */
final class LeafPainter {
    private LeafPainter() {
    }

    static void paint(GraphicsContext g, StatePalette palette, LeafState state, double x, double y, double w,
            double h) {
        g.setFill(palette.fill(state));
        g.fillRect(x, y, w, h);
        double inset = Math.max(1, Math.min(w, h) / 4);
        switch (state) {
            case NEVER_EXECUTED -> {
                if (w > 4 && h > 4) {
                    g.setFill(palette.mark());
                    g.fillRect(x + inset, y + inset, w - 2 * inset, h - 2 * inset);
                }
            }
            case REMOVED_AT_EXECUTOR_START -> {
                if (w > 4 && h > 4) {
                    g.setStroke(palette.mark());
                    g.setLineWidth(1);
                    g.save();
                    g.beginPath();
                    g.rect(x, y, w, h);
                    g.clip();
                    for (double d = -h; d < w; d += 4) {
                        g.strokeLine(x + d, y + h, x + d + h, y);
                    }
                    g.restore();
                }
            }
            default -> {
            }
        }
    }
}
