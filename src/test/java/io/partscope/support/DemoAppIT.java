package io.partscope.support;

import io.partscope.ui.MainWindow;
import io.partscope.ui.task.FxTaskExecutor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The base of the tests that drive the real app on the embedded demo database: a main window as the app builds
 * it, the demo opened in a data folder under target/test-home (one per PostgreSQL major: failsafe runs each IT on
 * 18 and on 14), and everything closed afterwards. The demo is loaded once per folder and build.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class DemoAppIT {
    /** The first start loads the demo (about 20 s, longer on a loaded machine). */
    protected static final long TIMEOUT_SECONDS = 180;

    protected FxTaskExecutor executor;
    protected MainWindow window;

    // A @BeforeEach, not TestFX's @Start: the extension looks for @Start only in the test class itself.
    @BeforeEach
    void startWindow() throws Exception {
        executor = new FxTaskExecutor(2);
        window = WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            MainWindow created = MainWindow.create(stage, executor);
            stage.show();
            return created;
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.viewModel().shutdown()).get(60, TimeUnit.SECONDS);
        FxToolkit.cleanupStages();
        executor.close();
        window.closeDemo();
    }

    /**
     * The demo folder's name under target/test-home, before the major: {@code "demo-pg"} is shared by the tests
     * that only read; a test that changes the demo overrides this with a folder of its own.
     */
    protected String demoFolderPrefix() {
        return "demo-pg";
    }

    protected Path demoFolder() {
        return Path.of("target", "test-home", demoFolderPrefix() + System.getProperty("partscope.pg.major", "18"))
                .toAbsolutePath();
    }

    /** Opens the demo (File › Open demo database does the same) and waits until its sets are listed and read. */
    protected void openDemo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.startDemo(demoFolder())).get(10, TimeUnit.SECONDS);
        waitOnFx(TIMEOUT_SECONDS,
                () -> window.browser() != null && window.browser().setsTable().getItems().size() >= 8
                        || robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertNoErrorDialog(robot);
        waitOnFx(TIMEOUT_SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy());
    }

    /**
     * Waits until {@code condition} holds, evaluated on the FX thread: the app's lists change on that thread, and
     * reading them from the test thread fails at random (ConcurrentModificationException).
     */
    protected static void waitOnFx(long seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(condition).get(seconds, TimeUnit.SECONDS));
    }

    /** Opens a newly loaded demo: for a test that changes it (the folder is deleted first). */
    protected void openFreshDemo(FxRobot robot) throws Exception {
        Path folder = demoFolder();
        if (java.nio.file.Files.exists(folder)) {
            try (var paths = java.nio.file.Files.walk(folder)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        openDemo(robot);
    }

    protected static void assertNoErrorDialog(FxRobot robot) {
        robot.lookup(".dialog-pane").tryQueryAs(DialogPane.class).ifPresent(d -> {
            throw new AssertionError("unexpected dialog: " + d.getHeaderText() + " " + d.getContentText());
        });
    }
}
