package io.partscope.ui;

import io.partscope.core.db.Environment;
import io.partscope.core.demo.DemoDatabase;
import io.partscope.ui.task.BackgroundTask;
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
    private DemoDatabase demo;

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        window = MainWindow.create(stage, executor);
        stage.show();

        Map<String, String> named = getParameters().getNamed();
        boolean demo = getParameters().getUnnamed().contains(DEMO_FLAG);
        if (demo) {
            startDemo();
        } else if (named.get(URL_PARAMETER) != null && !named.get(URL_PARAMETER).isBlank()) {
            window.viewModel().connectTo(named.get(URL_PARAMETER));
        }
    }

    /**
     * Starts the embedded demo database off the FX thread (the first start loads its data, which takes a while),
     * then connects the window to it. The server stops when the app does.
     */
    private void startDemo() {
        DemoDatabase server = new DemoDatabase(DemoDatabase.defaultBaseDirectory(Environment.system()));
        demo = server;
        BackgroundTask<String> task = BackgroundTask.of("start demo", cancellation -> {
            server.start(false, step -> LOG.info("demo: {}", step));
            return server.url();
        }).onSuccess(url -> window.viewModel().connectTo(url))
                .onFailure(failure -> ErrorDialog.show(window.stage(), "Open the demo database", failure));
        window.viewModel().activity().run("Starting the demo database (the first start loads it: about 20 s)…",
                task);
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
        if (demo != null) {
            demo.close();
        }
    }
}
