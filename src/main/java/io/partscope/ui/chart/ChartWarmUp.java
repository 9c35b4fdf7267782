package io.partscope.ui.chart;

import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads JFreeChart and Java2D (classes, fonts) on a background thread at start-up. Done lazily, the first chart
 * tab paid 0.4-0.9 s on the FX thread for it (measured by the UI benchmark, docs/performance.md).
 */
public final class ChartWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(ChartWarmUp.class);

    private ChartWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void start() {
        Thread thread = new Thread(ChartWarmUp::run, "chart-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void run() {
        try {
            XYPlot plot = new XYPlot(new XYSeriesCollection(), new NumberAxis("x"), new NumberAxis("y"),
                    new XYBarRenderer());
            JFreeChart chart = new JFreeChart("warm-up", plot);
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = image.createGraphics();
            try {
                chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 64, 48));
            } finally {
                g.dispose();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("chart warm-up failed; the first chart will load the classes itself", e);
        }
    }
}
