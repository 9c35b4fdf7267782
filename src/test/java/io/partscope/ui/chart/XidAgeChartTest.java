package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Strategy;
import java.util.List;
import javafx.stage.Stage;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class XidAgeChartTest {
    private static final long FREEZE = ChartFixtures.FREEZE_MAX_AGE;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** Four leaves, one per band, and one whose own freeze max age (100M) makes 90M a warning. */
    private static PartitionSet fourBands() {
        List<PartitionMember> leaves = List.of(
                ChartFixtures.leaf("t", "young", "FOR VALUES FROM (0) TO (1)", 8192, 1, 20_000_000L, FREEZE),
                ChartFixtures.leaf("t", "middle", "FOR VALUES FROM (1) TO (2)", 8192, 1, 120_000_000L, FREEZE),
                ChartFixtures.leaf("t", "old", "FOR VALUES FROM (2) TO (3)", 8192, 1, 170_000_000L, FREEZE),
                ChartFixtures.leaf("t", "due", "FOR VALUES FROM (3) TO (4)", 8192, 1, 210_000_000L, FREEZE),
                ChartFixtures.leaf("t", "own_limit", "FOR VALUES FROM (4) TO (5)", 8192, 1, 90_000_000L, 100_000_000L),
                ChartFixtures.leaf("t", "unknown", "FOR VALUES FROM (5) TO (6)", 8192, 1, null, FREEZE));
        return ChartFixtures.set("t", Strategy.RANGE, "RANGE (id)", leaves);
    }

    private static List<String> markerLabels(XYPlot plot) {
        return ((java.util.Collection<?>) plot.getRangeMarkers(Layer.FOREGROUND)).stream().map(m -> ((Marker) m).getLabel()).toList();
    }

    @Test
    void marksFreezeMaxAgeFailsafeAndWraparound(FxRobot robot) {
        XidAgeChart chart = ChartTestSupport.show(robot, stage,
                () -> new XidAgeChart(fourBands(), FREEZE, 1_600_000_000L));

        ChartTestSupport.viewerIn(robot, chart);
        XYPlot plot = chart.chart().getXYPlot();
        assertThat(markerLabels(plot)).containsExactly("autovacuum_freeze_max_age 200M", "vacuum_failsafe_age 1.6B",
                "wraparound 2^31 (2.15B)");
        assertThat(((java.util.Collection<?>) plot.getRangeMarkers(Layer.FOREGROUND)).stream().map(m -> ((ValueMarker) m).getValue()).toList())
                .containsExactly(200_000_000.0, 1_600_000_000.0, 2_147_483_648.0);
        assertThat(plot.getRangeAxis().getUpperBound()).isGreaterThan(2_147_483_648.0);
    }

    @Test
    void withoutAFailsafeAge13HasNoFailsafeLine(FxRobot robot) {
        XidAgeChart chart = ChartTestSupport.show(robot, stage, () -> new XidAgeChart(fourBands(), FREEZE, null));

        assertThat(markerLabels(chart.chart().getXYPlot())).containsExactly("autovacuum_freeze_max_age 200M",
                "wraparound 2^31 (2.15B)");
    }

    @Test
    void barsAreColouredByTheShareOfTheirOwnFreezeMaxAge(FxRobot robot) {
        XidAgeChart chart = ChartTestSupport.show(robot, stage,
                () -> new XidAgeChart(fourBands(), FREEZE, 1_600_000_000L));

        IntervalXYDataset data = (IntervalXYDataset) chart.chart().getXYPlot().getDataset();
        // one bar per leaf with a known age, in the series of its band
        assertThat(ChartTestSupport.itemCount(data)).isEqualTo(5);
        assertThat(data.getSeriesKey(0)).isEqualTo(XidAgeChart.BANDS.get(0));
        assertThat(data.getItemCount(0)).isEqualTo(1); // young
        assertThat(data.getItemCount(1)).isEqualTo(1); // middle
        assertThat(data.getItemCount(2)).isEqualTo(2); // old, own_limit (90M of 100M)
        assertThat(data.getItemCount(3)).isEqualTo(1); // due
        assertThat(data.getXValue(3, 0)).isEqualTo(3.0);
        assertThat(chart.chart().getXYPlot().getRenderer().getSeriesPaint(3)).isEqualTo(ChartStyle.DANGER);
    }

    @Test
    void aPartitionsOwnLowerLimitIsDrawnAtItsBar(FxRobot robot) {
        XidAgeChart chart = ChartTestSupport.show(robot, stage,
                () -> new XidAgeChart(fourBands(), FREEZE, 1_600_000_000L));

        var own = chart.chart().getXYPlot().getDataset(1);
        assertThat(own.getSeriesKey(0)).isEqualTo(XidAgeChart.OWN_LIMIT);
        assertThat(own.getItemCount(0)).isEqualTo(1);
        assertThat(own.getXValue(0, 0)).isEqualTo(4.0);
        assertThat(own.getYValue(0, 0)).isEqualTo(100_000_000.0);
    }

    @Test
    void tooltipSaysTheAgeAndItsShareOfTheLimit(FxRobot robot) {
        XidAgeChart chart = ChartTestSupport.show(robot, stage,
                () -> new XidAgeChart(fourBands(), FREEZE, 1_600_000_000L));

        XYPlot plot = chart.chart().getXYPlot();
        String tip = plot.getRenderer().getToolTipGenerator(3, 0).generateToolTip(plot.getDataset(), 3, 0);
        assertThat(tip).isEqualTo("public.due: XID age 210,000,000 (105% of its freeze max age 200M)");
    }

    @ParameterizedTest
    @CsvSource({"0.0, 0", "0.49, 0", "0.5, 1", "0.79, 1", "0.8, 2", "0.99, 2", "1.0, 3", "7.5, 3"})
    void bandsFollowTheBrowsersThresholds(double fraction, int band) {
        assertThat(XidAgeChart.band(fraction)).isEqualTo(band);
    }
}
