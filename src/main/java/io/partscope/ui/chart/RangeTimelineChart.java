package io.partscope.ui.chart;

import io.partscope.core.catalog.DefaultPartitions;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RangeBounds;
import io.partscope.core.catalog.RangeBounds.Coverage;
import io.partscope.core.catalog.RangeBounds.DateValue;
import io.partscope.core.catalog.RangeBounds.Gap;
import io.partscope.core.catalog.RangeBounds.InstantValue;
import io.partscope.core.catalog.RangeBounds.KeyType;
import io.partscope.core.catalog.RangeBounds.LongValue;
import io.partscope.core.catalog.RangeBounds.TimestampValue;
import io.partscope.core.catalog.RangeBounds.Unbounded;
import io.partscope.core.catalog.RangeBounds.Value;
import io.partscope.core.catalog.SetKind;
import io.partscope.core.catalog.Strategy;
import io.partscope.ui.Formats;
import io.partscope.ui.chart.ChartStyle.Role;
import io.partscope.ui.theme.Theme;
import io.partscope.ui.theme.Themes;
import java.awt.BasicStroke;
import java.awt.geom.Rectangle2D;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The key ranges a RANGE partition set covers, on a horizontal timeline (a number line for integer keys): each
 * partition's {@code [FROM, TO)}, the gaps between them (rows there go to the DEFAULT partition, or fail with "no
 * partition of relation found for row" without one), the stretches the DEFAULT partition catches, where the last
 * partition ends, and now. A sub-partitioned set is drawn by its level-1 bounds.
 *
 * <p>Sets it cannot draw (LIST, HASH, inheritance, multi-column or text keys) show a message saying so instead.
 * Time keys are drawn in UTC; dates and timestamps without time zone as the wall-clock times they are, with "now"
 * as the wall clock of the given clock's zone.
 */
public final class RangeTimelineChart extends StackPane {
    /** Series 0 and 1: partitions, in alternating shades so neighbours stay apart. */
    public static final String PARTITIONS = "Partitions";
    public static final String PARTITIONS_ALTERNATE = "Partitions (alternate shade)";
    /** Series 2: key ranges between two partitions that no partition holds. */
    public static final String GAPS = "Gaps";
    /** Series 3: where rows go to the DEFAULT partition (gaps and open ends), when there is one. */
    public static final String DEFAULT_CATCHES = "Caught by DEFAULT";
    /** The label of the "now" marker. */
    public static final String NOW = "now";
    /** Gap markers beyond this many are drawn without a label. */
    static final int LABELLED_GAPS = 3;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String[] LANES = {"DEFAULT", "Partitions"};
    private static final int DEFAULT_LANE = 0;
    private static final int PARTITION_LANE = 1;

    private final Coverage coverage;
    private final String message;
    private final JFreeChart chart;

    /** The coverage of a set's bounds and its chart, or the reason there is none; no JavaFX. */
    public record Prepared(Coverage coverage, String message, JFreeChart chart) {
    }

    /** Works out the timeline of a set (the bounds' coverage, the chart) without touching JavaFX. */
    public static Prepared prepare(PartitionSet set, Clock clock) {
        Objects.requireNonNull(set, "set");
        String reason = notApplicableReason(set).orElse(null);
        Coverage coverage = reason == null ? RangeBounds.coverage(set) : null;
        if (reason == null && coverage.ranges().isEmpty()) {
            reason = noRangesReason(set, coverage);
        }
        return new Prepared(coverage, reason, reason == null ? createChart(set, coverage, clock) : null);
    }

    /** With "now" from the system clock. */
    public RangeTimelineChart(PartitionSet set) {
        this(set, Clock.systemDefaultZone());
    }

    public RangeTimelineChart(PartitionSet set, Clock clock) {
        this(prepare(set, clock));
    }

