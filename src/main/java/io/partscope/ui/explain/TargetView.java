package io.partscope.ui.explain;

import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PruningTarget;
import io.partscope.core.explain.PruningTarget.Leaf;
import io.partscope.ui.Styles;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One partition set drawn: a header with the counts, the legend (colour, pattern and words), the leaves grid, the
 * timeline for a range set, and a line naming the hovered or selected leaf with its bound.
 */
public final class TargetView extends VBox {
    private final Label header = new Label();
    private final FlowPane legend = new FlowPane(12, 4);
    private final LeafGrid grid = new LeafGrid();
    private final ScrollPane gridScroll = new ScrollPane(grid);
    private final RangeTimeline timeline = new RangeTimeline();
    private final Label leafLine = new Label(" ");
    private final StatePalette legendPalette = new StatePalette();
    private PruningTarget target;
    private Consumer<Leaf> onLeafSelected = leaf -> { };

    public TargetView() {
        getStyleClass().add(Styles.EXPLAIN_TARGET);
        header.getStyleClass().addAll(Styles.SECTION_TITLE, Styles.EXPLAIN_TARGET_HEADER);
        header.setWrapText(true);
        header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        legend.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        legend.getStyleClass().add(Styles.EXPLAIN_LEGEND);
        leafLine.getStyleClass().addAll(Styles.CODE, Styles.EXPLAIN_LEAF_LINE);
        leafLine.setWrapText(true);
        gridScroll.setFitToWidth(true);
        gridScroll.getStyleClass().add(Styles.EXPLAIN_GRID_SCROLL);
        VBox.setVgrow(gridScroll, Priority.ALWAYS);
        timeline.setManaged(false);
        timeline.setVisible(false);
        getChildren().addAll(header, legend, gridScroll, timeline, leafLine);
        getChildren().addAll(legendPalette.swatches());
        legendPalette.onChange(this::drawLegend);
        grid.hoveredProperty().addListener((obs, old, i) -> showLeafLine());
        timeline.hoveredProperty().addListener((obs, old, i) -> showLeafLine());
        grid.selectedProperty().addListener((obs, old, i) -> {
            showLeafLine();
            if (i.intValue() >= 0 && target != null) {
                onLeafSelected.accept(target.leaves().get(i.intValue()));
            }
        });
    }

    /** Shows this set (null: nothing), with a range layout for the timeline (null: no timeline). */
    public void show(PruningTarget shown, RangeLayout layout) {
        this.target = shown;
        grid.setLeaves(shown == null ? null : shown.leaves());
        header.setText(shown == null ? "" : headline(shown));
        boolean range = shown != null && layout != null;
        timeline.setManaged(range);
        timeline.setVisible(range);
        timeline.show(shown == null ? null : shown.leaves(), layout);
        drawLegend();
        showLeafLine();
    }

    /** "public.events — scanned 16 of 96 · removed at executor start 80 · pruned at plan time 0 · never executed 0" */
    public static String headline(PruningTarget t) {
        return t.qualifiedName() + " — scanned " + t.count(LeafState.SCANNED) + " of " + t.leafCount()
                + " · removed at executor start " + t.count(LeafState.REMOVED_AT_EXECUTOR_START)
                + " · pruned at plan time " + t.count(LeafState.PRUNED_AT_PLAN_TIME)
                + " · never executed " + t.count(LeafState.NEVER_EXECUTED);
    }

    private void drawLegend() {
        legend.getChildren().clear();
        for (LeafState state : LeafState.values()) {
            Canvas swatch = new Canvas(14, 14);
            LeafPainter.paint(swatch.getGraphicsContext2D(), legendPalette, state, 0, 0, 14, 14);
            long n = target == null ? 0 : target.count(state);
            Label entry = new Label(state.label() + " (" + n + ")", swatch);
            entry.getStyleClass().add(Styles.EXPLAIN_LEGEND_ENTRY);
            legend.getChildren().add(entry);
        }
    }

    private void showLeafLine() {
        int i = grid.hoveredProperty().get();
        if (i < 0) {
            i = timeline.hoveredProperty().get();
        }
        if (i < 0) {
            i = grid.selectedProperty().get();
        }
        if (target == null || i < 0 || i >= target.leaves().size()) {
            leafLine.setText(target == null ? " " : "Hover a cell to see its partition and bound");
            return;
        }
        Leaf leaf = target.leaves().get(i);
        leafLine.setText(leaf.qualifiedName() + " · " + (leaf.bound() == null ? "(inheritance child)" : leaf.bound())
                + " · " + leaf.state().label());
    }

    /** Outlines these leaves (the comparison's differences). */
    public void setHighlighted(Set<String> names) {
        grid.setHighlighted(names);
    }

    public void setOnLeafSelected(Consumer<Leaf> action) {
        onLeafSelected = action;
    }

    public LeafGrid grid() {
        return grid;
    }

    public RangeTimeline timeline() {
        return timeline;
    }

    public Label header() {
        return header;
    }

    public Label leafLine() {
        return leafLine;
    }

    public PruningTarget target() {
        return target;
    }
}
