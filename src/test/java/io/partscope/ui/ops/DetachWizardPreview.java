package io.partscope.ui.ops;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.Environment;
import io.partscope.core.db.Identifiers;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.FxTaskExecutor;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/**
 * Shows the detach wizard on its own, for a look (and screenshots) under a real X server. Not a test. With
 * {@code -Dauto=preview} it shows the Preview page; with {@code -Dauto=run} it holds a transaction on the parent (a "monthly report" that counted the set), previews and
 * runs DETACH CONCURRENTLY, so the Run page shows the session it waits for:
 * <pre>
 * java -Dauto=run -cp target/classes:target/test-classes:$(cat target/cp.txt) io.partscope.ui.ops.DetachWizardPreview \
 *     URL telephony.call_logs_2024w51 telephony.call_logs
 * </pre>
 */
public final class DetachWizardPreview {
    private static String[] arguments;
    /** Held so it is not collected (pgjdbc closes a connection nobody references). */
    private static Connection report;

    private DetachWizardPreview() {
    }

    public static void main(String[] args) {
        arguments = args;
        Application.launch(App.class, args);
    }

    /** The window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Database db = Database.open(new ConnectionSettingsResolver(Environment.system()).resolve(arguments[0],
                    null), DatabaseOptions.DEFAULTS);
            List<String> part = Identifiers.parse(arguments[1]);
            List<String> parent = Identifiers.parse(arguments[2]);
            FxTaskExecutor executor = new FxTaskExecutor(2);
            DetachWizardModel model = new DetachWizardModel(new RelationName(part.get(0), part.get(1)),
                    new RelationName(parent.get(0), parent.get(1)));
            OperationWizard wizard = new OperationWizard(null, model, new Activity(executor), db, false, null);
            wizard.stage().setOnHidden(e -> Platform.exit());
            wizard.show();
            if ("preview".equals(System.getProperty("auto"))) {
                ((Button) wizard.stage().getScene().lookup("#" + OperationWizard.NEXT_ID)).fire();
            }
            if ("run".equals(System.getProperty("auto"))) {
                report = db.dedicatedConnection();
                try (Statement s = report.createStatement()) {
                    s.execute("SET application_name = 'monthly report'");
                    report.setAutoCommit(false);
                    s.executeQuery("SELECT count(*) FROM " + arguments[2]).close();
                }
                ((Button) wizard.stage().getScene().lookup("#" + OperationWizard.NEXT_ID)).fire();
                wizard.runModel(); // planning runs in the background; Run once the plan is shown
                new Thread(() -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Platform.runLater(() -> ((Button) wizard.stage().getScene().lookup("#" + OperationWizard.RUN_ID))
                            .fire());
                }).start();
            }
        }
    }
}
