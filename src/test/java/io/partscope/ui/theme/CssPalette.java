package io.partscope.ui.theme;

import io.partscope.ui.Styles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** partscope.css read as a test sees it: its rule blocks, and the palette of each theme with aliases resolved. */
public final class CssPalette {
    public static final String LIGHT_SELECTOR = ".root";
    public static final String DARK_SELECTOR = ".root.dark";

    /** One rule: its selector text and its declarations in order. */
    public record Rule(String selector, Map<String, String> declarations) {
    }

    private final List<Rule> rules;

    private CssPalette(List<Rule> rules) {
        this.rules = rules;
    }

    public static CssPalette load() throws IOException {
        try (InputStream in = Styles.class.getResourceAsStream("partscope.css")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static CssPalette parse(String css) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        Matcher m = Pattern.compile("([^{}]+)\\{([^{}]*)\\}").matcher(text);
        List<Rule> rules = new ArrayList<>();
        while (m.find()) {
            Map<String, String> declarations = new LinkedHashMap<>();
            for (String declaration : m.group(2).split(";")) {
                int colon = declaration.indexOf(':');
                if (colon > 0) {
                    declarations.put(declaration.substring(0, colon).strip(), declaration.substring(colon + 1).strip());
                }
            }
            rules.add(new Rule(m.group(1).strip().replaceAll("\\s+", " "), declarations));
        }
        return new CssPalette(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The declarations of the one rule with exactly this selector. */
    public Map<String, String> block(String selector) {
        return rules.stream().filter(r -> r.selector().equals(selector)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + selector + " in partscope.css")).declarations();
    }

    /**
     * A looked-up colour as the theme's root resolves it: the dark block's value where it has one, else the light
     * block's; a value naming another looked-up colour is followed. Returns 0xRRGGBB (alpha dropped).
     */
    public int colour(Theme theme, String name) {
        String value = theme == Theme.DARK && block(DARK_SELECTOR).containsKey(name) ? block(DARK_SELECTOR).get(name)
                : block(LIGHT_SELECTOR).get(name);
        if (value == null) {
            throw new AssertionError(name + " is not defined for " + theme);
        }
        if (value.startsWith("-")) {
            return colour(theme, value);
        }
        if (value.matches("#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?")) {
            return Integer.parseInt(value.substring(1, 7), 16);
        }
        throw new AssertionError(name + " = " + value + ": not a #rrggbb colour or a name");
    }

    /** WCAG relative luminance of 0xRRGGBB. */
    public static double luminance(int rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** WCAG contrast ratio, 1 to 21. */
    public static double contrast(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
}
