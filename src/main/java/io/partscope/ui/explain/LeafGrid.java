package io.partscope.ui.explain;

import io.partscope.core.explain.PruningTarget.Leaf;
import io.partscope.ui.Styles;
import java.util.List;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * Every leaf of a partition set as one small cell, in the set's order, wrapping at the width. One image painted
 * pixel by pixel ({@link Raster}), not one Node per leaf nor thousands of Canvas calls: 10,000 leaves paint in a few
 * milliseconds. The hovered cell comes from the mouse position; a click
 * selects a leaf. Leaves named in {@link #setHighlighted} get an outline (the comparison's differences).
 */
public final class LeafGrid extends Region {
    static final double PADDING = 2;

    private final ImageView view = new ImageView();
    private WritableImage image;
    /** The pixel buffer, kept between draws of the same size. */
    private Raster raster;
    private double drawnWidth = -1;
    private double drawnHeight = -1;
    /** The band of the grid the image covers (its own coordinates): what the enclosing scroll pane shows. */
    private double drawnTop = -1;
    private double drawnBottom = -1;
    /** The scroll pane around the grid, whose viewport decides which cells are drawn; null: none. */
    private javafx.scene.control.ScrollPane scroller;
    /** The viewport moves in the scroll pane's next layout: the band is looked at in ours, which follows it. */
    private final javafx.beans.InvalidationListener scrolled = obs -> requestLayout();
    private final StatePalette palette = new StatePalette();
    private final Tooltip tooltip = new Tooltip();
    private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(-1);
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private List<Leaf> leaves = List.of();
    private Set<String> highlighted = Set.of();

    public LeafGrid() {
        getStyleClass().add(Styles.EXPLAIN_GRID);
        view.setMouseTransparent(true);
        getChildren().add(view);
        getChildren().addAll(palette.swatches());
        palette.onChange(this::draw);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.getStyleClass().add(Styles.EXPLAIN_LEAF_TOOLTIP);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(indexAt(e.getX(), e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1));
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            int i = indexAt(e.getX(), e.getY());
            if (i >= 0) {
                selected.set(i);
            }
        });
        selected.addListener((obs, old, now) -> draw());
        sceneProperty().addListener((obs, old, now) -> findScroller());
    }

    /** Follows the nearest scroll pane around the grid: scrolling draws the cells that come into view. */
    private void findScroller() {
        javafx.scene.control.ScrollPane found = null;
        for (javafx.scene.Parent p = getParent(); p != null && found == null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane pane) {
                found = pane;
            }
        }
        if (found == scroller) {
            return;
        }
        if (scroller != null) {
            scroller.vvalueProperty().removeListener(scrolled);
            scroller.viewportBoundsProperty().removeListener(scrolled);
        }
        scroller = found;
        if (scroller != null) {
            scroller.vvalueProperty().addListener(scrolled);
            scroller.viewportBoundsProperty().addListener(scrolled);
        }
    }

    /**
     * The rows of the grid the user can see, in its own coordinates: the scroll pane's viewport, or the whole grid
     * when it is not in one. {@code [top, bottom)}.
     */
    private double[] visibleBand() {
        double h = Math.floor(getHeight());
        if (scroller == null || scroller.getScene() == null || getScene() == null) {
            return new double[] {0, Math.min(h, 16_384)};
        }
        javafx.geometry.Bounds viewport = scroller.localToScene(scroller.getLayoutBounds());
        javafx.geometry.Bounds mine = sceneToLocal(viewport);
        double top = Math.max(0, Math.floor(mine.getMinY()));
        double bottom = Math.min(h, Math.ceil(mine.getMaxY()));
        return bottom <= top ? new double[] {0, 0} : new double[] {top, bottom};
    }

    private boolean visibleBandIsDrawn() {
        double[] band = visibleBand();
        return band[0] == drawnTop && band[1] == drawnBottom;
    }

    /** Shows these leaves (no copy: the list is the target's, immutable). */
    public void setLeaves(List<Leaf> list) {
        leaves = list == null ? List.of() : list;
        hovered.set(-1);
        selected.set(-1);
        requestLayout();
        draw();
    }

    public List<Leaf> leaves() {
        return leaves;
    }

    /** Outlines the leaves with these qualified names. */
    public void setHighlighted(Set<String> names) {
        highlighted = names == null ? Set.of() : names;
        draw();
    }

    public boolean isHighlighted(int index) {
        return index >= 0 && index < leaves.size() && highlighted.contains(leaves.get(index).qualifiedName());
    }

    /** The leaf under the mouse; -1 for none. */
    public ReadOnlyIntegerProperty hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The clicked leaf; -1 for none. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The cell size: big cells for small sets, small ones for thousands of leaves. */
    double cellSize() {
        int n = leaves.size();
        return n <= 200 ? 16 : n <= 1000 ? 12 : n <= 4000 ? 8 : 6;
    }

    double pitch() {
        double c = cellSize();
        return c + (c >= 10 ? 3 : 1);
    }

    int perRow(double width) {
        return Math.max(1, (int) Math.floor((width - 2 * PADDING + (pitch() - cellSize())) / pitch()));
    }

    /** The index of the cell at these coordinates (the grid's own), or -1 between cells and past the last leaf. */
    public int indexAt(double x, double y) {
        double px = x - PADDING;
        double py = y - PADDING;
        if (px < 0 || py < 0) {
            return -1;
        }
        double p = pitch();
        int col = (int) (px / p);
        int row = (int) (py / p);
        int perRow = perRow(drawnWidth);
        if (col >= perRow || px - col * p > cellSize() || py - row * p > cellSize()) {
            return -1;
        }
        int i = row * perRow + col;
        return i < leaves.size() ? i : -1;
    }

    /** The centre of a cell in this node's coordinates (for tests and keyboard focus). */
    public javafx.geometry.Point2D cellCenter(int index) {
        int perRow = perRow(drawnWidth);
        double p = pitch();
        double x = PADDING + (index % perRow) * p + cellSize() / 2;
        double y = PADDING + (index / perRow) * p + cellSize() / 2;
        return new javafx.geometry.Point2D(x, y);
    }

    private void hover(int index) {
        if (index == hovered.get()) {
            return;
        }
        hovered.set(index);
        if (index < 0) {
            Tooltip.uninstall(this, tooltip);
            return;
        }
        tooltip.setText(describe(leaves.get(index)));
        Tooltip.install(this, tooltip);
    }

    /** "public.events_2026_05\nFOR VALUES FROM (...) TO (...)\nscanned". */
    static String describe(Leaf leaf) {
        return leaf.qualifiedName() + "\n" + (leaf.bound() == null ? "(inheritance child)" : leaf.bound()) + "\n"
                + leaf.state().label();
    }

    /** The height follows the width: cells wrap. */
    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 480;
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width > 0 ? width : computePrefWidth(-1);
        int rows = (leaves.size() + perRow(w) - 1) / perRow(w);
        return 2 * PADDING + Math.max(1, rows) * pitch();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (drawnWidth != w || drawnHeight != h || !visibleBandIsDrawn()) {
            draw();
        }
    }

    /**
     * Paints the cells the user can see (the scroll pane's viewport) into a buffer of that size, reused while the
     * size stays: a grid of 10,000 or 100,000 leaves costs what one screen of cells costs, however tall it is.
     */
    void draw() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        drawnWidth = w;
        drawnHeight = h;
        double[] band = visibleBand();
        drawnTop = band[0];
        drawnBottom = band[1];
        double top = band[0];
        int bandHeight = (int) (band[1] - band[0]);
        if (w <= 0 || bandHeight <= 0) {
            view.setImage(null);
            return;
        }
        raster = Raster.reuse(raster, (int) w, bandHeight);
        Raster.Colours colours = Raster.Colours.of(palette);
        int size = (int) cellSize();
        double p = pitch();
        int perRow = perRow(w);
        int thick = size >= 10 ? 2 : 1;
        // The rows that touch the band (an outline reaches 2 px beyond its cell).
        int firstRow = Math.max(0, (int) Math.floor((top - PADDING - 2) / p));
        int lastRow = (int) Math.floor((band[1] - PADDING + 2) / p);
        int from = Math.min(leaves.size(), firstRow * perRow);
        int to = (int) Math.min(leaves.size(), ((long) lastRow + 1) * perRow);
        for (int i = from; i < to; i++) {
            raster.leaf(cellX(i, perRow, p), cellY(i, perRow, p, top), size, size, leaves.get(i).state(), colours);
        }
        if (!highlighted.isEmpty()) {
            for (int i = from; i < to; i++) {
                if (highlighted.contains(leaves.get(i).qualifiedName())) {
                    raster.outline(cellX(i, perRow, p), cellY(i, perRow, p, top), size, size, thick,
                            colours.highlight());
                }
            }
        }
        int sel = selected.get();
        if (sel >= from && sel < to) {
            raster.outline(cellX(sel, perRow, p), cellY(sel, perRow, p, top), size, size, 2, colours.selection());
        }
        image = raster.into(image);
        view.setImage(image);
        view.setLayoutY(top);
    }

    private static int cellX(int index, int perRow, double pitch) {
        return (int) (PADDING + (index % perRow) * pitch);
    }

    /** A cell's top in the band's buffer: the grid's y less the band's top. */
    private static int cellY(int index, int perRow, double pitch, double top) {
        return (int) (PADDING + (index / perRow) * pitch) - (int) top;
    }

    /** The grid's band the image covers, {@code [top, bottom)}, for tests. */
    double[] drawnBand() {
        return new double[] {drawnTop, drawnBottom};
    }

    /** The colour the user sees at this point of the grid (for tests). */
    javafx.scene.paint.Color colourAt(double x, double y) {
        double iy = y - drawnTop;
        if (image == null || x < 0 || iy < 0 || x >= image.getWidth() || iy >= image.getHeight()) {
            return javafx.scene.paint.Color.TRANSPARENT;
        }
        return image.getPixelReader().getColor((int) x, (int) iy);
    }

    StatePalette palette() {
        return palette;
    }
}