    /** Shows a timeline worked out by {@link #prepare} (which may run off the FX thread: it is the costly part). */
    public RangeTimelineChart(Prepared prepared) {
        this.coverage = prepared.coverage();
        this.message = prepared.message();
        this.chart = prepared.chart();
        getChildren().add(chart != null ? ChartNodes.viewer(chart) : ChartNodes.message(message));
        Themes.follow(this, this::applyTheme);
    }

    /** Repaints the chart (if there is one) in a theme's colours; the chart follows the app's theme by itself. */
    public void applyTheme(Theme theme) {
        if (chart != null) {
            ChartStyle.apply(chart, ChartStyle.Palette.of(theme));
        }
    }

    /** The chart, e.g. for {@link ChartExport#savePng}; empty when the set cannot be drawn as a timeline. */
    public Optional<JFreeChart> chart() {
        return Optional.ofNullable(chart);
    }

    /** Whether a timeline is drawn; otherwise {@link #message()} says why not. */
    public boolean isApplicable() {
        return chart != null;
    }

    /** Why there is no timeline; empty when there is one. */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /** The gaps, overlaps and DEFAULT partition found; empty for sets that are not RANGE partitioned. */
    public Optional<Coverage> coverage() {
        return Optional.ofNullable(coverage);
    }

    /** The chart alone, without JavaFX; empty when the set cannot be drawn as a timeline. */
    public static Optional<JFreeChart> createChart(PartitionSet set, Clock clock) {
        if (notApplicableReason(set).isPresent()) {
            return Optional.empty();
        }
        Coverage coverage = RangeBounds.coverage(set);
        return coverage.ranges().isEmpty() ? Optional.empty() : Optional.of(createChart(set, coverage, clock));
    }

    private static Optional<String> notApplicableReason(PartitionSet set) {
        String name = set.schema() + "." + set.name();
        if (set.kind() == SetKind.INHERITANCE) {
            return Optional.of("No timeline: " + name + " is an inheritance set, whose children have no bounds.");
        }
        if (set.strategy() != Strategy.RANGE) {
            return Optional.of("No timeline: " + name + " is " + (set.strategy() == null ? "not"
                    : set.strategy().name()) + " partitioned; the timeline shows RANGE partitions.");
        }
        return Optional.empty();
    }

    private static String noRangesReason(PartitionSet set, Coverage coverage) {
        String name = set.schema() + "." + set.name();
        if (coverage.unread().isEmpty()) {
            return name + " has no range partitions yet" + (coverage.defaultPartition() != null
                    ? ": every row goes to its DEFAULT partition." : ".");
        }
        return "No timeline: the bounds of " + name + " are not a single date, timestamp or integer column"
                + (set.partitionKey() != null ? " (" + set.partitionKey() + ")" : "") + ".";
    }

