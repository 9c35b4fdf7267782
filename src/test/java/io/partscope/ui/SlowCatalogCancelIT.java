package io.partscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Rows;
import io.partscope.support.TestPostgres;
import io.partscope.ui.browser.BrowserViewModel;
import io.partscope.ui.connect.ConnectionBar;
import io.partscope.ui.connect.DatabaseOpener;
import io.partscope.core.db.Environment;
import io.partscope.ui.task.FxTaskExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A catalog read that takes long (a real server-side wait before the real read: the shape of a busy cluster with
 * 100,000 partitions) shows progress with a Cancel button; Cancel stops the query on the server, the window stays
 * usable, and no error dialog opens.
 */
@ExtendWith(ApplicationExtension.class)
class SlowCatalogCancelIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static final String SLOW_MARK = "partscope_slow_catalog_test";

    private static TestPostgres pg;
    private static String db;

    private FxTaskExecutor executor;
    private MainWindow window;

    @BeforeAll
    static void createSet() {
        pg = TestPostgres.get();
        db = pg.newDatabase("ui_slow");
        pg.exec(db, "CREATE TABLE m (k int) PARTITION BY RANGE (k)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)");
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(2);
        BrowserViewModel.CatalogSource slow = (database, cancellation) -> {
            try (Connection c = database.connection();
                    PreparedStatement sleep = c.prepareStatement("SELECT pg_sleep(120) /* " + SLOW_MARK + " */")) {
                Rows.query(sleep, cancellation).close();
            }
            return BrowserViewModel.CatalogSource.standard().read(database, cancellation);
        };
        window = MainWindow.create(stage, executor, DatabaseOpener.standard(Environment.system()), slow);
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.viewModel().shutdown()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        FxToolkit.cleanupStages();
        executor.close();
    }

    private static boolean sleepingOnServer() {
        return "t".equals(pg.queryString(db, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE '%" + SLOW_MARK + "%' AND pid <> pg_backend_pid())"));
    }

    @Test
    void cancellingASlowLoadStopsItOnTheServerAndLeavesTheWindowUsable(FxRobot robot) throws Exception {
        robot.clickOn("#" + ConnectionBar.URL_FIELD_ID).write(pg.superuserUrl(db));
        robot.clickOn("#" + ConnectionBar.CONNECT_BUTTON_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, SlowCatalogCancelIT::sleepingOnServer);
        assertTrue(window.viewModel().currentSession().activity().isBusy(), "progress is shown while it loads");
        assertTrue(robot.lookup("#" + ConnectionBar.CANCEL_BUTTON_ID).query().isVisible());

        robot.clickOn("#" + ConnectionBar.CANCEL_BUTTON_ID);

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !window.viewModel().currentSession().activity().isBusy());
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !sleepingOnServer());
        WaitForAsyncUtils.waitForFxEvents();
        robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).forEach(d -> System.err.println(
                "SlowCatalogCancelIT: dialog open: " + d.getHeaderText() + " / " + d.getContentText() + " / owner "
                        + (d.getScene().getWindow() instanceof Stage s ? s.getOwner() : null)));
        // Only this window's dialogs: a late dialog of an earlier test class in this JVM is not ours.
        robot.lookup(".dialog-pane").match(n -> n.getScene() != null
                && n.getScene().getWindow() instanceof Stage s && s.getOwner() == window.stage())
                .tryQueryAs(DialogPane.class).ifPresent(d -> {
            throw new AssertionError("a cancel is the user's choice, not an error; got: " + d.getHeaderText() + " / "
                    + robot.from(d).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList());
        });
        String status = robot.lookup("#" + MainWindow.STATUS_ID).queryAs(Label.class).getText();
        assertTrue(status.toLowerCase(java.util.Locale.ROOT).contains("cancel"), status);
        assertFalse(robot.lookup("#" + ConnectionBar.CONNECT_BUTTON_ID).query().isDisabled(),
                "the window is usable again");
        assertEquals(0, window.browser().setsTable().getItems().size());
    }
}
