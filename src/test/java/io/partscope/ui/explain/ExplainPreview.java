package io.partscope.ui.explain;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.explain.QueryHistory;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows the EXPLAIN pane on its own, connected to a database, to look at it before it is mounted in the main window.
 * Not a test. With system properties it runs a query (and a comparison) by itself, for screenshots:
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.partscope.ui.explain.ExplainPreview URL \
 *     -Dquery="SELECT ..." -Dsetup="PREPARE ..." -Dcompare=generic
 * </pre>
 * {@code compare=generic}: runs the query with a custom plan, pins it as A, then runs it with a generic plan.
 */
public final class ExplainPreview {
    private static String url;

    private ExplainPreview() {
    }

    public static void main(String[] args) {
        url = args[0];
        // A main class that is not the Application: the JavaFX modules come from the class path here.
        Application.launch(App.class, args);
    }

    /** The window. */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        Database db = Database.open(new ConnectionSettingsResolver(Environment.system()).resolve(url, null),
                DatabaseOptions.DEFAULTS);
        FxTaskExecutor executor = new FxTaskExecutor(2);
        ExplainViewModel vm = new ExplainViewModel(new Activity(executor), () -> db,
                (action, failure) -> failure.printStackTrace(),
                new QueryHistory(Files.createTempDirectory("explain-preview")));
        ExplainPane pane = new ExplainPane(vm);
        Scene scene = new Scene(pane, Double.parseDouble(System.getProperty("width", "1600")),
                Double.parseDouble(System.getProperty("height", "1000")));
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setTitle("Partscope — EXPLAIN");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            executor.close();
            db.close();
            Platform.exit();
        });
        stage.show();
        String query = System.getProperty("query");
        if (query == null) {
            return;
        }
        vm.queryProperty().set(query);
        vm.setupTextProperty().set(System.getProperty("setup", ""));
        vm.analyzeProperty().set(Boolean.getBoolean("analyze"));
        if ("generic".equals(System.getProperty("compare"))) {
            vm.planCacheModeProperty().set(ExplainSetup.PlanCacheMode.FORCE_CUSTOM_PLAN);
            vm.resultProperty().addListener((obs, old, run) -> {
                if (run != null && vm.pinnedProperty().get() == null) {
                    vm.pin();
                    vm.planCacheModeProperty().set(ExplainSetup.PlanCacheMode.FORCE_GENERIC_PLAN);
                    Platform.runLater(vm::run);
                }
            });
        }
        vm.run();
        String select = System.getProperty("select");
        if (select != null) {
            vm.resultProperty().addListener((obs, old, run) -> Platform.runLater(() -> {
                var target = pane.targetView().target();
                for (int i = 0; target != null && i < target.leaves().size(); i++) {
                    if (target.leaves().get(i).qualifiedName().equals(select)) {
                        pane.targetView().grid().selectedProperty().set(i);
                    }
                }
            }));
        }
    }
    }
}
