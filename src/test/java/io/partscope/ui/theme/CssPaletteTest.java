package io.partscope.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keeps the theme a theme: colours are written only in the palette blocks of partscope.css, every name used is
 * defined there, and both palettes keep text readable.
 */
class CssPaletteTest {
    private static final Pattern COLOUR_LITERAL =
            Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(rgb|rgba|hsb|hsba)\\s*\\(|:\\s*(white|black)\\b");
    private static final Pattern LOOKED_UP = Pattern.compile("-ps-[a-z-]+");

    /**
     * JavaFX's parser reads a rule with a missing brace as a nested block and silently drops every rule after it
     * (a merge once lost one: the navigator's rules vanished). Parse the real stylesheet and fail on any error.
     */
    @Test
    void theStylesheetParsesWithoutErrors() throws Exception {
        javafx.collections.ObservableList<javafx.css.CssParser.ParseError> errors = javafx.css.CssParser.errorsProperty();
        errors.clear();
        new javafx.css.CssParser().parse(new java.net.URL(io.partscope.ui.Styles.STYLESHEET));
        assertThat(errors).extracting(Object::toString).isEmpty();
        String text = new String(new java.net.URL(io.partscope.ui.Styles.STYLESHEET).openStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertThat(depth).as("braces nest at most one level").isBetween(0, 1);
        }
        assertThat(depth).isZero();
    }

    @Test
    void colourLiteralsAppearOnlyInThePaletteBlocks() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (CssPalette.Rule rule : CssPalette.load().rules()) {
            if (Set.of(CssPalette.LIGHT_SELECTOR, CssPalette.DARK_SELECTOR).contains(rule.selector())) {
                continue;
            }
            for (Map.Entry<String, String> d : rule.declarations().entrySet()) {
                if (COLOUR_LITERAL.matcher(": " + d.getValue()).find()) {
                    offenders.add(rule.selector() + " { " + d.getKey() + ": " + d.getValue() + " }");
                }
            }
        }

        assertThat(offenders).as("colour literals outside .root / .root.dark").isEmpty();
    }

    @Test
    void theCheckFindsALiteralOutsideThePalette() {
        CssPalette css = CssPalette.parse(".root { -ps-text: #111111; } .x { -fx-text-fill: rgba(0, 0, 0, 0.5); }");

        assertThat(css.rules().get(1).declarations().values())
                .anyMatch(v -> COLOUR_LITERAL.matcher(": " + v).find());
    }

    @Test
    void everyLookedUpColourUsedIsDefinedInTheLightPalette() throws Exception {
        CssPalette css = CssPalette.load();
        Set<String> defined = css.block(CssPalette.LIGHT_SELECTOR).keySet();
        Set<String> undefined = new TreeSet<>();
        for (CssPalette.Rule rule : css.rules()) {
            for (String value : rule.declarations().values()) {
                Matcher m = LOOKED_UP.matcher(value);
                while (m.find()) {
                    if (!defined.contains(m.group())) {
                        undefined.add(m.group() + " (in " + rule.selector() + ")");
                    }
                }
            }
        }

        assertThat(undefined).isEmpty();
    }

    @Test
    void theDarkPaletteRedefinesOnlyNamesOfTheLightOne() throws Exception {
        CssPalette css = CssPalette.load();

        assertThat(css.block(CssPalette.LIGHT_SELECTOR).keySet())
                .containsAll(css.block(CssPalette.DARK_SELECTOR).keySet());
        assertThat(css.block(CssPalette.DARK_SELECTOR).keySet()).allMatch(n -> n.startsWith("-ps-")
                || n.startsWith("-fx-base") || n.startsWith("-fx-background") || n.startsWith("-fx-control-inner")
                || n.startsWith("-fx-accent") || n.contains("focus-color") || n.endsWith("text-color")
                || n.equals("-fx-default-button"));
    }

    @ParameterizedTest
    @CsvSource({"LIGHT, -ps-text, 7", "DARK, -ps-text, 7", "LIGHT, -ps-muted, 4.5", "DARK, -ps-muted, 4.5",
        "LIGHT, -ps-warning, 4.5", "DARK, -ps-warning, 4.5", "LIGHT, -ps-danger, 4.5", "DARK, -ps-danger, 4.5",
        "LIGHT, -ps-accent, 4.5", "DARK, -ps-accent, 4.5"})
    void textColoursAreReadableOnTheSurface(Theme theme, String name, double minimum) throws Exception {
        CssPalette css = CssPalette.load();

        assertThat(CssPalette.contrast(css.colour(theme, name), css.colour(theme, "-ps-surface")))
                .as(name + " on -ps-surface in " + theme).isGreaterThanOrEqualTo(minimum);
    }

    @ParameterizedTest
    @CsvSource({"LIGHT, -ps-text, -ps-selection", "DARK, -ps-text, -ps-selection", "LIGHT, -ps-warning, -ps-warning-bg",
        "DARK, -ps-warning, -ps-warning-bg", "LIGHT, -ps-danger, -ps-danger-bg", "DARK, -ps-danger, -ps-danger-bg",
        "LIGHT, -ps-tooltip-text, -ps-tooltip-bg", "DARK, -ps-tooltip-text, -ps-tooltip-bg",
        "LIGHT, -ps-on-accent, -ps-accent", "DARK, -ps-on-accent, -ps-accent"})
    void textOnTintedBackgroundsIsReadable(Theme theme, String text, String background) throws Exception {
        CssPalette css = CssPalette.load();

        assertThat(CssPalette.contrast(css.colour(theme, text), css.colour(theme, background)))
                .as(text + " on " + background + " in " + theme).isGreaterThanOrEqualTo(4.5);
    }

    @Test
    void theDarkThemeIsDark() throws Exception {
        CssPalette css = CssPalette.load();

        assertThat(CssPalette.luminance(css.colour(Theme.DARK, "-ps-surface"))).isLessThan(0.05);
        assertThat(CssPalette.luminance(css.colour(Theme.DARK, "-ps-bg"))).isLessThan(0.05);
        assertThat(CssPalette.luminance(css.colour(Theme.LIGHT, "-ps-surface"))).isGreaterThan(0.9);
    }
}
