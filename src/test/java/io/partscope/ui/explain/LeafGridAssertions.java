package io.partscope.ui.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.explain.PruningTarget;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.paint.Color;
import org.testfx.api.FxRobot;

/** What a user sees in the leaves grid, for the EXPLAIN tests: a leaf's cell, and the colour drawn there. */
final class LeafGridAssertions {
    private LeafGridAssertions() {
    }

    /** The position of a leaf in the set (and so its cell in the grid). */
    static int indexOf(PruningTarget target, String leaf) {
        for (int i = 0; i < target.leaves().size(); i++) {
            if (target.leaves().get(i).qualifiedName().equals(leaf)) {
                return i;
            }
        }
        throw new AssertionError("no leaf " + leaf);
    }

    /** The colour a user sees at the centre of a cell: the grid's image, read back. */
    static Color colourOf(FxRobot robot, LeafGrid grid, int index) {
        AtomicReference<Color> out = new AtomicReference<>();
        robot.interact(() -> {
            Point2D c = grid.cellCenter(index);
            out.set(grid.colourAt(c.getX(), c.getY()));
        });
        return out.get();
    }

    static void assertSameColour(Color expected, Color actual) {
        assertTrue(Math.abs(expected.getRed() - actual.getRed()) < 0.02
                && Math.abs(expected.getGreen() - actual.getGreen()) < 0.02
                && Math.abs(expected.getBlue() - actual.getBlue()) < 0.02, expected + " vs " + actual);
    }
}
