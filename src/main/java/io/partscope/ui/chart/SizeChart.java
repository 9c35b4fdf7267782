package io.partscope.ui.chart;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Formats;
import io.partscope.ui.chart.ChartStyle.Role;
import io.partscope.ui.theme.Theme;
import io.partscope.ui.theme.Themes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Size per leaf partition (total: table, indexes, TOAST), leaves in tree order. Up to {@link #MAX_BARS} leaves each
 * get a bar; beyond that neighbouring leaves share one, drawn at the size of the largest of them, so one huge
 * partition still stands out; the tooltip names the run, its largest member and the run's total.
 */
public final class SizeChart extends StackPane {
    /** At most this many bars; more leaves are grouped with their neighbours. */
    public static final int MAX_BARS = 500;
    /** The series of ordinary partitions (series 0). */
    public static final String PARTITIONS = "Partition size";
    /** The series of DEFAULT partitions (series 1, when shown one per bar). */
    public static final String DEFAULTS = "DEFAULT partition";

    private final JFreeChart chart;

    public SizeChart(PartitionSet set) {
        this(createChart(set));
    }

    /** Shows a chart built by {@link #createChart} (which may run off the FX thread: it is the costly part). */
    public SizeChart(JFreeChart prebuilt) {
        this.chart = Objects.requireNonNull(prebuilt, "chart");
        getChildren().add(ChartNodes.viewer(chart));
        Themes.follow(this, this::applyTheme);
    }

    /** Repaints the chart in a theme's colours (the chart follows the app's theme by itself; see Themes). */
    public void applyTheme(Theme theme) {
        ChartStyle.apply(chart, ChartStyle.Palette.of(theme));
    }

    /** The chart, e.g. for {@link ChartExport#savePng}. */
    public JFreeChart chart() {
        return chart;
    }

    /** The chart alone, without JavaFX (for export and for the CLI). */
    public static JFreeChart createChart(PartitionSet set) {
        Objects.requireNonNull(set, "set");
        List<PartitionMember> leaves = LeafBuckets.leaves(set);
        List<LeafBuckets.Bucket> buckets = LeafBuckets.of(leaves, MAX_BARS);
        int perBar = LeafBuckets.perBar(leaves.size(), MAX_BARS);

        XYIntervalSeries partitions = new XYIntervalSeries(PARTITIONS);
        XYIntervalSeries defaults = new XYIntervalSeries(DEFAULTS);
        // Tooltip texts are made here, off the FX thread: JFreeChart asks for every item's on each repaint.
        List<List<String>> tips = List.of(new ArrayList<>(), new ArrayList<>());
        long total = 0;
        for (LeafBuckets.Bucket bucket : buckets) {
            PartitionMember largest = largest(bucket);
            total += bucket.members().stream().map(PartitionMember::totalBytes).filter(Objects::nonNull)
                    .mapToLong(Long::longValue).sum();
            if (largest == null || largest.totalBytes() == null) {
                continue; // sizes unknown (locked by DDL, no privilege): no bar rather than a false zero
            }
            boolean isDefault = bucket.single() && largest.isDefault();
            XYIntervalSeries series = isDefault ? defaults : partitions;
            double bytes = largest.totalBytes();
            series.add((bucket.first() + bucket.last()) / 2.0, bucket.first() - 0.45, bucket.last() + 0.45, bytes,
                    bytes, bytes);
            tips.get(isDefault ? 1 : 0).add(tooltip(bucket));
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(partitions);
        if (defaults.getItemCount() > 0) {
            dataset.addSeries(defaults);
        }

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setSeriesPaint(0, ChartStyle.colour(Role.ACCENT));
        renderer.setSeriesPaint(1, ChartStyle.colour(Role.DEFAULT_PARTITION));
        renderer.setDefaultToolTipGenerator((data, series, item) -> tips.get(series).get(item));

        NumberAxis sizeAxis = ChartAxes.bytesAxis("Total size (table + indexes + TOAST)");
        XYPlot plot = new XYPlot(dataset, ChartAxes.partitionAxis(leaves), sizeAxis, renderer);
        JFreeChart chart = new JFreeChart("Size per partition: " + set.schema() + "." + set.name(),
                ChartStyle.TITLE_FONT, plot, defaults.getItemCount() > 0);
        String summary = Formats.count((long) leaves.size()) + " partitions, " + Formats.bytes(total) + " in all";
        if (perBar > 1) {
            summary += "; each bar is the largest of " + perBar + " neighbouring partitions";
        }
        chart.addSubtitle(0, ChartStyle.subtitle(summary));
        return ChartStyle.apply(chart);
    }

    private static PartitionMember largest(LeafBuckets.Bucket bucket) {
        return bucket.members().stream()
                .max(Comparator.comparing(PartitionMember::totalBytes, Comparator.nullsFirst(Long::compare)))
                .orElse(null);
    }

    private static String tooltip(LeafBuckets.Bucket bucket) {
        PartitionMember largest = largest(bucket);
        if (bucket.single()) {
            return largest.schema() + "." + largest.name() + ": " + Formats.bytes(largest.totalBytes());
        }
        long sum = bucket.members().stream().map(PartitionMember::totalBytes).filter(Objects::nonNull)
                .mapToLong(Long::longValue).sum();
        return bucket.members().get(0).name() + " .. " + bucket.members().get(bucket.members().size() - 1).name()
                + " (" + bucket.members().size() + " partitions): " + Formats.bytes(sum) + " in all, largest "
                + largest.name() + " " + Formats.bytes(largest.totalBytes());
    }
}
