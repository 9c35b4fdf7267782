package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.profile.UserSettings;
import io.partscope.ui.chart.ChartStyle.Palette;
import io.partscope.ui.chart.ChartStyle.Role;
import io.partscope.ui.theme.Theme;
import io.partscope.ui.theme.ThemeController;
import java.awt.Color;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javafx.stage.Stage;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Charts are drawn in the app's theme and repaint when it changes. */
@ExtendWith(ApplicationExtension.class)
class ChartThemeTest {
    @TempDir
    Path config;

    private Stage stage;
    private ThemeController themes;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        themes = new ThemeController(new UserSettings(config));
    }

    @AfterEach
    void backToLight(FxRobot robot) {
        robot.interact(() -> themes.setTheme(Theme.LIGHT));
    }

    private static PartitionSet metrics() {
        return ChartFixtures.dailyMetrics(LocalDate.of(2026, 1, 1), 30, List.of(), 5);
    }

    @Test
    void thePlotBackgroundFollowsTheTheme(FxRobot robot) {
        SizeChart chart = ChartTestSupport.show(robot, stage, () -> new SizeChart(metrics()));
        XYPlot plot = chart.chart().getXYPlot();
        assertThat(plot.getBackgroundPaint()).isEqualTo(Palette.LIGHT.colour(Role.SURFACE));

        robot.interact(() -> themes.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(plot.getBackgroundPaint()).isEqualTo(Palette.DARK.colour(Role.SURFACE));
        assertThat(chart.chart().getBackgroundPaint()).isEqualTo(Palette.DARK.colour(Role.SURFACE));
        assertThat(chart.chart().getTitle().getPaint()).isEqualTo(Palette.DARK.colour(Role.TEXT));
        assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(Palette.DARK.colour(Role.ACCENT));
    }

    @Test
    void aChartBuiltInDarkIsDarkFromTheStart(FxRobot robot) {
        robot.interact(() -> themes.setTheme(Theme.DARK));

        XidAgeChart chart = ChartTestSupport.show(robot, stage,
                () -> new XidAgeChart(metrics(), ChartFixtures.FREEZE_MAX_AGE, ChartFixtures.FAILSAFE_AGE));

        assertThat(chart.chart().getXYPlot().getBackgroundPaint()).isEqualTo(Palette.DARK.colour(Role.SURFACE));
    }

    @Test
    void theLimitLinesTakeTheThemesWarningAndDangerColours(FxRobot robot) {
        XidAgeChart chart = ChartTestSupport.show(robot, stage,
                () -> new XidAgeChart(metrics(), ChartFixtures.FREEZE_MAX_AGE, ChartFixtures.FAILSAFE_AGE));

        robot.interact(() -> themes.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();

        List<Color> lines = chart.chart().getXYPlot().getRangeMarkers(Layer.FOREGROUND).stream()
                .map(m -> (Color) ((Marker) m).getPaint()).toList();
        assertThat(lines).containsExactly(Palette.DARK.colour(Role.WARNING), Palette.DARK.colour(Role.DANGER),
                Palette.DARK.colour(Role.TEXT));
    }
}
