package io.partscope.ui.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes a chart to an image file, at a size chosen for the file rather than the window. Needs no FX thread. */
public final class ChartExport {
    private ChartExport() {
    }

    /** Draws {@code chart} at {@code width} x {@code height} pixels into a PNG file, creating its folder. */
    public static void savePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a PNG needs a positive size, not " + width + " x " + height);
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
