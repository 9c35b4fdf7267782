package io.partscope.ui.explain;

import io.partscope.core.explain.LeafState;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * A plain ARGB pixel buffer the leaves are painted into, then copied into an image in one call. Thousands of
 * Canvas calls (a fill, a clip and hatch lines per cell) cost seconds in the software pipeline; filling an int
 * array costs milliseconds. The patterns match {@link LeafPainter} (the legend): scanned solid, never executed a
 * hollow square, removed at executor start hatched, pruned at plan time flat.
 */
final class Raster {
    /** The colours of one paint, as ARGB ints. */
    record Colours(Map<LeafState, Integer> fills, int mark, int highlight, int selection) {
        static Colours of(StatePalette palette) {
            Map<LeafState, Integer> fills = new EnumMap<>(LeafState.class);
            for (LeafState s : LeafState.values()) {
                fills.put(s, argb(palette.fill(s)));
            }
            return new Colours(fills, argb(palette.mark()), argb(palette.highlight()), argb(palette.selection()));
        }
    }

    final int width;
    final int height;
    final int[] pixels;

    Raster(int width, int height) {
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.pixels = new int[this.width * this.height];
    }

    /** A buffer of this size: the given one cleared when it has that size (no new array per draw), else a new one. */
    static Raster reuse(Raster old, int width, int height) {
        if (old != null && old.width == Math.max(1, width) && old.height == Math.max(1, height)) {
            Arrays.fill(old.pixels, 0);
            return old;
        }
        return new Raster(width, height);
    }

    /** A colour as premultiplied ARGB (the image format that needs no conversion when copied). */
    static int argb(Paint paint) {
        Color c = paint instanceof Color colour ? colour : Color.GRAY;
        double a = c.getOpacity();
        return ((int) Math.round(a * 255) << 24) | ((int) Math.round(c.getRed() * a * 255) << 16)
                | ((int) Math.round(c.getGreen() * a * 255) << 8) | (int) Math.round(c.getBlue() * a * 255);
    }

    void fill(int x, int y, int w, int h, int argb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x0 >= x1) {
            return;
        }
        for (int row = y0; row < y1; row++) {
            Arrays.fill(pixels, row * width + x0, row * width + x1, argb);
        }
    }

    /** A frame of this thickness just outside the rectangle. */
    void outline(int x, int y, int w, int h, int thickness, int argb) {
        fill(x - thickness, y - thickness, w + 2 * thickness, thickness, argb);
        fill(x - thickness, y + h, w + 2 * thickness, thickness, argb);
        fill(x - thickness, y, thickness, h, argb);
        fill(x + w, y, thickness, h, argb);
    }

    void leaf(int x, int y, int w, int h, LeafState state, Colours colours) {
        fill(x, y, w, h, colours.fills().get(state));
        if (w <= 4 || h <= 4) {
            return;
        }
        switch (state) {
            case NEVER_EXECUTED -> {
                int inset = Math.max(1, Math.min(w, h) / 4);
                fill(x + inset, y + inset, w - 2 * inset, h - 2 * inset, colours.mark());
            }
            case REMOVED_AT_EXECUTOR_START -> {
                for (int dy = 0; dy < h && y + dy < height; dy++) {
                    if (y + dy < 0) {
                        continue;
                    }
                    for (int dx = 0; dx < w && x + dx < width; dx++) {
                        if (x + dx >= 0 && (dx + dy) % 4 == 0) {
                            pixels[(y + dy) * width + x + dx] = colours.mark();
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The buffer as an image (a new one when the size changed). */
    WritableImage into(WritableImage image) {
        WritableImage target = image != null && (int) image.getWidth() == width && (int) image.getHeight() == height
                ? image : new WritableImage(width, height);
        target.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), pixels, 0, width);
        return target;
    }
}
