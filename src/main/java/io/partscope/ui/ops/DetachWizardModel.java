package io.partscope.ui.ops;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.ProgressProbe;
import io.partscope.core.ops.WaitProbe;
import io.partscope.core.ops.detach.Aftermath;
import io.partscope.core.ops.detach.DetachPlanner;
import io.partscope.ui.Styles;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The detach wizard's options (CONCURRENTLY or not, and what happens to the table afterwards), planned with the
 * {@link DetachPlanner} {@code op detach} uses. Dropping needs the partition's name typed. While CONCURRENTLY
 * waits the Run page lists the sessions it waits for ({@link WaitProbe}); the probe also notes when the partition
 * became pending, so the summary of an interrupted run says how to finish it.
 */
public final class DetachWizardModel implements WizardModel {
    public enum Then { KEEP, RENAME, ARCHIVE, DROP }

    public static final String CONCURRENTLY_ID = "detachConcurrently";
    public static final String RENAME_ID = "detachRenameTo";
    public static final String ARCHIVE_ID = "detachArchiveSchema";
    public static final String CONFIRM_ID = "detachConfirmName";

    private final RelationName partition;
    private final RelationName parent;
    private final BooleanProperty concurrently = new SimpleBooleanProperty(true);
    private final ObjectProperty<Then> then = new SimpleObjectProperty<>(Then.KEEP);
    private final StringProperty renameTo = new SimpleStringProperty("");
    private final StringProperty archiveSchema = new SimpleStringProperty("archive");
    private final StringProperty confirm = new SimpleStringProperty("");
    private volatile boolean pendingSeen;

    public DetachWizardModel(RelationName partition, RelationName parent) {
        this.partition = partition;
        this.parent = parent;
        renameTo.set(partition.name() + "_detached");
    }

    @Override
    public String title() {
        return "Detach " + partition.qualified() + " from " + parent.qualified();
    }

    /** The aftermath as {@code --then} would give it; refuses a drop whose name was not typed. */
    public Aftermath aftermath() {
        return switch (then.get()) {
            case KEEP -> new Aftermath.Keep();
            case RENAME -> {
                String name = renameTo.get() == null ? "" : renameTo.get().strip();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("Type the new name of the table.");
                }
                yield new Aftermath.Rename(name);
            }
            case ARCHIVE -> {
                String schema = archiveSchema.get() == null ? "" : archiveSchema.get().strip();
                if (schema.isEmpty()) {
                    throw new IllegalArgumentException("Type the archive schema.");
                }
                yield new Aftermath.Archive(schema);
            }
            case DROP -> {
                String typed = confirm.get() == null ? "" : confirm.get().strip();
                if (!typed.equals(partition.name()) && !typed.equals(partition.qualified())) {
                    throw new IllegalArgumentException("To drop the table, type its name (" + partition.name()
                            + ") in the confirmation field.");
                }
                yield new Aftermath.Drop();
            }
        };
    }

    @Override
    public OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception {
        pendingSeen = false;
        return new DetachPlanner(db).plan(new DetachPlanner.Request(partition.qualified(), concurrently.get(),
                aftermath(), profileReadOnly), cancellation).plan();
    }

    @Override
    public ProgressProbe progressProbe() {
        WaitProbe waits = new WaitProbe();
        return (monitor, pid, step) -> {
            Optional<ProgressProbe.Reading> r = waits.poll(monitor, pid, step);
            try (PreparedStatement p = monitor.prepareStatement("SELECT inhdetachpending FROM pg_inherits"
                    + " WHERE inhrelid = to_regclass(?)")) {
                p.setString(1, partition.qualified());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        pendingSeen = true;
                    }
                }
            } catch (SQLException e) {
                // PostgreSQL 13 has no pending detach
            }
            return r;
        };
    }

    @Override
    public List<String> summaryLines(OperationOutcome outcome) {
        return leftBehind(outcome);
    }

    @Override
    public List<String> leftBehind(OperationOutcome outcome) {
        if (outcome.status() != OperationOutcome.Status.SUCCEEDED && concurrently.get() && pendingSeen) {
            return List.of(partition.qualified() + " is left PENDING DETACH from " + parent.qualified()
                    + ": queries through the parent no longer see it and inserts into its range fail.",
                    "Finish it with \"Finalize detach…\" on its row in the partition tree (or: "
                            + DetachPlanner.finalizeCommand(parent) + ").");
        }
        return List.of();
    }

    @Override
    public Node optionsPage() {
        VBox page = new VBox();
        page.getStyleClass().add(Styles.WIZARD_PAGE);
        Label what = new Label(title() + ".");
        what.setWrapText(true);
        CheckBox conc = new CheckBox("CONCURRENTLY: reads and writes of the set go on; waits for the transactions"
                + " using " + parent.qualified() + " (PostgreSQL 14+, not with a DEFAULT partition)");
        conc.setId(CONCURRENTLY_ID);
        conc.setMnemonicParsing(false);
        conc.setWrapText(true);
        conc.selectedProperty().bindBidirectional(concurrently);
        Label plain = new Label("Without it: ACCESS EXCLUSIVE on " + parent.qualified() + " and the partition for"
                + " one short transaction (every query on the set waits for it).");
        plain.setWrapText(true);
        plain.getStyleClass().add(Styles.MUTED);

        ToggleGroup group = new ToggleGroup();
        TextField rename = new TextField();
        rename.setId(RENAME_ID);
        rename.textProperty().bindBidirectional(renameTo);
        TextField archive = new TextField();
        archive.setId(ARCHIVE_ID);
        archive.textProperty().bindBidirectional(archiveSchema);
        TextField confirmField = new TextField();
        confirmField.setId(CONFIRM_ID);
        confirmField.setPromptText("type " + partition.name() + " to confirm");
        confirmField.textProperty().bindBidirectional(confirm);
        for (TextField f : List.of(rename, archive, confirmField)) {
            f.setPrefColumnCount(28);
        }
        rename.disableProperty().bind(then.isNotEqualTo(Then.RENAME));
        archive.disableProperty().bind(then.isNotEqualTo(Then.ARCHIVE));
        confirmField.disableProperty().bind(then.isNotEqualTo(Then.DROP));
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.WIZARD_FORM);
        grid.add(radio("Keep the table as " + partition.qualified(), Then.KEEP, group), 0, 0);
        grid.add(radio("Rename it to", Then.RENAME, group), 0, 1);
        grid.add(rename, 1, 1);
        grid.add(radio("Move it to the schema", Then.ARCHIVE, group), 0, 2);
        grid.add(archive, 1, 2);
        grid.add(radio("Drop it (its rows are deleted for good); type its name:", Then.DROP, group), 0, 3);
        grid.add(confirmField, 1, 3);
        Label afterwards = new Label("Afterwards");
        afterwards.getStyleClass().add(Styles.SECTION_TITLE);
        page.getChildren().addAll(what, conc, plain, afterwards, grid);
        return page;
    }

    private RadioButton radio(String text, Then value, ToggleGroup group) {
        RadioButton r = new RadioButton(text);
        r.setMnemonicParsing(false); // names have underscores
        r.setId("detachThen" + value.name().charAt(0) + value.name().substring(1).toLowerCase(java.util.Locale.ROOT));
        r.setToggleGroup(group);
        r.setSelected(then.get() == value);
        r.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                then.set(value);
            }
        });
        return r;
    }

    public BooleanProperty concurrentlyProperty() {
        return concurrently;
    }

    public ObjectProperty<Then> thenProperty() {
        return then;
    }

    public StringProperty confirmProperty() {
        return confirm;
    }
}
