package io.partscope.ui.theme;

import io.partscope.core.db.Environment;
import io.partscope.core.profile.UserSettings;
import java.io.IOException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's theme: read from settings.json at start, applied to every styled scene through {@link Themes}, and
 * written back when the user changes it. A settings file that cannot be read gives the light theme; one that cannot
 * be written keeps the choice for this session (both logged). FX thread only.
 *
 * <pre>{@code
 * ThemeController themes = ThemeController.standard(environment);
 * themes.install(scene);
 * darkItem.selectedProperty().bindBidirectional(themes.darkProperty());
 * }</pre>
 */
public final class ThemeController {
    private static final Logger LOG = LoggerFactory.getLogger(ThemeController.class);

    private final UserSettings settings;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");

    /** Reads the saved theme and makes it the app's current one. */
    public ThemeController(UserSettings settings) {
        this.settings = settings;
        Theme saved = settings.get(UserSettings.THEME).map(id -> Theme.fromId(id).orElseGet(() -> {
            LOG.warn("unknown theme \"{}\" in {}; using the light theme", id, settings.file());
            return Theme.LIGHT;
        })).orElse(Theme.LIGHT);
        theme.set(saved);
        dark.set(saved == Theme.DARK);
        Themes.setCurrent(saved);
        theme.addListener((obs, old, now) -> {
            if (now == null) {
                theme.set(old);
                return;
            }
            dark.set(now == Theme.DARK);
            Themes.setCurrent(now);
            save(now);
        });
        dark.addListener((obs, was, is) -> theme.set(is ? Theme.DARK : Theme.LIGHT));
    }

    /** The controller over the user's config folder. */
    public static ThemeController standard(Environment environment) {
        return new ThemeController(UserSettings.standard(environment));
    }

    /** The theme; set it to switch every styled scene and remember the choice. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** True for the dark theme: for a "Dark theme" check menu item (bind bidirectionally). */
    public BooleanProperty darkProperty() {
        return dark;
    }

    public Theme theme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(value);
    }

    /** The main window's scene: the stylesheet, and the theme now and on every change. */
    public void install(Scene scene) {
        Themes.style(scene);
    }

    private void save(Theme value) {
        try {
            settings.put(UserSettings.THEME, value.id());
        } catch (IOException e) {
            LOG.warn("could not save the theme to {}: {}; it applies until Partscope closes", settings.file(),
                    e.toString());
        }
    }
}
