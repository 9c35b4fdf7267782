package io.partscope.ui.explain;

import static io.partscope.ui.explain.LeafGridAssertions.assertSameColour;
import static io.partscope.ui.explain.LeafGridAssertions.colourOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PruningTarget;
import io.partscope.ui.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The leaves grid of 100,000 leaves in its scroll pane: what the user sees is drawn (the cells in the viewport, in
 * their state's colour, outlined when highlighted), the rest is not painted until scrolled into view.
 */
@ExtendWith(ApplicationExtension.class)
class LeafGridScrollTest {
    private static final int LEAVES = 100_000;
    private LeafGrid grid;
    private ScrollPane scroll;

    @Start
    void start(Stage stage) {
        grid = new LeafGrid();
        scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 800, 400);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    /** Every tenth leaf scanned, the others pruned; the last leaf never executed. */
    private static List<PruningTarget.Leaf> leaves() {
        List<PruningTarget.Leaf> list = new ArrayList<>(LEAVES);
        for (int i = 0; i < LEAVES; i++) {
            LeafState state = i == LEAVES - 1 ? LeafState.NEVER_EXECUTED
                    : i % 10 == 0 ? LeafState.SCANNED : LeafState.PRUNED_AT_PLAN_TIME;
            list.add(new PruningTarget.Leaf(i + 1, "public.p_" + i, "FOR VALUES IN (" + i + ")", 1, state));
        }
        return list;
    }

    private void show(FxRobot robot, Set<String> highlighted) {
        robot.interact(() -> {
            grid.setLeaves(leaves());
            grid.setHighlighted(highlighted);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Color fill(FxRobot robot, LeafState state) {
        AtomicReference<Color> out = new AtomicReference<>();
        robot.interact(() -> out.set((Color) grid.palette().fill(state)));
        return out.get();
    }

    @Test
    void onlyTheCellsInTheViewportArePainted(FxRobot robot) {
        show(robot, Set.of());
        double[] band = grid.drawnBand();
        assertEquals(0, band[0]);
        assertTrue(band[1] <= 400, "the image covers the viewport, not the grid's "
                + grid.getHeight() + " px: " + band[1]);
        assertTrue(grid.getHeight() > 2_000, "a grid taller than the viewport: " + grid.getHeight());
        assertSameColour(fill(robot, LeafState.SCANNED), colourOf(robot, grid, 0));
        assertSameColour(fill(robot, LeafState.PRUNED_AT_PLAN_TIME), colourOf(robot, grid, 1));
        // The last leaf is far below: nothing is painted there yet.
        assertEquals(Color.TRANSPARENT, colourOf(robot, grid, LEAVES - 1));
    }

    @Test
    void scrollingToTheEndPaintsTheCellsThatComeIntoView(FxRobot robot) {
        show(robot, Set.of("public.p_99990"));
        robot.interact(() -> scroll.setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();

        double[] band = grid.drawnBand();
        assertTrue(band[0] > 0, "the band moved down: " + band[0]);
        assertTrue(band[1] - band[0] <= 400, "still one viewport tall: " + (band[1] - band[0]));
        // The last leaf: never executed, a hollow square (the mark) in the middle of a filled cell.
        assertSameColour(fill(robot, LeafState.NEVER_EXECUTED), colourAtCorner(robot, LEAVES - 1));
        assertSameColour(fill(robot, LeafState.SCANNED), colourOf(robot, grid, 99_990));
        assertSameColour(fill(robot, LeafState.PRUNED_AT_PLAN_TIME), colourOf(robot, grid, 99_991));
        // The highlighted leaf has its outline just outside the cell.
        AtomicReference<Color> outline = new AtomicReference<>();
        AtomicReference<Color> highlight = new AtomicReference<>();
        robot.interact(() -> {
            javafx.geometry.Point2D c = grid.cellCenter(99_990);
            outline.set(grid.colourAt(c.getX() - grid.cellSize() / 2 - 1, c.getY()));
            highlight.set((Color) grid.palette().highlight());
        });
        assertSameColour(highlight.get(), outline.get());
        // The top of the grid is out of view now, and no longer painted.
        assertEquals(Color.TRANSPARENT, colourOf(robot, grid, 0));
    }

    /** The colour near a cell's top-left corner (inside the cell, outside any inner mark). */
    private Color colourAtCorner(FxRobot robot, int index) {
        AtomicReference<Color> out = new AtomicReference<>();
        robot.interact(() -> {
            javafx.geometry.Point2D c = grid.cellCenter(index);
            double half = grid.cellSize() / 2;
            out.set(grid.colourAt(c.getX() - half + 0.5, c.getY() - half + 0.5));
        });
        return out.get();
    }
}
