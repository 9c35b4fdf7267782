package io.partscope.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.profile.UserSettings;
import io.partscope.ui.Tooltips;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Popups (tooltips, context menus) live in windows of their own; they must take the theme of their owner. */
@ExtendWith(ApplicationExtension.class)
class PopupThemeTest {
    @TempDir
    Path config;

    private Label label;
    private ThemeController themes;

    @Start
    void start(Stage stage) {
        label = new Label("XID age");
        Scene scene = new Scene(new StackPane(label), 400, 300);
        stage.setScene(scene);
        themes = new ThemeController(new UserSettings(config));
        themes.install(scene);
        stage.show();
    }

    @AfterEach
    void backToLight(FxRobot robot) {
        robot.interact(() -> themes.setTheme(Theme.LIGHT));
    }

    private static double backgroundBrightness(Node node) {
        return ((Color) ((Region) node).getBackground().getFills().get(0).getFill()).getBrightness();
    }

    @Test
    void aContextMenuIsDarkInTheDarkTheme(FxRobot robot) {
        ContextMenu menu = new ContextMenu(new MenuItem("Copy"));
        robot.interact(() -> {
            themes.setTheme(Theme.DARK);
            Bounds at = label.localToScreen(label.getBoundsInLocal());
            menu.show(label, at.getMinX(), at.getMaxY());
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(backgroundBrightness(menu.getSkin().getNode())).isLessThan(0.3);
        Label item = robot.from(menu.getSkin().getNode()).lookup((Label l) -> "Copy".equals(l.getText())).query();
        assertThat(((Color) item.getTextFill()).getBrightness()).isGreaterThan(0.8);
        robot.interact(menu::hide);
    }

    @Test
    void aTooltipWrapsAtAReadableWidth(FxRobot robot) {
        Tooltip tip = Tooltips.of("age(relfrozenxid): transactions since the oldest unfrozen row. ".repeat(6));
        robot.interact(() -> {
            label.setTooltip(tip);
            Bounds at = label.localToScreen(label.getBoundsInLocal());
            tip.show(label, at.getMinX(), at.getMaxY());
        });
        WaitForAsyncUtils.waitForFxEvents();

        Region shown = (Region) tip.getSkin().getNode(); // the window is wider by the drop shadow
        assertThat(shown.getWidth()).isLessThanOrEqualTo(Tooltips.MAX_WIDTH);
        assertThat(shown.getHeight()).isGreaterThan(3 * label.getHeight()); // several lines
        robot.interact(tip::hide);
    }
}
