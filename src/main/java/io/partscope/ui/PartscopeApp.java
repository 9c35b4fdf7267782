package io.partscope.ui;

import io.partscope.ui.task.FxTaskExecutor;
import java.time.Duration;
import java.util.Map;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application. Started by {@link Launcher}, never directly (see {@link io.partscope.Main}).
 * Parameters: {@code --url=URL} connects at start; {@code --demo} opens the embedded demo database.
 */
public final class PartscopeApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PartscopeApp.class);

    static final String URL_PARAMETER = "url";
    static final String DEMO_FLAG = "--demo";

    private FxTaskExecutor executor;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        window = MainWindow.create(stage, executor);
        stage.show();

        Map<String, String> named = getParameters().getNamed();
        boolean demo = getParameters().getUnnamed().contains(DEMO_FLAG);
        if (demo) {
            // TODO(demo): start io.partscope.core.demo.DemoDatabase off the FX thread (as a BackgroundTask on the
            //  window's Activity, so progress and Cancel show), then window.viewModel().connectTo(demo URL).
            LOG.warn("--demo is not available yet in this build");
        } else if (named.get(URL_PARAMETER) != null && !named.get(URL_PARAMETER).isBlank()) {
            window.viewModel().connectTo(named.get(URL_PARAMETER));
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (window != null) {
            window.viewModel().shutdown();
        }
        if (executor != null) {
            executor.close();
            // The window is gone: let the pool close its connections cleanly before the JVM exits.
            if (!executor.awaitTermination(Duration.ofSeconds(3))) {
                LOG.debug("background work still running at exit");
            }
        }
    }
}
