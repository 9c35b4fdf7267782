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
 * Parameters: {@code --url=URL} connects at start; {@code --demo} opens the embedded demo database;
 * {@code --table=SCHEMA.TABLE} then selects that partition set.
 */
public final class PartscopeApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PartscopeApp.class);

    static final String URL_PARAMETER = "url";
    static final String DEMO_FLAG = "--demo";
    static final String TABLE_PARAMETER = "table";

    private FxTaskExecutor executor;
    private MainWindow window;

    @Override
    public void init() {
        // The toolkit is up: JavaFX's start-up output, held back by the Launcher, goes to stderr after all.
        DesktopStartFailure.toolkitStarted();
        // The app draws with JavaFX only; AWT is used off screen (JFreeChart's Java2D, PNG export). Headless AWT
        // never starts the X11 toolkit, which otherwise happened on the FX thread at the first chart.
        System.setProperty("java.awt.headless", "true");
        io.partscope.ui.chart.ChartWarmUp.start();
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        window = MainWindow.create(stage, executor);
        stage.show();

        Map<String, String> named = getParameters().getNamed();
        boolean demo = getParameters().getUnnamed().contains(DEMO_FLAG);
        if (demo) {
            window.startDemo();
        } else if (named.get(URL_PARAMETER) != null && !named.get(URL_PARAMETER).isBlank()) {
            window.viewModel().connectTo(named.get(URL_PARAMETER));
        } else {
            offerConnectionsOnFirstStart();
            return;
        }
        String table = named.get(TABLE_PARAMETER);
        if (table != null && window.viewModel().currentSession() != null) {
            window.viewModel().currentSession().browser().selectWhenLoaded(table);
        }
    }

    /** With no saved connection yet, the connection manager opens by itself and offers the demo database. */
    private void offerConnectionsOnFirstStart() {
        try {
            if (window.profileStore().load().isEmpty()) {
                javafx.application.Platform.runLater(window::openConnectionManager);
            }
        } catch (io.partscope.core.db.PartscopeException e) {
            ErrorDialog.show(window.stage(), "Read the saved connections", e);
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
        if (window != null) {
            window.closeDemo();
        }
    }
}
