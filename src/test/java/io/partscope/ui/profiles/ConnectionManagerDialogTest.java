package io.partscope.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Environment;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.ProfileStore;
import io.partscope.ui.Styles;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connection manager on screen (headless): adding, validating, the demo offer and the read-only badge. */
@ExtendWith(ApplicationExtension.class)
class ConnectionManagerDialogTest {
    @TempDir
    Path folder;

    private ProfileStore store;
    private ConnectionManagerViewModel viewModel;
    private final AtomicInteger demoChosen = new AtomicInteger();
    private final List<String> reported = new ArrayList<>();

    @Start
    void start(Stage stage) {
        store = new ProfileStore(folder);
        viewModel = new ConnectionManagerViewModel(store, new Environment(Map.of("USER", "me"), folder),
                new CurrentThreadTaskExecutor(), (settings, cancellation) -> ConnectionManagerViewModelTest.REPORT,
                new SessionPasswords(), (action, failure) -> reported.add(action + ": " + failure.getMessage()));
        viewModel.load();
        ConnectionManagerView view = new ConnectionManagerView(viewModel, demoChosen::incrementAndGet, p -> true);
        Scene scene = new Scene(view, 1000, 700);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    private void seed(FxRobot robot, ConnectionProfile... profiles) throws PartscopeException {
        store.save(List.of(profiles));
        robot.interact(viewModel::load);
    }

    private static ConnectionProfile profile(String name, boolean readOnly) {
        return ConnectionProfile.create(name, "db1", 5432, "app", "dba", "require", null, "#d9480f", readOnly, null);
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryButton();
    }

    @Test
    void anEmptyStoreOffersTheDemoDatabase(FxRobot robot) {
        assertTrue(robot.lookup("#" + ConnectionManagerView.DEMO_BANNER_ID).query().isVisible());

        robot.clickOn("#" + ConnectionManagerView.DEMO_BUTTON_ID);

        assertEquals(1, demoChosen.get());
        assertInstanceOf(ConnectionChoice.Demo.class, viewModel.choiceProperty().get());
    }

    @Test
    void addingAProfileSavesItListsItAndKeepsTheDemoOneClickAway(FxRobot robot) throws PartscopeException {
        assertTrue(button(robot, ConnectionManagerView.SAVE_BUTTON_ID).isDisabled(), "a blank form cannot be saved");

        robot.clickOn("#" + ConnectionManagerView.NAME_FIELD_ID).write("Billing");
        robot.interact(() -> {
            viewModel.hostProperty().set("db1.example.com");
            viewModel.databaseProperty().set("billing");
            viewModel.userProperty().set("dba");
        });
        robot.clickOn("#" + ConnectionManagerView.READ_ONLY_ID);
        robot.clickOn("#" + ConnectionManagerView.SAVE_BUTTON_ID);
        WaitForAsyncUtils.waitForFxEvents();

        List<ConnectionProfile> saved = store.load();
        assertEquals(1, saved.size());
        assertEquals("Billing", saved.get(0).name());
        assertEquals("db1.example.com", saved.get(0).host());
        assertTrue(saved.get(0).readOnly());
        ListView<?> list = robot.lookup("#" + ConnectionManagerView.PROFILE_LIST_ID).queryListView();
        assertEquals(1, list.getItems().size());
        assertEquals(0, list.getSelectionModel().getSelectedIndex(), "the saved profile stays selected");
        assertFalse(robot.lookup("#" + ConnectionManagerView.DEMO_BANNER_ID).query().isVisible());

        robot.clickOn("#" + ConnectionManagerView.DEMO_LINK_ID);
        assertEquals(1, demoChosen.get());
        assertInstanceOf(ConnectionChoice.Demo.class, viewModel.choiceProperty().get());
    }

    @Test
    void theDemoLinkIsOnlyForWhenTheBannerIsGone(FxRobot robot) {
        assertTrue(robot.lookup("#" + ConnectionManagerView.DEMO_BANNER_ID).query().isVisible());
        assertFalse(robot.lookup("#" + ConnectionManagerView.DEMO_LINK_ID).query().isVisible());
    }

    @Test
    void saveStaysUnderThePointerWhenTheNameMessageGoesAway(FxRobot robot) throws PartscopeException {
        robot.interact(() -> {
            viewModel.hostProperty().set("db1.example.com");
            viewModel.databaseProperty().set("billing");
            viewModel.userProperty().set("dba");
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label why = robot.lookup("#" + ConnectionManagerView.VALIDATION_ID).queryAs(Label.class);
        assertEquals("Give the connection a name.", why.getText());
        assertTrue(why.isVisible());
        Button save = button(robot, ConnectionManagerView.SAVE_BUTTON_ID);
        javafx.geometry.Bounds before = save.localToScreen(save.getBoundsInLocal());

        robot.clickOn("#" + ConnectionManagerView.NAME_FIELD_ID).write("Billing");
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(why.isVisible(), "the message is gone");
        assertEquals(before, save.localToScreen(save.getBoundsInLocal()), "Save did not move");
        robot.clickOn(save); // where it was when the user aimed at it
        assertEquals(1, store.load().size());
    }

    @Test
    void aDuplicateNameDisablesSaveAndSaysWhy(FxRobot robot) throws PartscopeException {
        seed(robot, profile("Billing", false));
        robot.clickOn("#" + ConnectionManagerView.NEW_BUTTON_ID);
        robot.interact(() -> {
            viewModel.databaseProperty().set("billing");
            viewModel.userProperty().set("dba");
        });

        robot.clickOn("#" + ConnectionManagerView.NAME_FIELD_ID).write("Billin");
        assertFalse(button(robot, ConnectionManagerView.SAVE_BUTTON_ID).isDisabled());
        robot.write("g");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(button(robot, ConnectionManagerView.SAVE_BUTTON_ID).isDisabled());
        assertTrue(button(robot, ConnectionManagerView.TEST_BUTTON_ID).isDisabled());
        Label why = robot.lookup("#" + ConnectionManagerView.VALIDATION_ID).queryAs(Label.class);
        assertEquals("A connection named \"Billing\" already exists.", why.getText());
    }

    @Test
    void onlyTheReadOnlyProfileShowsTheBadge(FxRobot robot) throws PartscopeException {
        seed(robot, profile("Billing (prod)", true), profile("Staging", false));

        List<Node> shown = robot.lookup("." + ProfileStyles.READ_ONLY_BADGE).queryAll().stream()
                .filter(Node::isVisible).filter(n -> n.getParent() != null && n.getParent().isVisible()).toList();

        assertEquals(1, shown.size());
        assertThat(robot.lookup("." + ProfileStyles.PROFILE_NAME).queryAllAs(Label.class).stream()
                .map(Label::getText)).contains("Billing (prod)", "Staging");
        assertFalse(robot.lookup("#" + ConnectionManagerView.DEMO_BANNER_ID).query().isVisible());
    }

    @Test
    void selectingAProfileFillsTheFormAndTestConnectionShowsTheReport(FxRobot robot) throws PartscopeException {
        seed(robot, profile("Billing (prod)", true));

        robot.clickOn("Billing (prod)");
        assertEquals("db1", viewModel.hostProperty().get());
        robot.clickOn("#" + ConnectionManagerView.TEST_BUTTON_ID);
        WaitForAsyncUtils.waitForFxEvents();

        Node result = robot.lookup("#" + ConnectionManagerView.TEST_RESULT_ID).query();
        assertTrue(result.isVisible());
        assertThat(robot.from(result).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("Connection OK", "PostgreSQL 18.1", "Not a member of pg_monitor");
        assertEquals(List.of(), reported);
    }

    @Test
    void theDialogReturnsTheDemoChoice(FxRobot robot) throws Exception {
        Files.deleteIfExists(store.file());
        ConnectionManagerDialog[] dialog = new ConnectionManagerDialog[1];
        robot.interact(() -> {
            dialog[0] = ConnectionManagerDialog.create(null, store, new Environment(Map.of(), folder),
                    new CurrentThreadTaskExecutor(), new SessionPasswords(),
                    (settings, cancellation) -> ConnectionManagerViewModelTest.REPORT);
            dialog[0].show();
        });

        robot.clickOn(robot.from(dialog[0].getDialogPane()).lookup("#" + ConnectionManagerView.DEMO_BUTTON_ID)
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(dialog[0].isShowing());
        assertInstanceOf(ConnectionChoice.Demo.class, dialog[0].getResult());
    }

    @Test
    void theDialogsConnectButtonReturnsTheProfileAndTheSessionPassword(FxRobot robot) throws Exception {
        store.save(List.of(profile("Billing", false)));
        ConnectionManagerDialog[] dialog = new ConnectionManagerDialog[1];
        robot.interact(() -> {
            dialog[0] = ConnectionManagerDialog.create(null, store, new Environment(Map.of(), folder),
                    new CurrentThreadTaskExecutor(), new SessionPasswords(),
                    (settings, cancellation) -> ConnectionManagerViewModelTest.REPORT);
            dialog[0].show();
        });
        Node pane = dialog[0].getDialogPane();
        robot.clickOn(robot.from(pane).lookup("Billing").<Node>query());
        robot.clickOn(robot.from(pane).lookup("#" + ConnectionManagerView.PASSWORD_FIELD_ID).<Node>query())
                .write("pw");

        robot.clickOn(robot.from(pane).lookup("Connect").queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(dialog[0].isShowing());
        ConnectionChoice.Profile choice = assertInstanceOf(ConnectionChoice.Profile.class, dialog[0].getResult());
        assertEquals("Billing", choice.profile().name());
        assertEquals("pw", choice.sessionPassword());
    }
}