    private static JFreeChart createChart(PartitionSet set, Coverage coverage, Clock clock) {
        boolean time = coverage.keyType() != KeyType.INTEGER;
        Double now = time ? nowPosition(coverage.keyType(), clock) : null;

        // The axis spans the finite bounds (and now), with a margin where MINVALUE/MAXVALUE ranges run off the edge.
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (RangeBounds.Covered range : coverage.ranges()) {
            for (Value v : List.of(range.bounds().lower(), range.bounds().upper())) {
                if (!(v instanceof Unbounded)) {
                    lo = Math.min(lo, position(v));
                    hi = Math.max(hi, position(v));
                }
            }
        }
        if (now != null) {
            lo = Math.min(lo, now);
            hi = Math.max(hi, now);
        }
        if (lo > hi) { // only MINVALUE..MAXVALUE
            lo = now != null ? now - Duration.ofDays(30).toMillis() : 0;
            hi = now != null ? now + Duration.ofDays(30).toMillis() : 100;
        }
        double margin = Math.max((hi - lo) * 0.04, time ? Duration.ofDays(1).toMillis() : 1);
        double axisLo = lo - margin;
        double axisHi = hi + margin;

        PartitionMember defaultPartition = coverage.defaultPartition();
        XYIntervalSeries even = new XYIntervalSeries(PARTITIONS);
        XYIntervalSeries odd = new XYIntervalSeries(PARTITIONS_ALTERNATE);
        XYIntervalSeries gaps = new XYIntervalSeries(GAPS);
        XYIntervalSeries caught = new XYIntervalSeries(DEFAULT_CATCHES);
        List<List<String>> tips = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        int i = 0;
        for (RangeBounds.Covered range : coverage.ranges()) {
            double from = clamp(range.bounds().lower(), axisLo, axisHi);
            double to = clamp(range.bounds().upper(), axisLo, axisHi);
            int series = i++ % 2;
            add(series == 0 ? even : odd, from, to, PARTITION_LANE);
            tips.get(series).add(range.member().name() + ": " + text(range.bounds().lower()) + " to "
                    + text(range.bounds().upper()) + ", " + Formats.count(rows(range.member())) + " rows");
        }
        String where = defaultPartition == null ? "rows here fail (no DEFAULT partition)"
                : "rows here go to DEFAULT " + defaultPartition.name();
        for (Gap gap : coverage.gaps()) {
            add(gaps, position(gap.from()), position(gap.to()), PARTITION_LANE);
            tips.get(2).add("Gap " + text(gap.from()) + " to " + text(gap.to()) + " (" + length(gap.from(), gap.to())
                    + ", after " + gap.before().name() + "): " + where);
            if (defaultPartition != null) {
                add(caught, position(gap.from()), position(gap.to()), DEFAULT_LANE);
                tips.get(3).add("Gap " + text(gap.from()) + " to " + text(gap.to()) + ": rows go to DEFAULT "
                        + defaultPartition.name());
            }
        }
        if (defaultPartition != null) {
            String rows = Formats.count(rows(defaultPartition)) + " rows in DEFAULT " + defaultPartition.name();
            if (coverage.uncoveredBelow()) {
                add(caught, axisLo, position(coverage.lowest().orElseThrow()), DEFAULT_LANE);
                tips.get(3).add("Below " + text(coverage.lowest().orElseThrow()) + ": rows go to DEFAULT (" + rows
                        + ")");
            }
            if (coverage.uncoveredAbove()) {
                add(caught, position(coverage.highest().orElseThrow()), axisHi, DEFAULT_LANE);
                tips.get(3).add("From " + text(coverage.highest().orElseThrow()) + " on: rows go to DEFAULT (" + rows
                        + ")");
            }
        }

        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(even);
        dataset.addSeries(odd);
        dataset.addSeries(gaps);
        dataset.addSeries(caught);

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        Role[] paints = {Role.ACCENT, Role.ACCENT_LIGHT, Role.DANGER, Role.DEFAULT_PARTITION};
        for (int s = 0; s < paints.length; s++) {
            renderer.setSeriesPaint(s, ChartStyle.colour(paints[s]));
        }
        renderer.setDefaultToolTipGenerator((data, series, item) -> tips.get(series).get(item));

        ValueAxis keyAxis = keyAxis(coverage.keyType(), set.partitionKey());
        keyAxis.setRange(axisLo, axisHi);
        if (keyAxis instanceof DateAxis dates && axisHi - axisLo >= Duration.ofDays(180).toMillis()) {
            // Month ticks or wider: ISO months, as the bounds are written ("2026-03", not "Mar-2026").
            java.text.SimpleDateFormat months = new java.text.SimpleDateFormat("yyyy-MM", Locale.ROOT);
            months.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
            dates.setDateFormatOverride(months);
        }
        SymbolAxis lanes = new SymbolAxis(null, LANES.clone());
        lanes.setGridBandsVisible(false);
        lanes.setRange(-0.6, LANES.length - 0.4);
        XYPlot plot = new XYPlot(dataset, keyAxis, lanes, renderer);
        plot.setRangeGridlinesVisible(false);

        int labelled = 0;
        for (Gap gap : coverage.gaps()) {
            // A one-day gap among 400 daily partitions is a pixel or two wide; the line keeps it visible.
            ValueMarker line = ChartStyle.marker(new ValueMarker((position(gap.from()) + position(gap.to())) / 2),
                    labelled++ < LABELLED_GAPS ? "gap " + text(gap.from()) : null, Role.DANGER,
                    new BasicStroke(2f));
            line.setLabelAnchor(RectangleAnchor.TOP);
            line.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            line.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(line, Layer.BACKGROUND);
        }
        Value highest = coverage.highest().orElseThrow();
        boolean pastTheEnd = false;
        if (coverage.uncoveredAbove()) {
            pastTheEnd = now != null && now >= position(highest);
            ValueMarker end = ChartStyle.marker(new ValueMarker(position(highest)), "partitions end " + text(highest),
                    pastTheEnd ? Role.DANGER : Role.WARNING, ChartStyle.DASHED_STROKE);
            end.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            end.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            end.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(end, Layer.FOREGROUND);
        }
        if (now != null) {
            ValueMarker nowLine = ChartStyle.marker(new ValueMarker(now), NOW, Role.TEXT, ChartStyle.MARKER_STROKE);
            nowLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            nowLine.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            nowLine.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(nowLine, Layer.FOREGROUND);
        }
        DefaultPartitions defaults = DefaultPartitions.of(set);
        plot.setFixedLegendItems(legend(coverage, defaultPartition, defaults, now != null));

        JFreeChart chart = new JFreeChart("Range coverage: " + set.schema() + "." + set.name()
                + (set.partitionKey() != null ? "  " + set.partitionKey() : ""), ChartStyle.TITLE_FONT, plot, true);
        chart.addSubtitle(0, ChartStyle.subtitle(summary(coverage, defaultPartition, defaults, pastTheEnd)));
        return ChartStyle.apply(chart);
    }

