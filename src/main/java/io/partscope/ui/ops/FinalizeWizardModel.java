package io.partscope.ui.ops;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.ProgressProbe;
import io.partscope.core.ops.WaitProbe;
import io.partscope.core.ops.detach.FinalizePlanner;
import io.partscope.ui.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Completes a pending detach (DETACH ... FINALIZE) with the {@link FinalizePlanner} {@code op finalize} uses. */
public final class FinalizeWizardModel implements WizardModel {
    private final RelationName partition;
    private final RelationName parent;

    public FinalizeWizardModel(RelationName partition, RelationName parent) {
        this.partition = partition;
        this.parent = parent;
    }

    @Override
    public String title() {
        return "Finalize the detach of " + partition.qualified();
    }

    @Override
    public OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception {
        return new FinalizePlanner(db).plan(partition.qualified(), profileReadOnly, cancellation).plan();
    }

    @Override
    public ProgressProbe progressProbe() {
        return new WaitProbe();
    }

    @Override
    public Node optionsPage() {
        VBox page = new VBox();
        page.getStyleClass().add(Styles.WIZARD_PAGE);
        Label what = new Label(partition.qualified() + " is pending detach from " + parent.qualified() + ": a"
                + " DETACH CONCURRENTLY was interrupted after its first transaction. Queries through the parent no"
                + " longer see it, and inserts into its range fail until the detach is finished.");
        what.setWrapText(true);
        Label how = new Label("ALTER TABLE ... DETACH PARTITION ... FINALIZE completes it in one transaction: SHARE"
                + " UPDATE EXCLUSIVE on the parent (reads and writes go on), ACCESS EXCLUSIVE on the partition. The"
                + " table is kept.");
        how.setWrapText(true);
        how.getStyleClass().add(Styles.MUTED);
        page.getChildren().addAll(what, how);
        return page;
    }
}
