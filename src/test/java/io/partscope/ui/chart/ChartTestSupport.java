package io.partscope.ui.chart;

import io.partscope.ui.Styles;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.IntervalXYDataset;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Shows a chart component in the test stage, as the app would, and reads what it draws. */
final class ChartTestSupport {
    private ChartTestSupport() {
    }

    static <N extends Region> N show(FxRobot robot, Stage stage, java.util.function.Supplier<N> component) {
        Object[] built = new Object[1];
        robot.interact(() -> {
            N node = component.get();
            Scene scene = new Scene(node, 1000, 500);
            scene.getStylesheets().add(Styles.STYLESHEET);
            stage.setScene(scene);
            stage.show();
            built[0] = node;
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        N node = (N) built[0];
        return node;
    }

    /** The viewer laid out in the window, with a size: the chart is on screen. */
    static ChartViewer viewerIn(FxRobot robot, Node root) {
        ChartViewer viewer = robot.from(root).lookup((Node n) -> n instanceof ChartViewer).queryAs(ChartViewer.class);
        if (viewer.getWidth() <= 0 || viewer.getHeight() <= 0) {
            throw new AssertionError("the chart viewer was not laid out: " + viewer.getWidth() + " x "
                    + viewer.getHeight());
        }
        return viewer;
    }

    static int itemCount(IntervalXYDataset dataset) {
        int n = 0;
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            n += dataset.getItemCount(s);
        }
        return n;
    }
}