    private static LegendItemCollection legend(Coverage coverage, PartitionMember defaultPartition,
            DefaultPartitions defaults, boolean now) {
        LegendItemCollection items = new LegendItemCollection();
        Rectangle2D box = new Rectangle2D.Double(-5, -5, 10, 10);
        // "top-level" where they are sub-partitioned: the set's count ("120 partitions (96 leaves)") is larger
        boolean nested = coverage.ranges().stream().anyMatch(r -> !r.member().isLeaf());
        items.add(item(coverage.ranges().size() + (nested ? " top-level partitions" : " partitions"), Role.ACCENT,
                box));
        items.add(item(coverage.gaps().size() + (coverage.gaps().size() == 1 ? " gap" : " gaps"), Role.DANGER,
                box));
        items.add(defaultPartition == null ? item(defaults.below() > 0 ? "no top-level DEFAULT"
                : "no DEFAULT partition", Role.MUTED,
                new Rectangle2D.Double(-5, -1, 10, 2))
                : item("DEFAULT " + defaultPartition.name() + ": " + Formats.count(rows(defaultPartition)) + " rows",
                        Role.DEFAULT_PARTITION, box));
        if (now) {
            items.add(item(NOW, Role.TEXT, new Rectangle2D.Double(-1, -6, 2, 12)));
        }
        return items;
    }

    private static LegendItem item(String label, Role colour, Rectangle2D shape) {
        LegendItem item = new LegendItem(label, null, null, null, shape, ChartStyle.colour(colour));
        item.setLabelFont(ChartStyle.SUBTITLE_FONT);
        item.setLabelPaint(ChartStyle.colour(Role.TEXT));
        return item;
    }

