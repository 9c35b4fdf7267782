package io.partscope.ui.theme;

import java.util.Locale;
import java.util.Optional;

/** The two palettes of partscope.css. DARK is the style class {@value #DARK_STYLE_CLASS} on a scene's root. */
public enum Theme {
    LIGHT,
    DARK;

    /** The style class that switches partscope.css to its dark palette ({@code .root.dark}). */
    public static final String DARK_STYLE_CLASS = "dark";

    /** The name in settings.json: "light", "dark". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme of a settings name, ignoring case; empty for anything else. */
    public static Optional<Theme> fromId(String id) {
        for (Theme theme : values()) {
            if (theme.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }
}
