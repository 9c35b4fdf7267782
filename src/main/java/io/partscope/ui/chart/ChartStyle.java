package io.partscope.ui.chart;

import io.partscope.ui.theme.Theme;
import io.partscope.ui.theme.Themes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.util.Collection;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The charts' colours and fonts, in one place. JFreeChart draws with Java2D and cannot read the stylesheet, so the
 * {@code -ps-*} colours of partscope.css are repeated here, once per theme ({@link Palette#LIGHT} from {@code .root},
 * {@link Palette#DARK} from {@code .root.dark}; ChartStyleTest keeps them in step); the few tints only charts need are
 * marked "chart only". Colours are given as {@link Themed}: a colour that remembers its {@link Role}, so
 * {@link #apply(JFreeChart, Palette)} can repaint a chart that is already drawn in the other theme's colours.
 */
public final class ChartStyle {
    /** What a colour means; each palette has one colour per role. */
    public enum Role {
        /** {@code -ps-text}: text, the "now" and wraparound lines. */
        TEXT,
        /** {@code -ps-muted}: axis labels, subtitles. */
        MUTED,
        /** {@code -ps-border}: plot outline, axis lines. */
        LINE,
        /** {@code -ps-rule}: the faint grid. */
        GRID,
        /** {@code -ps-surface}: chart and plot background. */
        SURFACE,
        /** {@code -ps-accent}: bars in the normal state. */
        ACCENT,
        /** Chart only: a second shade of the accent, so neighbouring partitions on the timeline stay apart. */
        ACCENT_LIGHT,
        /** Chart only: between normal and {@link #WARNING} (XID age at 50-80% of the freeze max age). */
        WATCH,
        /** {@code -ps-warning}: the freeze max age line, bars at 80-100%. */
        WARNING,
        /** {@code -ps-danger}: failsafe, gaps, anti-wraparound vacuum due. */
        DANGER,
        /** The DEFAULT partition's bars and lane: {@code -ps-muted}, a catch-all rather than a partition. */
        DEFAULT_PARTITION
    }

    /** A colour that knows its role, so a chart can be repainted in another palette. */
    public static final class Themed extends Color {
        private static final long serialVersionUID = 1L;
        private final Role role;

        Themed(Role role, int rgb) {
            super(rgb);
            this.role = role;
        }

        public Role role() {
            return role;
        }
    }

    /** One theme's chart colours. */
    public record Palette(int text, int muted, int line, int grid, int surface, int accent, int accentLight,
            int watch, int warning, int danger) {
        /** {@code .root} in partscope.css. */
        public static final Palette LIGHT = new Palette(0x1f2430, 0x6b7385, 0xdfe3ea, 0xeef0f4, 0xffffff, 0x3b5bdb,
                0x8fa3ec, 0xe8a33d, 0xa65400, 0xc92a2a);
        /** {@code .root.dark} in partscope.css. */
        public static final Palette DARK = new Palette(0xdde2ea, 0x8f98a8, 0x3a3f49, 0x2f343d, 0x23272e, 0x6b88ff,
                0x3a4f9e, 0xd9c25a, 0xf0a34a, 0xff7070);

        public static Palette of(Theme theme) {
            return theme == Theme.DARK ? DARK : LIGHT;
        }

        /** The colour of a role in this palette. */
        public Themed colour(Role role) {
            return new Themed(role, switch (role) {
                case TEXT -> text;
                case MUTED, DEFAULT_PARTITION -> muted;
                case LINE -> line;
                case GRID -> grid;
                case SURFACE -> surface;
                case ACCENT -> accent;
                case ACCENT_LIGHT -> accentLight;
                case WATCH -> watch;
                case WARNING -> warning;
                case DANGER -> danger;
            });
        }

        /** Behind a marker's label: the surface, slightly see-through. */
        Color labelBackground() {
            return new Color((surface >> 16) & 0xff, (surface >> 8) & 0xff, surface & 0xff, 220);
        }
    }

    /** The light palette's colours, for code and tests that need one fixed colour. */
    public static final Color INK = Palette.LIGHT.colour(Role.TEXT);
    public static final Color MUTED = Palette.LIGHT.colour(Role.MUTED);
    public static final Color LINE = Palette.LIGHT.colour(Role.LINE);
    public static final Color SURFACE = Palette.LIGHT.colour(Role.SURFACE);
    public static final Color ACCENT = Palette.LIGHT.colour(Role.ACCENT);
    public static final Color WARNING = Palette.LIGHT.colour(Role.WARNING);
    public static final Color DANGER = Palette.LIGHT.colour(Role.DANGER);
    public static final Color DEFAULT_PARTITION = Palette.LIGHT.colour(Role.DEFAULT_PARTITION);
    public static final Color ACCENT_LIGHT = Palette.LIGHT.colour(Role.ACCENT_LIGHT);
    public static final Color WATCH = Palette.LIGHT.colour(Role.WATCH);
    public static final Color GRID = Palette.LIGHT.colour(Role.GRID);

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

    /** The palette of the app's current theme ({@link Themes#current()}). */
    static Palette palette() {
        return Palette.of(Themes.current().get());
    }

    /** The current theme's colours, the app's fonts, no shadows or gradients; returns the chart. */
    static JFreeChart apply(JFreeChart chart) {
        return apply(chart, palette());
    }

    /**
     * Paints the chart in a palette: backgrounds, titles, axes, grid, and every series, marker and legend colour
     * given as a {@link Themed} colour. Safe to call again on a drawn chart (a theme change); the chart redraws.
     */
    public static JFreeChart apply(JFreeChart chart, Palette palette) {
        chart.setNotify(false);
        chart.setBackgroundPaint(palette.colour(Role.SURFACE));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // A date or number key axis centres each tick label on its tick, and the last tick can sit at the plot's
        // right edge: room for half a label ("2027-02", "1,000,000") so the chart's edge does not cut it.
        boolean valueKeys = chart.getPlot() instanceof XYPlot xy
                && (xy.getDomainAxis() instanceof org.jfree.chart.axis.DateAxis
                        || xy.getDomainAxis() instanceof org.jfree.chart.axis.NumberAxis
                        && !(xy.getDomainAxis() instanceof org.jfree.chart.axis.SymbolAxis));
        chart.setPadding(new RectangleInsets(8, 8, 8, valueKeys ? 40 : 12));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE_FONT);
            title.setPaint(palette.colour(Role.TEXT));
            title.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            title.setMargin(0, 4, 2, 0);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            style(chart.getSubtitle(i), palette);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(palette.colour(Role.SURFACE));
            plot.setOutlinePaint(palette.colour(Role.LINE));
            plot.setDomainGridlinePaint(palette.colour(Role.GRID));
            plot.setRangeGridlinePaint(palette.colour(Role.GRID));
            plot.setDomainGridlineStroke(new BasicStroke(1f));
            plot.setRangeGridlineStroke(new BasicStroke(1f));
            plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
            for (int i = 0; i < plot.getDomainAxisCount(); i++) {
                style(plot.getDomainAxis(i), palette);
            }
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                style(plot.getRangeAxis(i), palette);
            }
            for (int i = 0; i < plot.getRendererCount(); i++) {
                XYItemRenderer renderer = plot.getRenderer(i);
                if (renderer instanceof XYBarRenderer bars) {
                    bars.setBarPainter(new StandardXYBarPainter());
                    bars.setShadowVisible(false);
                    bars.setDrawBarOutline(false);
                }
                if (renderer != null) {
                    repaintSeries(renderer, plot.getDataset(i), palette);
                }
            }
            for (Layer layer : new Layer[] {Layer.FOREGROUND, Layer.BACKGROUND}) {
                repaintMarkers(plot.getDomainMarkers(layer), palette);
                repaintMarkers(plot.getRangeMarkers(layer), palette);
            }
            LegendItemCollection fixed = plot.getFixedLegendItems();
            if (fixed != null) {
                for (int i = 0; i < fixed.getItemCount(); i++) {
                    LegendItem item = fixed.get(i);
                    if (item.getFillPaint() instanceof Themed t) {
                        item.setFillPaint(palette.colour(t.role()));
                    }
                    item.setLabelPaint(palette.colour(Role.TEXT));
                }
            }
        }
        chart.setNotify(true); // one redraw for all of the above
        return chart;
    }

    private static void repaintSeries(XYItemRenderer renderer, XYDataset dataset, Palette palette) {
        int series = Math.max(dataset == null ? 0 : dataset.getSeriesCount(), 8);
        for (int s = 0; s < series; s++) {
            if (renderer.getSeriesPaint(s) instanceof Themed t) {
                renderer.setSeriesPaint(s, palette.colour(t.role()), false);
            }
        }
    }

    private static void repaintMarkers(Collection<?> markers, Palette palette) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            if (o instanceof Marker marker && marker.getPaint() instanceof Themed t) {
                Color colour = palette.colour(t.role());
                marker.setPaint(colour);
                marker.setLabelPaint(colour);
                marker.setLabelBackgroundColor(palette.labelBackground());
            }
        }
    }

    /** A subtitle line in the muted colour, left-aligned under the title. */
    static TextTitle subtitle(String text) {
        TextTitle title = new TextTitle(text);
        style(title, palette());
        return title;
    }

    private static void style(Title title, Palette palette) {
        if (title instanceof TextTitle text) {
            text.setFont(SUBTITLE_FONT);
            text.setPaint(palette.colour(Role.MUTED));
            text.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            text.setMargin(0, 4, 4, 0);
        } else if (title instanceof LegendTitle legend) {
            legend.setItemFont(SUBTITLE_FONT);
            legend.setItemPaint(palette.colour(Role.TEXT));
            legend.setBackgroundPaint(palette.colour(Role.SURFACE));
            legend.setFrame(BlockBorder.NONE);
            legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        }
    }

    private static void style(Axis axis, Palette palette) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(palette.colour(Role.MUTED));
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(palette.colour(Role.TEXT));
        axis.setAxisLinePaint(palette.colour(Role.LINE));
        axis.setTickMarkPaint(palette.colour(Role.LINE));
    }

    /** The current palette's colour of a role: for series, markers and legend items. */
    static Themed colour(Role role) {
        return palette().colour(role);
    }

    /** A labelled marker line in the colour of a role. */
    static <M extends Marker> M marker(M marker, String label, Role role, Stroke stroke) {
        Palette palette = palette();
        Color colour = palette.colour(role);
        marker.setPaint(colour);
        marker.setStroke(stroke);
        marker.setLabel(label);
        marker.setLabelFont(MARKER_FONT);
        marker.setLabelPaint(colour);
        marker.setLabelBackgroundColor(palette.labelBackground());
        return marker;
    }
}
