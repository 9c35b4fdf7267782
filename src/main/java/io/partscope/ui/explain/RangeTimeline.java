package io.partscope.ui.explain;

import io.partscope.core.explain.PruningTarget.Leaf;
import io.partscope.ui.Styles;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * A range set's leaves on the key's axis (time or number), coloured and patterned by state like the grid: where in
 * time the query reads. One Canvas; hovering names the leaf under the mouse.
 */
public final class RangeTimeline extends Region {
    private static final double BAR = 18;
    private static final double LABELS = 16;

    private final Canvas canvas = new Canvas();
    private final StatePalette palette = new StatePalette();
    private final Tooltip tooltip = new Tooltip();
    private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(-1);
    private List<Leaf> leaves = List.of();
    private RangeLayout layout;

    public RangeTimeline() {
        getStyleClass().add(Styles.EXPLAIN_TIMELINE);
        getChildren().add(canvas);
        getChildren().addAll(palette.swatches());
        palette.onChange(this::draw);
        tooltip.setShowDelay(Duration.millis(150));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(leafAt(e.getX())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1));
    }

    public void show(List<Leaf> list, RangeLayout rangeLayout) {
        leaves = list == null ? List.of() : list;
        layout = rangeLayout;
        draw();
    }

    public ReadOnlyIntegerProperty hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    int leafAt(double x) {
        double w = canvas.getWidth();
        return layout == null || w <= 0 ? -1 : layout.leafAt(x / w);
    }

    private void hover(int index) {
        if (index == hovered.get()) {
            return;
        }
        hovered.set(index);
        if (index < 0) {
            Tooltip.uninstall(canvas, tooltip);
        } else {
            tooltip.setText(LeafGrid.describe(leaves.get(index)));
            Tooltip.install(canvas, tooltip);
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return BAR + LABELS + 2;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        g.clearRect(0, 0, w, canvas.getHeight());
        if (layout == null || w <= 0) {
            return;
        }
        int[] index = layout.index();
        // Wide leaves first, so a narrow one inside a wide one (a sub-partition level) stays visible.
        Integer[] order = new Integer[index.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(layout.to()[b] - layout.from()[b],
                layout.to()[a] - layout.from()[a]));
        for (int k : order) {
            double x0 = layout.from()[k] * w;
            double x1 = layout.to()[k] * w;
            double width = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
            LeafPainter.paint(g, palette, leaves.get(index[k]).state(), x0, 1, width, BAR);
        }
        g.setFill(palette.text());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(layout.lowest(), 0, BAR + 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(layout.highest(), w, BAR + 3);
    }
}
