package io.partscope.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.SetKind;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.ops.freeze.FreezePlanner;
import io.partscope.ui.Styles;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The options pages of the freeze and create wizards as the user reads them, at the wizard's 980 px width. */
@ExtendWith(ApplicationExtension.class)
class WizardOptionsPageTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void show(FxRobot robot, Node page) {
        robot.interact(() -> {
            BorderPane root = new BorderPane(page); // as OperationWizard shows it
            Scene scene = new Scene(root, 980, 680);
            scene.getStylesheets().add(Styles.STYLESHEET);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text a labeled control draws (a mnemonic or an ellipsis changes it), in all its wrapped lines. */
    private static String drawn(Labeled control) {
        return control.lookupAll(".text").stream().filter(n -> n instanceof Text)
                .map(n -> ((Text) n).getText()).findFirst().orElseThrow().replace('\n', ' ');
    }

    private static RadioButton radio(FxRobot robot, String startingWith) {
        return robot.lookup((RadioButton r) -> r.getText().startsWith(startingWith)).queryAs(RadioButton.class);
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(TextField.class);
    }

    @Test
    void theFreezeLabelShowsTheSettingsUnderscore(FxRobot robot) {
        show(robot, new FreezeWizardModel("public.ledger").optionsPage());
        assertThat(drawn(radio(robot, "XID age at least this %")))
                .isEqualTo("XID age at least this % of autovacuum_freeze_max_age");
    }

    @Test
    void eachFreezeChoiceHasItsOwnField(FxRobot robot) {
        FreezeWizardModel model = new FreezeWizardModel("public.ledger");
        show(robot, model.optionsPage());
        assertThat(field(robot, FreezeWizardModel.MIN_AGE_PCT_ID).getText()).isEqualTo("50");
        assertThat(field(robot, FreezeWizardModel.MIN_AGE_PCT_ID).isDisabled()).isFalse();
        assertThat(field(robot, FreezeWizardModel.OLDER_THAN_ID).isDisabled()).isTrue();

        robot.clickOn(radio(robot, "RANGE partitions whose upper bound"));
        TextField olderThan = field(robot, FreezeWizardModel.OLDER_THAN_ID);
        assertThat(olderThan.getText()).isEmpty(); // not the 50 that belongs to the % choice
        assertThat(olderThan.isDisabled()).isFalse();
        assertThat(field(robot, FreezeWizardModel.MIN_AGE_PCT_ID).isDisabled()).isTrue();
        robot.clickOn(olderThan).write("2025-03-01");
        assertThat(model.selection()).isEqualTo(new FreezePlanner.OlderThan("2025-03-01"));

        robot.clickOn(radio(robot, "XID age at least this %"));
        assertThat(model.selection()).isEqualTo(new FreezePlanner.MinAgePct(50));
    }

    @Test
    void theVacuumOptionsAreTheOnesTyped(FxRobot robot) {
        FreezeWizardModel model = new FreezeWizardModel("public.ledger");
        show(robot, model.optionsPage());
        assertThat(model.vacuumOptions()).isEqualTo(FreezePlanner.VacuumOptions.of(false));

        robot.clickOn("#" + FreezeWizardModel.SKIP_LOCKED_ID);
        robot.clickOn(field(robot, FreezeWizardModel.PARALLEL_ID)).write("2");
        robot.clickOn(field(robot, FreezeWizardModel.BUFFER_USAGE_LIMIT_ID)).write("16MB");
        robot.clickOn(field(robot, FreezeWizardModel.COST_DELAY_ID)).write("2");

        assertThat(model.vacuumOptions()).isEqualTo(new FreezePlanner.VacuumOptions(false, true, 2, "16MB", 2.0));
    }

    @Test
    void theAttachMethodIsReadToItsLastWord(FxRobot robot) {
        show(robot, new CreatePartitionsWizardModel(rangeSet()).optionsPage());
        RadioButton attach = robot.lookup("#" + CreatePartitionsWizardModel.ATTACH_ID).queryAs(RadioButton.class);
        RadioButton create = robot.lookup("#" + CreatePartitionsWizardModel.CREATE_ID).queryAs(RadioButton.class);
        assertThat(drawn(attach)).isEqualTo(attach.getText()).endsWith("SHARE ROW EXCLUSIVE with a DEFAULT");
        assertThat(drawn(create)).isEqualTo(create.getText()).endsWith("(blocks every query on it for that moment)");
    }

    private static PartitionSet rangeSet() {
        PartitionMember root = new PartitionMember(1, "public", "sales", null, null, List.of(), 0, false, false,
                null, "RANGE (at)", false, RelKind.PARTITIONED_TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L,
                0L, 0L, null, null, null, null, null, null, 200_000_000L, null, null, null, null, null, null, null,
                null, false);
        return new PartitionSet(root, SetKind.DECLARATIVE, Strategy.RANGE, "RANGE (at)", List.of(), null);
    }
}
