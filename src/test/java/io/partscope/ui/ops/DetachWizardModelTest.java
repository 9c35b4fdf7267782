package io.partscope.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.ops.detach.Aftermath;
import org.junit.jupiter.api.Test;

/** The wizard's choices become the same aftermath {@code --then} gives; a drop needs the name typed. */
class DetachWizardModelTest {
    private final DetachWizardModel model = new DetachWizardModel(new RelationName("Odd Schema", "Events 2025_01"),
            new RelationName("Odd Schema", "Events"));

    @Test
    void dropOnlyAfterTypingTheName() {
        model.thenProperty().set(DetachWizardModel.Then.DROP);
        assertThatThrownBy(model::aftermath).hasMessageContaining("type its name (Events 2025_01)");
        model.confirmProperty().set("Events 2025");
        assertThatThrownBy(model::aftermath).isInstanceOf(IllegalArgumentException.class);
        model.confirmProperty().set("Events 2025_01");
        assertThat(model.aftermath()).isEqualTo(new Aftermath.Drop());
        model.confirmProperty().set("\"Odd Schema\".\"Events 2025_01\"");
        assertThat(model.aftermath()).isEqualTo(new Aftermath.Drop());
    }

    @Test
    void keepRenameAndArchive() {
        assertThat(model.aftermath()).isEqualTo(new Aftermath.Keep());
        model.thenProperty().set(DetachWizardModel.Then.RENAME);
        assertThat(model.aftermath()).isEqualTo(new Aftermath.Rename("Events 2025_01_detached"));
        model.thenProperty().set(DetachWizardModel.Then.ARCHIVE);
        assertThat(model.aftermath()).isEqualTo(new Aftermath.Archive("archive"));
        assertThat(model.concurrentlyProperty().get()).isTrue();
    }
}
