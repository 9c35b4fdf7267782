package io.partscope.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.profile.UserSettings;
import io.partscope.ui.ErrorDialog;
import io.partscope.ui.Styles;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Switching the theme: the main scene and open dialogs follow, and the choice is there after a restart. */
@ExtendWith(ApplicationExtension.class)
class ThemeControllerTest {
    @TempDir
    Path config;

    private Stage stage;
    private StackPane root;
    private Label label;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        label = new Label("Partitions");
        root = new StackPane(label);
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    @AfterEach
    void backToLight(FxRobot robot) {
        robot.interact(() -> Themes.setCurrent(Theme.LIGHT));
    }

    private ThemeController controller(FxRobot robot) {
        ThemeController[] made = new ThemeController[1];
        robot.interact(() -> {
            made[0] = new ThemeController(new UserSettings(config));
            made[0].install(stage.getScene());
        });
        return made[0];
    }

    @Test
    void switchingToDarkMarksTheMainSceneAndRepaintsIt(FxRobot robot) {
        ThemeController themes = controller(robot);
        Paint lightText = label.getTextFill();
        assertThat(stage.getScene().getStylesheets()).contains(Styles.STYLESHEET);
        assertThat(root.getStyleClass()).doesNotContain(Theme.DARK_STYLE_CLASS);

        robot.interact(() -> themes.darkProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(root.getStyleClass()).contains(Theme.DARK_STYLE_CLASS);
        assertThat(themes.theme()).isEqualTo(Theme.DARK);
        // What the user sees: the label's text turned light on the dark background.
        assertThat(((Color) label.getTextFill()).getBrightness()).isGreaterThan(0.8);
        assertThat(label.getTextFill()).isNotEqualTo(lightText);
    }

    @Test
    void aDialogOpenedInDarkIsDarkAndFollowsASwitchBack(FxRobot robot) {
        ThemeController themes = controller(robot);
        robot.interact(() -> themes.setTheme(Theme.DARK));
        Alert[] shown = new Alert[1];

        robot.interact(() -> shown[0] = ErrorDialog.show(stage, "Connect", new IllegalStateException("boom")));
        WaitForAsyncUtils.waitForFxEvents();
        Scene dialogScene = shown[0].getDialogPane().getScene();

        assertThat(dialogScene.getStylesheets()).contains(Styles.STYLESHEET);
        assertThat(dialogScene.getRoot().getStyleClass()).contains(Theme.DARK_STYLE_CLASS);
        Color background = (Color) shown[0].getDialogPane().getBackground().getFills().get(0).getFill();
        assertThat(background.getBrightness()).isLessThan(0.3);

        robot.interact(() -> themes.setTheme(Theme.LIGHT));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogScene.getRoot().getStyleClass()).doesNotContain(Theme.DARK_STYLE_CLASS);
        Color light = (Color) shown[0].getDialogPane().getBackground().getFills().get(0).getFill();
        assertThat(light.getBrightness()).isGreaterThan(0.9);
        robot.interact(shown[0]::close);
    }

    @Test
    void aDialogOverAnUnstyledOwnerIsStyledToo(FxRobot robot) {
        ThemeController themes = controller(robot);
        robot.interact(() -> themes.setTheme(Theme.DARK));
        Alert[] shown = new Alert[1];

        robot.interact(() -> {
            Stage plain = new Stage();
            plain.setScene(new Scene(new StackPane(new Label("no stylesheet")), 200, 100));
            plain.show();
            shown[0] = ErrorDialog.show(plain, "Connect", new IllegalStateException("boom"));
        });
        WaitForAsyncUtils.waitForFxEvents();

        Color background = (Color) shown[0].getDialogPane().getBackground().getFills().get(0).getFill();
        assertThat(background.getBrightness()).isLessThan(0.3);
        robot.interact(shown[0]::close);
    }

    @Test
    void theChoiceSurvivesARestart(FxRobot robot) {
        ThemeController first = controller(robot);
        robot.interact(() -> first.setTheme(Theme.DARK));
        assertThat(config.resolve(UserSettings.FILE_NAME)).exists();
        robot.interact(() -> Themes.setCurrent(Theme.LIGHT)); // as a fresh process starts

        ThemeController second = controller(robot);

        assertThat(second.theme()).isEqualTo(Theme.DARK);
        assertThat(second.darkProperty().get()).isTrue();
        assertThat(root.getStyleClass()).contains(Theme.DARK_STYLE_CLASS);
    }

    @Test
    void aBrokenSettingsFileStartsLight(FxRobot robot) throws Exception {
        Files.writeString(config.resolve(UserSettings.FILE_NAME), "{\"theme\": ");

        assertThat(controller(robot).theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void anUnknownThemeNameStartsLight(FxRobot robot) throws Exception {
        Files.writeString(config.resolve(UserSettings.FILE_NAME), "{\"theme\": \"solarized\"}");

        assertThat(controller(robot).theme()).isEqualTo(Theme.LIGHT);
    }
}
