package io.partscope.ui.chart;

import io.partscope.ui.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/** The JavaFX side of the charts: a viewer for a chart, or a message where a chart does not apply. */
final class ChartNodes {
    private ChartNodes() {
    }

    static ChartViewer viewer(JFreeChart chart) {
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setMinSize(200, 150);
        return viewer;
    }

    static Label message(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.PLACEHOLDER);
        label.setWrapText(true);
        label.setAlignment(Pos.CENTER);
        return label;
    }
}
