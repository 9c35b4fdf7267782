package io.partscope.ui.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.ops.BackendSignal;
import io.partscope.core.ops.Blocker;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.time.OffsetDateTime;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The DETACH wait panel's Cancel query… and Terminate session…: each asks first, naming the session, and sends
 * nothing when the DBA keeps it; on a read-only profile both are disabled and the reason is written out.
 */
@ExtendWith(ApplicationExtension.class)
class WaitPanelSignalTest {
    private static final Blocker REPORT = new Blocker(4711, "reporting", "monthly report", "idle in transaction",
            312L, "AccessShareLock on public.events", "SELECT count(*) FROM public.events",
            OffsetDateTime.parse("2026-01-01T00:00:00Z"));

    private OperationWizard wizard;

    @AfterEach
    void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** The Run page of a detach wizard (no server: nothing is planned or run) waiting for REPORT. */
    private void waitingFor(FxRobot robot, boolean readOnly) {
        robot.interact(() -> {
            wizard = new OperationWizard(null, new DetachWizardModel(new RelationName("public", "events_2025_01"),
                    new RelationName("public", "events")), new Activity(new CurrentThreadTaskExecutor()), null,
                    readOnly, null);
            wizard.showPage(OperationWizard.Page.RUN);
            wizard.runModel().showBlockers(List.of(REPORT));
            wizard.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void cancelAsksNamingTheSessionAndKeepingItSendsNothing(FxRobot robot) {
        waitingFor(robot, false);
        Button cancel = robot.lookup("#" + OperationWizard.CANCEL_BACKEND_ID + "-4711").queryAs(Button.class);
        assertFalse(cancel.isDisabled());
        assertFalse(robot.lookup("#" + OperationWizard.SIGNAL_DISABLED_ID).queryAs(Label.class).isVisible());
        robot.clickOn(cancel);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane confirm = robot.lookup("#" + OperationWizard.SIGNAL_CONFIRM_ID).queryAs(DialogPane.class);
        assertEquals("Cancel the query of pid 4711?", confirm.getHeaderText());
        String text = confirm.getContentText();
        assertTrue(text.contains("user: reporting"), text);
        assertTrue(text.contains("application: monthly report"), text);
        assertTrue(text.contains("state: idle in transaction, transaction open 312 s"), text);
        assertTrue(text.contains("query: SELECT count(*) FROM public.events"), text);
        assertTrue(text.contains("A session idle in transaction has no query to cancel"), text);
        robot.clickOn("Keep it");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#" + OperationWizard.SIGNAL_CONFIRM_ID).tryQuery().isEmpty(), "the dialog closed");
        assertEquals("", wizard.runModel().signalResultProperty().get(), "nothing was sent");
        assertTrue(wizard.runModel().log().isEmpty(), wizard.runModel().log().toString());
    }

    @Test
    void terminateAsksWithWhatItDoesAndEnterKeepsTheSession(FxRobot robot) {
        waitingFor(robot, false);
        robot.clickOn("#" + OperationWizard.TERMINATE_BACKEND_ID + "-4711");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane confirm = robot.lookup("#" + OperationWizard.SIGNAL_CONFIRM_ID).queryAs(DialogPane.class);
        assertEquals("Terminate pid 4711?", confirm.getHeaderText());
        assertTrue(confirm.getContentText().contains("its transaction is rolled back"), confirm.getContentText());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#" + OperationWizard.SIGNAL_CONFIRM_ID).tryQuery().isEmpty(), "the dialog closed");
        assertEquals("", wizard.runModel().signalResultProperty().get(), "Enter does not terminate a session");
    }

    @Test
    void aReadOnlyProfileDisablesBothAndSaysWhy(FxRobot robot) {
        waitingFor(robot, true);
        assertTrue(robot.lookup("#" + OperationWizard.CANCEL_BACKEND_ID + "-4711").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#" + OperationWizard.TERMINATE_BACKEND_ID + "-4711").queryAs(Button.class)
                .isDisabled());
        Label reason = robot.lookup("#" + OperationWizard.SIGNAL_DISABLED_ID).queryAs(Label.class);
        assertTrue(reason.isVisible());
        assertEquals(BackendSignal.READ_ONLY_REASON, reason.getText());
        assertTrue(reason.getText().contains("read-only"), reason.getText());
    }
}
