package io.partscope.ui.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The charts' colours and fonts, in one place. JFreeChart draws with Java2D and cannot read the stylesheet, so the
 * {@code -ps-*} colours of partscope.css are repeated here (ChartStyleTest keeps the two in step); the few tints that
 * only charts need are marked "chart only".
 */
public final class ChartStyle {
    /** {@code -ps-ink}: text, the "now" line. */
    public static final Color INK = new Color(0x1f2430);
    /** {@code -ps-muted}: axis labels, secondary text. */
    public static final Color MUTED = new Color(0x6b7385);
    /** {@code -ps-line}: plot outline, grid lines. */
    public static final Color LINE = new Color(0xdfe3ea);
    /** {@code -ps-surface}: chart and plot background. */
    public static final Color SURFACE = new Color(0xffffff);
    /** {@code -ps-accent}: bars in the normal state. */
    public static final Color ACCENT = new Color(0x3b5bdb);
    /** {@code -ps-accent-dark}. */
    public static final Color ACCENT_DARK = new Color(0x2f4ac0);
    /** {@code -ps-warning}. */
    public static final Color WARNING = new Color(0xb35c00);
    /** {@code -ps-warning-bg}. */
    public static final Color WARNING_BG = new Color(0xfff4e0);
    /** {@code -ps-danger}. */
    public static final Color DANGER = new Color(0xc92a2a);
    /** {@code -ps-danger-bg}. */
    public static final Color DANGER_BG = new Color(0xffe8e8);
    /** The DEFAULT partition's bars and lane: {@code -ps-muted}, a catch-all rather than a partition. */
    public static final Color DEFAULT_PARTITION = MUTED;

    /** Chart only: a lighter accent, so neighbouring partitions on the timeline stay apart. */
    public static final Color ACCENT_LIGHT = new Color(0x8fa3ec);
    /** Chart only: between normal and {@link #WARNING} (XID age at 50-80% of the freeze max age). */
    public static final Color WATCH = new Color(0xe8a33d);
    /** Chart only: the faint grid. */
    public static final Color GRID = new Color(0xeceff4);

    /** The app's font ({@code -fx-font-family} on .root); Java2D falls back to a sans serif when it is missing. */
    public static final String FONT_FAMILY = "DejaVu Sans";
    public static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 14);
    public static final Font SUBTITLE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
    public static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
    public static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);
    public static final Font MARKER_FONT = new Font(FONT_FAMILY, Font.BOLD, 11);

    static final Stroke MARKER_STROKE = new BasicStroke(1.5f);
    static final Stroke DASHED_STROKE =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private ChartStyle() {
    }

    /** White background, the app's fonts and colours, no shadows or gradients; returns the chart. */
    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(SURFACE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE_FONT);
            title.setPaint(INK);
            title.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            title.setMargin(0, 4, 2, 0);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            style(chart.getSubtitle(i));
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(SURFACE);
            plot.setOutlinePaint(LINE);
            plot.setDomainGridlinePaint(GRID);
            plot.setRangeGridlinePaint(GRID);
            plot.setDomainGridlineStroke(new BasicStroke(1f));
            plot.setRangeGridlineStroke(new BasicStroke(1f));
            plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
            for (int i = 0; i < plot.getDomainAxisCount(); i++) {
                style(plot.getDomainAxis(i));
            }
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                style(plot.getRangeAxis(i));
            }
            for (int i = 0; i < plot.getRendererCount(); i++) {
                if (plot.getRenderer(i) instanceof XYBarRenderer bars) {
                    bars.setBarPainter(new StandardXYBarPainter());
                    bars.setShadowVisible(false);
                    bars.setDrawBarOutline(false);
                }
            }
        }
        return chart;
    }

    /** A subtitle line in the muted colour, left-aligned under the title. */
    static TextTitle subtitle(String text) {
        TextTitle title = new TextTitle(text);
        style(title);
        return title;
    }

    private static void style(Title title) {
        if (title instanceof TextTitle text) {
            text.setFont(SUBTITLE_FONT);
            text.setPaint(MUTED);
            text.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            text.setMargin(0, 4, 4, 0);
        } else if (title instanceof LegendTitle legend) {
            legend.setItemFont(SUBTITLE_FONT);
            legend.setItemPaint(INK);
            legend.setBackgroundPaint(SURFACE);
            legend.setFrame(BlockBorder.NONE);
            legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        }
    }

    private static void style(Axis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(MUTED);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(INK);
        axis.setAxisLinePaint(LINE);
        axis.setTickMarkPaint(LINE);
    }

    /** A labelled marker line in the given colour. */
    static <M extends Marker> M marker(M marker, String label, Color colour, Stroke stroke) {
        marker.setPaint(colour);
        marker.setStroke(stroke);
        marker.setLabel(label);
        marker.setLabelFont(MARKER_FONT);
        marker.setLabelPaint(colour);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        return marker;
    }
}
