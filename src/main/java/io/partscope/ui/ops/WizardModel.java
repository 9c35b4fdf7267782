package io.partscope.ui.ops;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.ProgressProbe;
import java.util.List;
import javafx.scene.Node;

/** What differs between the operation wizards: the options page, the planning, and extra preview lines. */
public interface WizardModel {
    /** "Create partitions of public.events". */
    String title();

    /** The Options page (bound to this model's properties). */
    Node optionsPage();

    /** Plans off the FX thread, with the planner the CLI uses. */
    OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception;

    /** Lines shown above the steps in the preview (freeze: the chosen partitions); empty by default. */
    default List<String> previewLines() {
        return List.of();
    }

    /** Polls progress of long steps from a second session; null for none. */
    default ProgressProbe progressProbe() {
        return null;
    }

    /**
     * What a run that did not succeed leaves for the user to finish (detach: a partition PENDING DETACH), with how;
     * the wizard logs these after the outcome, so the log ends with the truth. Empty by default.
     */
    default List<String> leftBehind(OperationOutcome outcome) {
        return List.of();
    }

    /** Lines added to the summary (freeze: the ages after); empty by default. */
    default List<String> summaryLines(OperationOutcome outcome) {
        return List.of();
    }

    /**
     * Whether {@link #summaryLines} already list what each passed verification check says (freeze: one line per
     * partition with its ages): the summary then counts the passed checks instead of listing everything twice.
     */
    default boolean summaryListsVerifiedItems() {
        return false;
    }
}
