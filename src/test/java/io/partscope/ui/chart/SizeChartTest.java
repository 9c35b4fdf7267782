package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Strategy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SizeChartTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static PartitionSet numbered(int leaves) {
        List<PartitionMember> members = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            members.add(ChartFixtures.leaf("t", "t_" + i, "FOR VALUES FROM (" + i + ") TO (" + (i + 1) + ")",
                    8192L * (i + 1), 10, 1000L, ChartFixtures.FREEZE_MAX_AGE));
        }
        return ChartFixtures.set("t", Strategy.RANGE, "RANGE (id)", members);
    }

    @Test
    void drawsOneBarPerLeafInTreeOrder(FxRobot robot) {
        PartitionSet set = ChartFixtures.dailyMetrics(LocalDate.of(2026, 1, 1), 30, List.of(), 5);

        SizeChart chart = ChartTestSupport.show(robot, stage, () -> new SizeChart(set));

        ChartTestSupport.viewerIn(robot, chart);
        IntervalXYDataset data = (IntervalXYDataset) chart.chart().getXYPlot().getDataset();
        assertThat(ChartTestSupport.itemCount(data)).isEqualTo(31);
        assertThat(data.getSeriesKey(0)).isEqualTo(SizeChart.PARTITIONS);
        assertThat(data.getItemCount(0)).isEqualTo(30);
        assertThat(data.getYValue(0, 0)).isEqualTo((double) set.partitions().get(0).totalBytes());
        assertThat(data.getSeriesKey(1)).isEqualTo(SizeChart.DEFAULTS);
        assertThat(data.getXValue(1, 0)).isEqualTo(30.0);
    }

    @Test
    void tooltipNamesThePartitionAndItsSize(FxRobot robot) {
        SizeChart chart = ChartTestSupport.show(robot, stage, () -> new SizeChart(numbered(3)));

        XYPlot plot = chart.chart().getXYPlot();
        String tip = plot.getRenderer().getToolTipGenerator(0, 1).generateToolTip(plot.getDataset(), 0, 1);
        assertThat(tip).isEqualTo("public.t_1: 16.0 kB");
    }

    @Test
    void thousandsOfLeavesShareAtMostFiveHundredBars(FxRobot robot) {
        SizeChart chart = ChartTestSupport.show(robot, stage, () -> new SizeChart(numbered(5_000)));

        IntervalXYDataset data = (IntervalXYDataset) chart.chart().getXYPlot().getDataset();
        assertThat(ChartTestSupport.itemCount(data)).isEqualTo(500);
        // each bar spans its ten leaves and stands as tall as the largest of them
        assertThat(data.getStartXValue(0, 0)).isLessThan(0.0);
        assertThat(data.getEndXValue(0, 0)).isGreaterThan(9.0).isLessThan(10.0);
        assertThat(data.getYValue(0, 0)).isEqualTo(8192.0 * 10);
        assertThat(chart.chart().getSubtitle(0).toString()).isNotNull();
        assertThat(((org.jfree.chart.title.TextTitle) chart.chart().getSubtitle(0)).getText())
                .contains("5,000 partitions").contains("largest of 10 neighbouring partitions");
    }

    @Test
    void sizeAxisSpeaksInBinaryUnits() {
        XYPlot plot = SizeChart.createChart(numbered(3)).getXYPlot();
        var axis = (org.jfree.chart.axis.NumberAxis) plot.getRangeAxis();

        assertThat(axis.getStandardTickUnits().getCeilingTickUnit(1_000_000_000.0).valueToString(1L << 30))
                .isEqualTo("1.0 GB");
        assertThat(axis.getStandardTickUnits().getCeilingTickUnit(1_000.0).valueToString(0)).isEqualTo("0");
    }
}
