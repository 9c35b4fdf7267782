package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.ui.chart.ChartStyle.Palette;
import io.partscope.ui.chart.ChartStyle.Role;
import io.partscope.ui.theme.CssPalette;
import io.partscope.ui.theme.Theme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart colours are the stylesheet's, in both themes: a colour changed in partscope.css must change here too. */
class ChartStyleTest {
    @ParameterizedTest
    @CsvSource({"-ps-text, TEXT", "-ps-muted, MUTED", "-ps-border, LINE", "-ps-surface, SURFACE", "-ps-accent, ACCENT",
        "-ps-warning, WARNING", "-ps-danger, DANGER", "-ps-muted, DEFAULT_PARTITION"})
    void chartColoursAreTheStylesheetColoursInBothThemes(String cssName, Role role) throws Exception {
        CssPalette css = CssPalette.load();
        for (Theme theme : Theme.values()) {
            assertThat(Palette.of(theme).colour(role).getRGB() & 0xffffff).as(theme + " " + role)
                    .isEqualTo(css.colour(theme, cssName));
        }
    }

    @ParameterizedTest
    @CsvSource({"LIGHT, ACCENT", "LIGHT, WATCH", "LIGHT, WARNING", "LIGHT, DANGER", "DARK, ACCENT", "DARK, WATCH",
        "DARK, WARNING", "DARK, DANGER", "DARK, ACCENT_LIGHT", "LIGHT, ACCENT_LIGHT"})
    void barsStandOutFromThePlotBackground(Theme theme, Role role) {
        Palette palette = Palette.of(theme);

        assertThat(CssPalette.contrast(palette.colour(role).getRGB() & 0xffffff, palette.surface()))
                .as(role + " on the plot in " + theme).isGreaterThanOrEqualTo(1.8);
    }
}