    private static String summary(Coverage coverage, PartitionMember defaultPartition, DefaultPartitions defaults,
            boolean pastTheEnd) {
        StringBuilder text = new StringBuilder();
        text.append(coverage.ranges().size()).append(" ranges from ")
                .append(text(coverage.lowest().orElseThrow())).append(" to ")
                .append(text(coverage.highest().orElseThrow()));
        if (coverage.gaps().isEmpty()) {
            text.append("; no gaps");
        } else {
            Gap first = coverage.gaps().get(0);
            text.append("; ").append(coverage.gaps().size()).append(coverage.gaps().size() == 1 ? " gap" : " gaps")
                    .append(" (first: ").append(text(first.from())).append(" to ").append(text(first.to()))
                    .append(")");
        }
        if (!coverage.overlaps().isEmpty()) {
            text.append("; ").append(coverage.overlaps().size()).append(" overlapping");
        }
        if (defaultPartition == null && defaults.below() > 0) {
            // The sets table counts the sub-partitions' DEFAULT rows: say they are there, and that they do not
            // catch rows outside the top-level ranges.
            text.append("; no DEFAULT at the top level (rows outside these ranges fail); ")
                    .append(defaults.belowText(Formats::count));
        } else if (defaultPartition == null && (!coverage.gaps().isEmpty() || coverage.uncoveredAbove())) {
            text.append("; no DEFAULT: rows outside the ranges fail");
        }
        if (pastTheEnd) {
            text.append("; NOW IS PAST THE LAST PARTITION");
        }
        if (!coverage.unread().isEmpty()) {
            text.append("; ").append(coverage.unread().size()).append(" bounds not drawn");
        }
        return text.toString();
    }

    private static ValueAxis keyAxis(KeyType type, String partitionKey) {
        String label = partitionKey != null ? partitionKey : "partition key";
        if (type == KeyType.INTEGER) {
            NumberAxis axis = new NumberAxis(label);
            axis.setAutoRangeIncludesZero(false);
            return axis;
        }
        DateAxis axis = new DateAxis(label + (type == KeyType.TIMESTAMPTZ ? ", UTC" : ""),
                TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
        return axis;
    }

    private static void add(XYIntervalSeries series, double from, double to, int lane) {
        series.add((from + to) / 2, from, to, lane, lane - 0.32, lane + 0.32);
    }

    private static double clamp(Value v, double axisLo, double axisHi) {
        if (v == Unbounded.MINVALUE) {
            return axisLo;
        }
        return v == Unbounded.MAXVALUE ? axisHi : position(v);
    }

    /** Where a finite value sits on the axis: epoch milliseconds (wall clock as UTC) or the integer itself. */
    static double position(Value v) {
        if (v instanceof InstantValue i) {
            return i.instant().toEpochMilli();
        }
        if (v instanceof TimestampValue t) {
            return t.dateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (v instanceof DateValue d) {
            return d.date().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (v instanceof LongValue l) {
            return l.value();
        }
        throw new IllegalArgumentException("no position for " + v);
    }

    private static double nowPosition(KeyType type, Clock clock) {
        Instant now = clock.instant();
        return type == KeyType.TIMESTAMPTZ ? now.toEpochMilli()
                : LocalDateTime.ofInstant(now, clock.getZone()).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static long rows(PartitionMember m) {
        Long rows = m.totals() != null ? Long.valueOf(m.totals().liveTuples()) : m.liveTuples();
        return rows == null ? 0 : rows;
    }

    /** A bound as a DBA reads it: midnights as dates, instants in UTC. */
    static String text(Value v) {
        if (v instanceof InstantValue i) {
            LocalDateTime utc = LocalDateTime.ofInstant(i.instant(), ZoneOffset.UTC);
            return local(utc) + (utc.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? "" : " UTC");
        }
        if (v instanceof TimestampValue t) {
            return local(t.dateTime());
        }
        return v.toString();
    }

    private static String local(LocalDateTime t) {
        if (t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return t.toLocalDate().toString();
        }
        return t.getSecond() == 0 && t.getNano() == 0 ? MINUTES.format(t) : SECONDS.format(t);
    }

    /** A gap's length: "3 days", "6 hours", "250 values". */
    static String length(Value from, Value to) {
        if (from instanceof LongValue a && to instanceof LongValue b) {
            long n = b.value() - a.value();
            return Formats.count(n) + (n == 1 ? " value" : " values");
        }
        Duration d = Duration.ofMillis(Math.round(position(to) - position(from)));
        if (d.toDays() >= 1 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() >= 1 && d.toMinutesPart() == 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + " min";
    }
}
