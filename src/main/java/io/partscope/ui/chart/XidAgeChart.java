package io.partscope.ui.chart;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Formats;
import io.partscope.ui.chart.ChartStyle.Role;
import io.partscope.ui.theme.Theme;
import io.partscope.ui.theme.Themes;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.MouseHandlerFX;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * XID age per leaf partition in tree order, against the limits that matter: autovacuum_freeze_max_age (an
 * anti-wraparound vacuum is forced), vacuum_failsafe_age (PostgreSQL 14+: vacuum drops everything to freeze) and
 * wraparound at 2^31 (the server stops assigning XIDs). Bars are coloured by the age as a share of the partition's
 * own freeze max age (a partition may set a lower one), with the browser table's thresholds.
 *
 * <p>The age axis is logarithmic. On a linear axis that reaches wraparound, every age below the usual 200M freeze
 * limit is a sliver at the bottom, which is exactly where healthy and soon-to-be-frozen partitions live; a log axis
 * keeps a 50k-old partition and a 190M-old one both visible and keeps all three limits in view. How close a bar is
 * to its limit is read from its colour, which does not depend on the axis.
 *
 * <p>Dragging zooms into partitions only: the age axis stays fixed, so the limit lines stay in view, and
 * "Reset zoom" shows every partition again. The plot keeps {@link #MIN_PLOT_HEIGHT} however little room the tab
 * has (the chart scrolls then): the vertical partition names and the legend take their height first.
 */
public final class XidAgeChart extends StackPane {
    /** XID wraparound: 2^31 transactions. */
    public static final long WRAPAROUND = 2_147_483_648L;
    /** At this share of its freeze max age a bar leaves the normal colour. */
    public static final double WATCH = 0.5;
    /** Same threshold as the browser's warning cells. */
    public static final double WARNING = 0.8;
    /** An anti-wraparound vacuum is due (the browser's danger cells). */
    public static final double DANGER = 1.0;
    /** Bands of age over the partition's freeze max age; one series each, in this order. */
    public static final List<String> BANDS = List.of("below 50% of freeze max age", "50-80%", "80-100%",
            "100% and over: anti-wraparound vacuum due");
    /** The series (in the second dataset) of per-partition freeze max ages lower than the server's. */
    public static final String OWN_LIMIT = "partition's own autovacuum_freeze_max_age";

    private static final Role[] BAND_COLOURS = {Role.ACCENT, Role.WATCH, Role.WARNING, Role.DANGER};

    /** The least height of the plot itself, in pixels: the age axis' title and the three limits fit beside it. */
    public static final double MIN_PLOT_HEIGHT = 220;
    public static final String RESET_ZOOM_ID = "xidChartResetZoom";

    /** The height the chart is measured at to learn how much of it is not plot (titles, legend, axes). */
    private static final double PROBE_HEIGHT = 1000;
    /** On-screen text (JavaFX fonts) measures a little apart from AWT's: room for that difference. */
    private static final double MEASURE_SLACK = 12;

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final Range fullDomain;
    private final ReadOnlyBooleanWrapper zoomed = new ReadOnlyBooleanWrapper(false);
    private double measuredWidth = -1;

    /** With the snapshot's autovacuum_freeze_max_age and vacuum_failsafe_age. */
    public XidAgeChart(PartitionSet set, CatalogSnapshot snapshot) {
        this(set, snapshot.autovacuumFreezeMaxAge(), snapshot.vacuumFailsafeAge());
    }

    /** @param vacuumFailsafeAge null before PostgreSQL 14 (no line then) */
    public XidAgeChart(PartitionSet set, long autovacuumFreezeMaxAge, Long vacuumFailsafeAge) {
        this(createChart(set, autovacuumFreezeMaxAge, vacuumFailsafeAge));
    }

    /** Shows a chart built by {@link #createChart} (which may run off the FX thread: it is the costly part). */
    public XidAgeChart(JFreeChart prebuilt) {
        this.chart = Objects.requireNonNull(prebuilt, "chart");
        this.viewer = ChartNodes.viewer(chart);
        ChartCanvas canvas = viewer.getCanvas();
        canvas.setRangeZoomable(false);
        // The wheel scrolls the page (when the plot needs more room than the tab has) instead of zooming.
        MouseHandlerFX wheel = canvas.getMouseHandler("scroll");
        if (wheel != null) {
            canvas.removeAuxiliaryMouseHandler(wheel);
        }
        XYPlot plot = chart.getXYPlot();
        fullDomain = plot.getDomainAxis().getRange();
        plot.getDomainAxis().addChangeListener(event ->
                zoomed.set(!plot.getDomainAxis().getRange().equals(fullDomain)));

        ScrollPane scroll = new ScrollPane(viewer);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.widthProperty().addListener((o, was, width) -> fitMinimumHeight(width.doubleValue()));

        Button reset = new Button("Reset zoom");
        reset.setId(RESET_ZOOM_ID);
        reset.setOnAction(event -> resetZoom());
        reset.visibleProperty().bind(zoomed);
        StackPane.setAlignment(reset, Pos.TOP_RIGHT);
        StackPane.setMargin(reset, new Insets(6, 24, 0, 0));
        getChildren().addAll(scroll, reset);
        Themes.follow(this, this::applyTheme);
    }

    /** Every partition again, as first drawn. */
    public void resetZoom() {
        chart.getXYPlot().getDomainAxis().setRange(fullDomain);
    }

    /** True while the partitions are zoomed into (Reset zoom is shown). */
    public ReadOnlyBooleanProperty zoomedProperty() {
        return zoomed.getReadOnlyProperty();
    }

    /** The viewer's least height at this width: whatever is not plot, plus {@link #MIN_PLOT_HEIGHT}. */
    private void fitMinimumHeight(double width) {
        if (width <= 0 || width == measuredWidth) {
            return;
        }
        measuredWidth = width;
        viewer.setMinHeight(Math.ceil(chromeHeight(chart, width) + MIN_PLOT_HEIGHT + MEASURE_SLACK));
    }

    /** The height of everything but the plot when the chart is drawn this wide (legend and names may wrap). */
    static double chromeHeight(JFreeChart chart, double width) {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            // No entity collection: the probe needs the plot's area only, not every bar's shape and tooltip.
            ChartRenderingInfo info = new ChartRenderingInfo(null);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, PROBE_HEIGHT), info);
            return PROBE_HEIGHT - info.getPlotInfo().getDataArea().getHeight();
        } finally {
            g.dispose();
        }
    }

    /** Repaints the chart in a theme's colours (the chart follows the app's theme by itself; see Themes). */
    public void applyTheme(Theme theme) {
        ChartStyle.apply(chart, ChartStyle.Palette.of(theme));
    }

    /** The chart, e.g. for {@link ChartExport#savePng}. */
    public JFreeChart chart() {
        return chart;
    }

    /** The band index (0 normal .. 3 danger) of an age as a share of its freeze max age. */
    static int band(double fraction) {
        if (fraction >= DANGER) {
            return 3;
        }
        if (fraction >= WARNING) {
            return 2;
        }
        return fraction >= WATCH ? 1 : 0;
    }

    /** The chart alone, without JavaFX (for export). */
    public static JFreeChart createChart(PartitionSet set, long autovacuumFreezeMaxAge, Long vacuumFailsafeAge) {
        Objects.requireNonNull(set, "set");
        List<PartitionMember> leaves = LeafBuckets.leaves(set);
        int perBar = LeafBuckets.perBar(leaves.size(), SizeChart.MAX_BARS);
        long youngest = leaves.stream().map(PartitionMember::xidAge).filter(a -> a != null && a > 0)
                .min(Long::compare).orElse(1_000L);
        // Ten-power floor below the youngest age, at most 1,000: ages under that are no concern and would only
        // stretch the axis.
        double floor = Math.pow(10, Math.floor(Math.log10(Math.min(1_000L, youngest))));

        List<XYIntervalSeries> bands = new ArrayList<>();
        // Tooltip texts are made here, off the FX thread: JFreeChart asks for every item's on each repaint.
        List<List<String>> tips = new ArrayList<>();
        for (String name : BANDS) {
            bands.add(new XYIntervalSeries(name));
            tips.add(new ArrayList<>());
        }
        XYSeries ownLimits = new XYSeries(OWN_LIMIT);
        PartitionMember oldest = null;
        for (LeafBuckets.Bucket bucket : LeafBuckets.of(leaves, SizeChart.MAX_BARS)) {
            PartitionMember worst = bucket.members().stream().filter(m -> m.xidAgeFraction() != null)
                    .max(Comparator.comparingDouble(PartitionMember::xidAgeFraction)).orElse(null);
            if (worst == null) {
                continue; // no age (foreign table, no privilege): no bar
            }
            if (oldest == null || worst.xidAgeFraction() > oldest.xidAgeFraction()) {
                oldest = worst;
            }
            int band = band(worst.xidAgeFraction());
            double x = (bucket.first() + bucket.last()) / 2.0;
            double age = Math.max(floor, worst.xidAge());
            bands.get(band).add(x, bucket.first() - 0.45, bucket.last() + 0.45, age, floor, age);
            tips.get(band).add(tooltip(worst));
            if (worst.freezeMaxAge() != autovacuumFreezeMaxAge) {
                ownLimits.add(x, worst.freezeMaxAge());
            }
        }
        XYIntervalSeriesCollection ages = new XYIntervalSeriesCollection();
        bands.forEach(ages::addSeries);

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true); // bars start at the axis floor: a log axis has no zero
        for (int i = 0; i < BAND_COLOURS.length; i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour(BAND_COLOURS[i]));
        }
        renderer.setDefaultToolTipGenerator((data, series, item) -> tips.get(series).get(item));

        LogAxis ageAxis = new LogAxis("XID age (log scale)");
        ageAxis.setBase(10);
        ageAxis.setTickUnit(new NumberTickUnit(1)); // one labelled tick per power of ten
        ageAxis.setMinorTickCount(9);
        ageAxis.setMinorTickMarksVisible(true);
        ageAxis.setNumberFormatOverride(new ChartAxes.LabelFormat(XidAgeChart::powerOfTen));
        ageAxis.setSmallestValue(floor);
        // Room above wraparound for its label.
        ageAxis.setRange(floor, WRAPAROUND * 2.5);
        ageAxis.setAutoRange(false);

        XYPlot plot = new LimitKeepingPlot(ages, ChartAxes.partitionAxis(leaves), ageAxis, renderer);
        if (ownLimits.getItemCount() > 0) {
            XYLineAndShapeRenderer dashes = new XYLineAndShapeRenderer(false, true);
            dashes.setSeriesShape(0, new Rectangle2D.Double(-4, -1, 8, 2));
            dashes.setSeriesPaint(0, ChartStyle.colour(Role.TEXT));
            dashes.setDefaultToolTipGenerator((data, series, item) -> "own autovacuum_freeze_max_age "
                    + Formats.age(data.getY(series, item).longValue()));
            plot.setDataset(1, new XYSeriesCollection(ownLimits));
            plot.setRenderer(1, dashes);
        }

        // The freeze limit's label sits at the left: the failsafe age may be set anywhere from just above it to
        // just below wraparound, so the other two, on the right, share their corner only with each other.
        plot.addRangeMarker(limit(autovacuumFreezeMaxAge, "autovacuum_freeze_max_age " + big(autovacuumFreezeMaxAge),
                Role.WARNING, true, false), Layer.FOREGROUND);
        if (vacuumFailsafeAge != null) {
            // Just below wraparound on a log axis: its label goes under the line, wraparound's above its own.
            plot.addRangeMarker(limit(vacuumFailsafeAge, "vacuum_failsafe_age " + big(vacuumFailsafeAge),
                    Role.DANGER, false, true), Layer.FOREGROUND);
        }
        plot.addRangeMarker(limit(WRAPAROUND, "wraparound 2^31 (" + big(WRAPAROUND) + ")", Role.TEXT, true, true),
                Layer.FOREGROUND);

        JFreeChart chart = new JFreeChart("XID age per partition: " + set.schema() + "." + set.name(),
                ChartStyle.TITLE_FONT, plot, true);
        chart.addSubtitle(0, ChartStyle.subtitle(summary(leaves.size(), perBar, oldest, vacuumFailsafeAge)));
        return ChartStyle.apply(chart);
    }

    private static ValueMarker limit(long age, String label, Role colour, boolean labelAbove, boolean right) {
        ValueMarker marker = ChartStyle.marker(new ValueMarker(age), label, colour,
                colour == Role.TEXT ? ChartStyle.MARKER_STROKE : ChartStyle.DASHED_STROKE);
        if (right) {
            marker.setLabelAnchor(labelAbove ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
            marker.setLabelTextAnchor(labelAbove ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
        } else {
            marker.setLabelAnchor(labelAbove ? RectangleAnchor.TOP_LEFT : RectangleAnchor.BOTTOM_LEFT);
            marker.setLabelTextAnchor(labelAbove ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
        }
        marker.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 6, 2, 6));
        return marker;
    }

    private static String summary(int leaves, int perBar, PartitionMember oldest, Long failsafe) {
        StringBuilder text = new StringBuilder(Formats.count((long) leaves)).append(" partitions");
        if (oldest != null) {
            text.append("; nearest its freeze limit: ").append(oldest.name()).append(": ").append(Formats.age(oldest.xidAge()))
                    .append(" (").append(Formats.percent(oldest.xidAgeFraction())).append(" of its freeze max age)");
        }
        if (perBar > 1) {
            text.append("; each bar is the oldest of ").append(perBar).append(" neighbouring partitions");
        }
        if (failsafe == null) {
            text.append("; no vacuum_failsafe_age before PostgreSQL 14");
        }
        return text.toString();
    }

    private static String tooltip(PartitionMember m) {
        return m.schema() + "." + m.name() + ": XID age " + Formats.count(m.xidAge()) + " ("
                + Formats.percent(m.xidAgeFraction()) + " of its freeze max age " + big(m.freezeMaxAge()) + ")";
    }

    /** 200M, 1.6B, 2.1B: limits as a DBA says them. */
    static String big(long n) {
        if (n >= 1_000_000_000L) {
            return trim(String.format(Locale.ROOT, "%.2f", n / 1e9)) + "B";
        }
        if (n >= 1_000_000L) {
            return trim(String.format(Locale.ROOT, "%.1f", n / 1e6)) + "M";
        }
        if (n >= 1_000L) {
            return trim(String.format(Locale.ROOT, "%.1f", n / 1e3)) + "k";
        }
        return Long.toString(n);
    }

    private static String trim(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
    }

    /** Tick labels on the log axis: 1, 10, 100, 1k ... 1B. */
    private static String powerOfTen(double value) {
        return value < 1 ? "" : big(Math.round(value));
    }

    /**
     * A plot whose age axis never zooms: not by a drag (which zooms the partitions only) nor by the drag back, which
     * would otherwise auto-range the axis to the bars and drop wraparound and the failsafe age out of view.
     */
    private static final class LimitKeepingPlot extends XYPlot {
        private static final long serialVersionUID = 1L;

        LimitKeepingPlot(XYDataset dataset, org.jfree.chart.axis.ValueAxis domain, org.jfree.chart.axis.ValueAxis range,
                XYItemRenderer renderer) {
            super(dataset, domain, range, renderer);
        }

        @Override
        public boolean isRangeZoomable() {
            return false;
        }

        @Override
        public void zoomRangeAxes(double factor, PlotRenderingInfo info, Point2D source) {
            // the limits stay in view
        }

        @Override
        public void zoomRangeAxes(double factor, PlotRenderingInfo info, Point2D source, boolean useAnchor) {
            // the limits stay in view
        }

        @Override
        public void zoomRangeAxes(double lowerPercent, double upperPercent, PlotRenderingInfo info, Point2D source) {
            // the limits stay in view
        }
    }
}
