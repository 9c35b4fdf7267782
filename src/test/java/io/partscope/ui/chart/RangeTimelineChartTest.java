package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Strategy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class RangeTimelineChartTest {
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static PartitionMember month(String name, String from, String to) {
        return ChartFixtures.leaf("events", name, "FOR VALUES FROM ('" + from + " 00:00:00+00') TO ('" + to
                + " 00:00:00+00')", 8192, 100, 1000L, ChartFixtures.FREEZE_MAX_AGE);
    }

    /** January, February, April (March missing), and a DEFAULT holding 42 rows. */
    private static PartitionSet withMarchMissing() {
        return ChartFixtures.set("events", Strategy.RANGE, "RANGE (at)", List.of(
                month("events_2026_01", "2026-01-01", "2026-02-01"),
                month("events_2026_04", "2026-04-01", "2026-05-01"),
                month("events_2026_02", "2026-02-01", "2026-03-01"),
                ChartFixtures.leaf("events", "events_default", "DEFAULT", 8192, 42, 1000L,
                        ChartFixtures.FREEZE_MAX_AGE)));
    }

    private static List<String> domainMarkerLabels(XYPlot plot) {
        List<String> labels = new java.util.ArrayList<>();
        for (Layer layer : List.of(Layer.BACKGROUND, Layer.FOREGROUND)) {
            var markers = plot.getDomainMarkers(layer);
            if (markers != null) {
                markers.forEach(m -> labels.add(((Marker) m).getLabel()));
            }
        }
        return labels;
    }

    @Test
    void drawsEveryRangeAndReportsTheGapBetweenFebruaryAndApril(FxRobot robot) {
        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage,
                () -> new RangeTimelineChart(withMarchMissing(), MARCH_10));

        ChartTestSupport.viewerIn(robot, timeline);
        XYPlot plot = timeline.chart().orElseThrow().getXYPlot();
        IntervalXYDataset data = (IntervalXYDataset) plot.getDataset();
        assertThat(data.getItemCount(0) + data.getItemCount(1)).isEqualTo(3);
        assertThat(data.getSeriesKey(2)).isEqualTo(RangeTimelineChart.GAPS);
        assertThat(data.getItemCount(2)).isEqualTo(1);
        assertThat(data.getStartXValue(2, 0)).isEqualTo((double) Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        assertThat(data.getEndXValue(2, 0)).isEqualTo((double) Instant.parse("2026-04-01T00:00:00Z").toEpochMilli());
        assertThat(domainMarkerLabels(plot)).contains("gap 2026-03-01");
        assertThat(((TextTitle) timeline.chart().orElseThrow().getSubtitle(0)).getText())
                .contains("1 gap (first: 2026-03-01 to 2026-04-01)");
        assertThat(timeline.coverage().orElseThrow().gaps()).hasSize(1);
    }

    @Test
    void theGapTooltipSaysWhereTheRowsGo(FxRobot robot) {
        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage,
                () -> new RangeTimelineChart(withMarchMissing(), MARCH_10));

        XYPlot plot = timeline.chart().orElseThrow().getXYPlot();
        String tip = plot.getRenderer().getToolTipGenerator(2, 0).generateToolTip(plot.getDataset(), 2, 0);
        assertThat(tip).isEqualTo("Gap 2026-03-01 to 2026-04-01 (31 days, after events_2026_02): rows here go to "
                + "DEFAULT events_default");
    }

    @Test
    void theDefaultPartitionIsInTheLegendWithItsRows(FxRobot robot) {
        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage,
                () -> new RangeTimelineChart(withMarchMissing(), MARCH_10));

        XYPlot plot = timeline.chart().orElseThrow().getXYPlot();
        List<String> legend = new java.util.ArrayList<>();
        for (int i = 0; i < plot.getLegendItems().getItemCount(); i++) {
            legend.add(plot.getLegendItems().get(i).getLabel());
        }
        assertThat(legend).contains("DEFAULT events_default: 42 rows", "1 gap", "3 partitions", "now");
        // the DEFAULT lane: the gap, everything before January and everything from May on
        assertThat(plot.getDataset().getItemCount(3)).isEqualTo(3);
    }

    @Test
    void nowAndTheEndOfThePartitionsAreMarked(FxRobot robot) {
        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage,
                () -> new RangeTimelineChart(withMarchMissing(), MARCH_10));

        XYPlot plot = timeline.chart().orElseThrow().getXYPlot();
        ValueMarker now = ((java.util.Collection<?>) plot.getDomainMarkers(Layer.FOREGROUND)).stream()
                .map(ValueMarker.class::cast).filter(m -> RangeTimelineChart.NOW.equals(m.getLabel())).findFirst()
                .orElseThrow();
        assertThat(now.getValue()).isEqualTo((double) MARCH_10.millis());
        assertThat(domainMarkerLabels(plot)).contains("partitions end 2026-05-01");
    }

    @Test
    void aSubPartitionedSetIsDrawnByItsLevelOneBounds(FxRobot robot) {
        PartitionMember jan = ChartFixtures.member("t", "t_2026_01", 1,
                "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')", 0, 0, null, ChartFixtures.FREEZE_MAX_AGE);
        PartitionSet set = ChartFixtures.set("t", Strategy.RANGE, "RANGE (day)", List.of(
                new PartitionMember(3, "public", "t_2026_01", "public", "t", List.of(), 1, false, false,
                        jan.bound(), "LIST (region)", false, jan.relkind(), jan.persistence(), null, List.of(), 0L, 0L,
                        0L, 0L, 0L, 0L, 0L, 0L, null, null, jan.freezeMaxAge(), null, null, jan.bloatStatus(), null,
                        null, null, null, null, false),
                ChartFixtures.member("t_2026_01", "t_2026_01_eu", 2, "FOR VALUES IN ('eu')", 8192, 5, 10L,
                        ChartFixtures.FREEZE_MAX_AGE),
                ChartFixtures.member("t", "t_2026_02", 1, "FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')", 8192, 5,
                        10L, ChartFixtures.FREEZE_MAX_AGE)));

        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage, () -> new RangeTimelineChart(set, MARCH_10));

        assertThat(timeline.isApplicable()).isTrue();
        IntervalXYDataset data = (IntervalXYDataset) timeline.chart().orElseThrow().getXYPlot().getDataset();
        assertThat(data.getItemCount(0) + data.getItemCount(1)).isEqualTo(2);
        assertThat(data.getItemCount(2)).isZero();
    }

    @Test
    void integerKeysAreDrawnOnANumberLineWithoutNow(FxRobot robot) {
        PartitionSet set = ChartFixtures.set("ids", Strategy.RANGE, "RANGE (id)", List.of(
                ChartFixtures.leaf("ids", "ids_0", "FOR VALUES FROM (0) TO (1000)", 8192, 1, 10L, 1),
                ChartFixtures.leaf("ids", "ids_2", "FOR VALUES FROM (2000) TO (MAXVALUE)", 8192, 1, 10L, 1)));

        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage, () -> new RangeTimelineChart(set, MARCH_10));

        XYPlot plot = timeline.chart().orElseThrow().getXYPlot();
        assertThat(plot.getDomainAxis()).isInstanceOf(org.jfree.chart.axis.NumberAxis.class);
        assertThat(domainMarkerLabels(plot)).containsExactly("gap 1000");
        assertThat(((TextTitle) timeline.chart().orElseThrow().getSubtitle(0)).getText())
                .contains("no DEFAULT: rows outside the ranges fail");
    }

    @Test
    void defaultsOfSubPartitionsAreSaidToBeBelowTheTopLevel() {
        long fma = io.partscope.support.Members.CLUSTER_FREEZE_MAX_AGE;
        List<PartitionMember> members = new java.util.ArrayList<>();
        for (String[] month : new String[][] {{"2026_01", "2026-01-01", "2026-02-01", "600"},
            {"2026_02", "2026-02-01", "2026-03-01", "384"}}) {
            String parent = "events_" + month[0];
            List<PartitionMember> leaves = List.of(
                    io.partscope.support.Members.leaf(parent, 2, parent + "_eu", "FOR VALUES IN ('eu')", false, 50,
                            10, fma, null),
                    io.partscope.support.Members.leaf(parent, 2, parent + "_default", "DEFAULT", true,
                            Long.parseLong(month[3]), 10, fma, null));
            members.add(io.partscope.support.Members.branch("events", parent, "FOR VALUES FROM ('" + month[1]
                    + "') TO ('" + month[2] + "')", leaves));
            members.addAll(leaves);
        }
        PartitionSet set = io.partscope.support.Members.set("events", members);
        assertThat(set.totals().defaultRows()).as("what the sets table says").isEqualTo(984);

        org.jfree.chart.JFreeChart chart = RangeTimelineChart.createChart(set, MARCH_10).orElseThrow();

        assertThat(((TextTitle) chart.getSubtitle(0)).getText())
                .contains("no DEFAULT at the top level (rows outside these ranges fail); 2 sub-partitions have one"
                        + " (984 rows)")
                .doesNotContain("no DEFAULT: rows outside the ranges fail");
        List<String> legend = new java.util.ArrayList<>();
        org.jfree.chart.LegendItemCollection items = chart.getXYPlot().getFixedLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            legend.add(items.get(i).getLabel());
        }
        assertThat(legend).contains("2 top-level partitions", "no top-level DEFAULT");
    }

    @Test
    void aHashSetSaysThereIsNoTimeline(FxRobot robot) {
        PartitionSet set = ChartFixtures.set("sessions", Strategy.HASH, "HASH (id)", List.of(
                ChartFixtures.leaf("sessions", "sessions_0", "FOR VALUES WITH (modulus 2, remainder 0)", 8192, 1, 10L,
                        ChartFixtures.FREEZE_MAX_AGE),
                ChartFixtures.leaf("sessions", "sessions_1", "FOR VALUES WITH (modulus 2, remainder 1)", 8192, 1, 10L,
                        ChartFixtures.FREEZE_MAX_AGE)));

        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage, () -> new RangeTimelineChart(set, MARCH_10));

        assertThat(timeline.isApplicable()).isFalse();
        assertThat(timeline.chart()).isEmpty();
        Label shown = robot.from(timeline).lookup(".placeholder-text").queryAs(Label.class);
        assertThat(shown.isVisible()).isTrue();
        assertThat(shown.getText()).isEqualTo(
                "No timeline: public.sessions is HASH partitioned; the timeline shows RANGE partitions.");
    }

    @Test
    void aMultiColumnKeySaysWhyThereIsNoTimeline(FxRobot robot) {
        PartitionSet set = ChartFixtures.set("m", Strategy.RANGE, "RANGE (a, b)", List.of(
                ChartFixtures.leaf("m", "m_0", "FOR VALUES FROM (0, 0) TO (10, 0)", 8192, 1, 10L, 1)));

        RangeTimelineChart timeline = ChartTestSupport.show(robot, stage, () -> new RangeTimelineChart(set, MARCH_10));

        assertThat(timeline.message()).contains("No timeline: the bounds of public.m are not a single date, "
                + "timestamp or integer column (RANGE (a, b)).");
    }

    @Test
    void fourHundredDailyPartitionsStayOneBarEach() {
        PartitionSet set = ChartFixtures.dailyMetrics(LocalDate.of(2025, 10, 1), 400,
                List.of(LocalDate.of(2026, 3, 14)), 10);

        XYPlot plot = RangeTimelineChart.createChart(set, MARCH_10).orElseThrow().getXYPlot();

        IntervalXYDataset data = (IntervalXYDataset) plot.getDataset();
        assertThat(data.getItemCount(0) + data.getItemCount(1)).isEqualTo(399);
        assertThat(data.getItemCount(2)).isEqualTo(1);
    }

    /** Daily partitions, as the demo's public.metrics_daily (400 days). */
    private static PartitionSet daily(int days) {
        return every(days, 1, LocalDate.of(2025, 11, 1));
    }

    /** {@code count} ranges of {@code days} each from {@code first}: 105 weeks is the demo's telephony.call_logs. */
    private static PartitionSet every(int count, int days, LocalDate first) {
        List<PartitionMember> members = new java.util.ArrayList<>();
        for (int d = 0; d < count; d++) {
            members.add(month("m_" + d, first.plusDays((long) d * days).toString(),
                    first.plusDays((long) (d + 1) * days).toString()));
        }
        return ChartFixtures.set("events", Strategy.RANGE, "RANGE (at)", members);
    }

    @Test
    void everyKeyAxisLabelIsDrawnWholeInsideTheChart(FxRobot robot) {
        List<String> cut = new java.util.ArrayList<>();
        for (PartitionSet set : List.of(withMarchMissing(), daily(400), daily(30), daily(3),
                every(105, 7, LocalDate.of(2024, 12, 30)))) {
            RangeTimelineChart timeline = ChartTestSupport.show(robot, stage,
                    () -> new RangeTimelineChart(set, MARCH_10));
            org.jfree.chart.JFreeChart chart = timeline.chart().orElseThrow();
            java.awt.Color background = (java.awt.Color) chart.getBackgroundPaint();
            for (int width = 500; width <= 1900; width += 10) {
                org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
                java.awt.image.BufferedImage image = chart.createBufferedImage(width, 300, info);
                java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
                // The tick labels' band below the plot: no ink may touch the image's left or right edge.
                for (int y = (int) area.getMaxY() + 1; y < Math.min(300, area.getMaxY() + 24); y++) {
                    for (int x : new int[] {0, width - 1}) {
                        if (image.getRGB(x, y) != background.getRGB()) {
                            cut.add(set.partitions().size() + " partitions at " + width + " px, edge " + x);
                            y = 300;
                            break;
                        }
                    }
                }
            }
        }
        assertThat(cut).isEmpty();
    }
}
