package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart colours are the stylesheet's: a colour changed in partscope.css must change here too. */
class ChartStyleTest {
    private static Map<String, Integer> stylesheetColours() throws Exception {
        try (InputStream in = io.partscope.ui.Styles.class.getResourceAsStream("partscope.css")) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(-ps-[a-z-]+):\\s*#([0-9a-fA-F]{6});").matcher(css);
            Map<String, Integer> colours = new HashMap<>();
            while (m.find()) {
                colours.putIfAbsent(m.group(1), Integer.parseInt(m.group(2), 16));
            }
            return colours;
        }
    }

    @ParameterizedTest
    @CsvSource({"-ps-ink, INK", "-ps-muted, MUTED", "-ps-line, LINE", "-ps-surface, SURFACE", "-ps-accent, ACCENT",
        "-ps-accent-dark, ACCENT_DARK", "-ps-warning, WARNING", "-ps-warning-bg, WARNING_BG", "-ps-danger, DANGER",
        "-ps-danger-bg, DANGER_BG"})
    void chartColoursAreTheStylesheetColours(String cssName, String constant) throws Exception {
        Color colour = (Color) ChartStyle.class.getField(constant).get(null);

        assertThat(colour.getRGB() & 0xffffff).isEqualTo(stylesheetColours().get(cssName));
    }
}
