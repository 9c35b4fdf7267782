package io.partscope.ui.theme;

import io.partscope.ui.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The app's current theme, and the one call every scene and dialog makes to get the stylesheet and follow the
 * theme: {@link #style(Scene)} for a window, {@link #style(DialogPane)} for a dialog or alert. The theme is
 * application-wide state like the stylesheet itself; {@link ThemeController} sets it (and remembers the user's
 * choice). FX thread only.
 */
public final class Themes {
    private static final ObjectProperty<Theme> CURRENT = new SimpleObjectProperty<>(Theme.LIGHT);
    /** Scene and node property key: the listener that the scene or node keeps alive for as long as it lives. */
    private static final Object LISTENER_KEY = new Object();

    private Themes() {
    }

    /** The theme every styled scene follows (light until a {@link ThemeController} says otherwise). */
    public static ReadOnlyObjectProperty<Theme> current() {
        return CURRENT;
    }

    static void setCurrent(Theme theme) {
        CURRENT.set(Objects.requireNonNull(theme, "theme"));
    }

    /**
     * Adds partscope.css to the scene (once) and keeps its root's style class in step with {@link #current()}, also
     * when the root is replaced. The scene holds the listener; a closed scene is not kept alive by the theme.
     */
    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(Styles.STYLESHEET)) {
            scene.getStylesheets().add(Styles.STYLESHEET);
        }
        if (scene.getProperties().containsKey(LISTENER_KEY)) {
            return;
        }
        ChangeListener<Theme> onTheme = (obs, old, theme) -> mark(scene.getRoot(), theme);
        scene.getProperties().put(LISTENER_KEY, onTheme);
        CURRENT.addListener(new WeakChangeListener<>(onTheme));
        scene.rootProperty().addListener((obs, old, root) -> {
            mark(old, Theme.LIGHT);
            mark(root, CURRENT.get());
        });
        mark(scene.getRoot(), CURRENT.get());
    }

    /**
     * Styles a dialog pane and the scene it is shown in (now, or when it gets one): partscope.css on both, and the
     * theme on that scene's root (the pane itself, for JavaFX's own dialogs), so the palette reaches all of it.
     */
    public static void style(DialogPane pane) {
        // On the pane too: a dialog with an owner replaces its scene's stylesheets with the owner scene's.
        if (!pane.getStylesheets().contains(Styles.STYLESHEET)) {
            pane.getStylesheets().add(Styles.STYLESHEET);
        }
        if (pane.getScene() != null) {
            style(pane.getScene());
        }
        pane.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                style(scene);
            }
        });
    }

    /** {@link #style(DialogPane)} for a dialog or alert. */
    public static <D extends Dialog<?>> D style(D dialog) {
        style(dialog.getDialogPane());
        return dialog;
    }

    /**
     * Calls {@code apply} with the current theme now and on every change, for as long as {@code owner} lives (the
     * node holds the listener): for what CSS cannot reach, such as the charts' Java2D colours.
     */
    public static void follow(Node owner, Consumer<Theme> apply) {
        ChangeListener<Theme> onTheme = (obs, old, theme) -> apply.accept(theme);
        owner.getProperties().put(LISTENER_KEY, onTheme);
        CURRENT.addListener(new WeakChangeListener<>(onTheme));
        apply.accept(CURRENT.get());
    }

    private static void mark(Parent root, Theme theme) {
        if (root == null) {
            return;
        }
        if (theme == Theme.DARK) {
            if (!root.getStyleClass().contains(Theme.DARK_STYLE_CLASS)) {
                root.getStyleClass().add(Theme.DARK_STYLE_CLASS);
            }
        } else {
            root.getStyleClass().remove(Theme.DARK_STYLE_CLASS);
        }
    }
}
