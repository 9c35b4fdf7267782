package io.partscope.ui.explain;

import io.partscope.core.explain.PruningTarget.Leaf;
import io.partscope.ui.Styles;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * A range set's leaves on the key's axis (time or number), coloured and patterned by state like the grid: where in
 * time the query reads. One image painted pixel by pixel; hovering names the leaf under the mouse.
 */
public final class RangeTimeline extends Region {
    private static final int BAR = 18;

    private final ImageView view = new ImageView();
    private final Label lowest = new Label();
    private final Label highest = new Label();
    private final StatePalette palette = new StatePalette();
    private final Tooltip tooltip = new Tooltip();
    private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(-1);
    private List<Leaf> leaves = List.of();
    private RangeLayout layout;
    private Integer[] widestFirst = new Integer[0];
    private WritableImage image;
    private double drawnWidth = -1;

    public RangeTimeline() {
        getStyleClass().add(Styles.EXPLAIN_TIMELINE);
        view.setMouseTransparent(true);
        lowest.getStyleClass().addAll(Styles.MUTED, Styles.EXPLAIN_TIMELINE_LABEL);
        highest.getStyleClass().addAll(Styles.MUTED, Styles.EXPLAIN_TIMELINE_LABEL);
        getChildren().addAll(view, lowest, highest);
        getChildren().addAll(palette.swatches());
        palette.onChange(this::draw);
        tooltip.setShowDelay(Duration.millis(150));
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getY() <= BAR ? leafAt(e.getX()) : -1));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1));
    }

    public void show(List<Leaf> list, RangeLayout rangeLayout) {
        leaves = list == null ? List.of() : list;
        layout = rangeLayout;
        int n = layout == null ? 0 : layout.index().length;
        widestFirst = new Integer[n];
        for (int k = 0; k < n; k++) {
            widestFirst[k] = k;
        }
        if (layout != null) {
            // Wide leaves first, so a narrow one inside a wide one (a sub-partition level) stays visible.
            java.util.Arrays.sort(widestFirst, (a, b) -> Double.compare(layout.to()[b] - layout.from()[b],
                    layout.to()[a] - layout.from()[a]));
        }
        lowest.setText(layout == null ? "" : layout.lowest());
        highest.setText(layout == null ? "" : layout.highest());
        draw();
    }

    public ReadOnlyIntegerProperty hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    int leafAt(double x) {
        double w = getWidth();
        return layout == null || w <= 0 ? -1 : layout.leafAt(x / w);
    }

    private void hover(int index) {
        if (index == hovered.get()) {
            return;
        }
        hovered.set(index);
        if (index < 0) {
            Tooltip.uninstall(this, tooltip);
        } else {
            tooltip.setText(LeafGrid.describe(leaves.get(index)));
            Tooltip.install(this, tooltip);
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return BAR + 4 + lowest.prefHeight(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double lh = lowest.prefHeight(-1);
        lowest.resizeRelocate(0, BAR + 2, lowest.prefWidth(-1), lh);
        double hw = highest.prefWidth(-1);
        highest.resizeRelocate(Math.max(0, w - hw), BAR + 2, hw, lh);
        if (drawnWidth != w) {
            draw();
        }
    }

    void draw() {
        int w = (int) Math.floor(getWidth());
        drawnWidth = w;
        if (layout == null || w <= 0) {
            view.setImage(null);
            return;
        }
        Raster raster = new Raster(w, BAR);
        Raster.Colours colours = Raster.Colours.of(palette);
        for (int k : widestFirst) {
            int x0 = (int) Math.floor(layout.from()[k] * w);
            int x1 = (int) Math.floor(layout.to()[k] * w);
            int width = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
            raster.leaf(x0, 0, width, BAR, leaves.get(layout.index()[k]).state(), colours);
        }
        image = raster.into(image);
        view.setImage(image);
    }
}
