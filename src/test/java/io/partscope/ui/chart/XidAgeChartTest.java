package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Strategy;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import io.partscope.ui.Styles;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.testfx.util.WaitForAsyncUtils;
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

    /** Shown as the XID age tab shows it, in a window of this size. */
    private XidAgeChart showIn(FxRobot robot, PartitionSet set, double width, double height) {
        XidAgeChart[] chart = new XidAgeChart[1];
        robot.interact(() -> {
            chart[0] = new XidAgeChart(set, FREEZE, 1_600_000_000L);
            Scene scene = new Scene(chart[0], width, height);
            scene.getStylesheets().add(Styles.STYLESHEET);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return chart[0];
    }

    /** The plot as last drawn on screen, in the canvas' coordinates. */
    private static Rectangle2D dataArea(FxRobot robot, XidAgeChart chart) {
        WaitForAsyncUtils.waitForFxEvents();
        return ChartTestSupport.viewerIn(robot, chart).getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
    }

    private static Point2D onScreen(FxRobot robot, XidAgeChart chart, double xShare, double yShare) {
        Rectangle2D area = dataArea(robot, chart);
        ChartViewer viewer = ChartTestSupport.viewerIn(robot, chart);
        return viewer.getCanvas().localToScreen(area.getMinX() + xShare * area.getWidth(),
                area.getMinY() + yShare * area.getHeight());
    }

    private static FontMetrics metrics(Font font) {
        return new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics().getFontMetrics(font);
    }

    @Test
    void inASmallTabThePlotKeepsItsMinimumHeightAndTheChartScrolls(FxRobot robot) {
        // About what the XID age tab gets below the sets table at the default layout.
        XidAgeChart chart = showIn(robot, fourBands(), 1000, 260);

        Rectangle2D area = dataArea(robot, chart);
        assertThat(area.getHeight()).isGreaterThanOrEqualTo(XidAgeChart.MIN_PLOT_HEIGHT);
        // The age axis' title, written upwards beside the plot, fits it: it no longer runs into the subtitle.
        var axis = chart.chart().getXYPlot().getRangeAxis();
        assertThat(metrics(axis.getLabelFont()).stringWidth(axis.getLabel())).isLessThan((int) area.getHeight());
        assertThat(ChartTestSupport.viewerIn(robot, chart).getHeight()).isGreaterThan(260);
    }

    @Test
    void theLimitLabelsDoNotOverlapAtTheMinimumHeight(FxRobot robot) {
        List<PartitionMember> leaves = new ArrayList<>(fourBands().partitions());
        // A five-transaction-old partition stretches the axis down to 1: ten powers of ten share the height.
        leaves.add(ChartFixtures.leaf("t", "fresh", "FOR VALUES FROM (6) TO (7)", 8192, 1, 5L, FREEZE));
        XidAgeChart chart = showIn(robot, ChartFixtures.set("t", Strategy.RANGE, "RANGE (id)", leaves), 1000, 260);
        Rectangle2D area = dataArea(robot, chart);
        XYPlot plot = chart.chart().getXYPlot();

        List<Rectangle2D> labels = new ArrayList<>();
        for (Object o : plot.getRangeMarkers(Layer.FOREGROUND)) {
            ValueMarker m = (ValueMarker) o;
            double y = plot.getRangeAxis().valueToJava2D(m.getValue(), area, RectangleEdge.LEFT);
            FontMetrics fm = metrics(m.getLabelFont());
            double w = fm.stringWidth(m.getLabel());
            double h = fm.getAscent() + fm.getDescent();
            var inset = m.getLabelOffset();
            boolean right = m.getLabelAnchor().toString().contains("RIGHT");
            boolean above = m.getLabelAnchor().toString().contains("TOP");
            double x = right ? area.getMaxX() - inset.getRight() - w : area.getMinX() + inset.getLeft();
            double top = above ? y - inset.getTop() - h : y + inset.getBottom();
            labels.add(new Rectangle2D.Double(x, top, w, h));
        }
        assertThat(labels).hasSize(3);
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).intersects(labels.get(j)))
                        .as(markerLabels(plot).get(i) + " " + labels.get(i) + " and " + markerLabels(plot).get(j) + " "
                                + labels.get(j))
                        .isFalse();
            }
        }
    }

    @Test
    void aDragZoomsIntoPartitionsAndKeepsTheLimitLinesUntilReset(FxRobot robot) {
        XidAgeChart chart = showIn(robot, fourBands(), 1000, 600);
        XYPlot plot = chart.chart().getXYPlot();
        Range ages = plot.getRangeAxis().getRange();
        Range partitions = plot.getDomainAxis().getRange();
        Button reset = robot.lookup("#" + XidAgeChart.RESET_ZOOM_ID).queryAs(Button.class);
        assertThat(reset.isVisible()).isFalse();

        robot.drag(onScreen(robot, chart, 0.2, 0.3), MouseButton.PRIMARY).dropTo(onScreen(robot, chart, 0.6, 0.7));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(plot.getDomainAxis().getRange()).as("zoomed into partitions").isNotEqualTo(partitions);
        assertThat(plot.getRangeAxis().getRange()).isEqualTo(ages);
        assertThat(plot.getRangeAxis().getUpperBound()).isGreaterThan(XidAgeChart.WRAPAROUND);
        assertThat(reset.isVisible()).isTrue();

        robot.clickOn(reset);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(plot.getDomainAxis().getRange()).isEqualTo(partitions);
        assertThat(reset.isVisible()).isFalse();
    }

    @Test
    void aDragBackwardsKeepsTheLimitLinesToo(FxRobot robot) {
        XidAgeChart chart = showIn(robot, fourBands(), 1000, 600);
        XYPlot plot = chart.chart().getXYPlot();
        Range ages = plot.getRangeAxis().getRange();

        robot.drag(onScreen(robot, chart, 0.7, 0.6), MouseButton.PRIMARY).dropTo(onScreen(robot, chart, 0.2, 0.2));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(plot.getRangeAxis().getRange()).isEqualTo(ages);
    }
}
