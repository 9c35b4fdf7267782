package io.partscope.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskExecutor;
import io.partscope.ui.task.TaskHandle;
import io.partscope.ui.theme.Themes;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The connection bar while a long operation runs: its description gives way, the buttons and the URL do not. */
@ExtendWith(ApplicationExtension.class)
class ConnectionBarTest {
    /** Takes tasks and never finishes them: the bar stays busy for as long as the test looks at it. */
    private static final TaskExecutor NEVER_DONE = new TaskExecutor() {
        @Override
        public <T> TaskHandle execute(BackgroundTask<T> task) {
            return TaskHandle.NONE;
        }

        @Override
        public void close() {
        }
    };

    private final Activity activity = new Activity(NEVER_DONE);

    @Start
    void start(Stage stage) {
        ConnectionViewModel viewModel = new ConnectionViewModel(activity, (url, cancellation) -> {
            throw new AssertionError("not connecting here");
        }, (action, failure) -> {
        });
        viewModel.urlProperty().set("postgresql://postgres@127.0.0.1:54329/partscope_demo");
        Scene scene = new Scene(new StackPane(new ConnectionBar(viewModel, activity)), 1100, 60);
        Themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static void assertWhole(Labeled control) {
        assertThat(control.getWidth()).as(control.getText() + " keeps its width")
                .isGreaterThanOrEqualTo(control.prefWidth(-1) - 0.5);
    }

    @Test
    void aLongRunningOperationDoesNotSqueezeTheButtonsOrTheUrl(FxRobot robot) {
        robot.interact(() -> activity.run("Running: Detach telephony.call_logs_2025w01 from telephony.call_logs"
                + " concurrently, then keep it as a table of its own (waiting for 1 session)",
                BackgroundTask.of("detach", cancellation -> null)));
        Button connect = robot.lookup("#" + ConnectionBar.CONNECT_BUTTON_ID).queryButton();
        Button connections = robot.lookup("#" + ConnectionBar.CONNECTIONS_BUTTON_ID).queryButton();
        Button cancel = robot.lookup("#" + ConnectionBar.CANCEL_BUTTON_ID).queryButton();
        assertThat(cancel.isVisible()).isTrue();
        assertWhole(connect);
        assertWhole(connections);
        assertWhole(cancel);
        assertThat(robot.lookup("#" + ConnectionBar.URL_FIELD_ID).queryAs(TextField.class).getWidth())
                .isGreaterThanOrEqualTo(160);
    }
}
