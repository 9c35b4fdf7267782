package io.partscope.ui.ops;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.ProgressProbe;
import io.partscope.core.ops.freeze.FreezePlanner;
import io.partscope.core.ops.freeze.FreezeVerifier;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The freeze wizard's options, turned into the same {@link FreezePlanner.Selection} {@code op freeze} builds. */
public final class FreezeWizardModel implements WizardModel {
    public enum Choice { MIN_AGE, MIN_AGE_PCT, OLDER_THAN }

    public static final String VALUE_ID = "freezeValue";

    private final String table;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.MIN_AGE_PCT);
    private final StringProperty value = new SimpleStringProperty("50");
    private final BooleanProperty analyze = new SimpleBooleanProperty(false);
    private volatile FreezePlanner.FreezePlan last;

    public FreezeWizardModel(String table) {
        this.table = table;
    }

    @Override
    public String title() {
        return "Freeze partitions of " + table;
    }

    /** The selection as the CLI's --min-age / --min-age-pct / --older-than would give it. */
    public FreezePlanner.Selection selection() {
        String v = value.get() == null ? "" : value.get().strip();
        try {
            return switch (choice.get()) {
                case MIN_AGE -> new FreezePlanner.MinAge(Long.parseLong(v));
                case MIN_AGE_PCT -> new FreezePlanner.MinAgePct(Double.parseDouble(v));
                case OLDER_THAN -> new FreezePlanner.OlderThan(v);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a number");
        }
    }

    @Override
    public OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception {
        FreezePlanner.FreezePlan p = new FreezePlanner(db).plan(table, selection(), analyze.get(), profileReadOnly,
                cancellation);
        last = p;
        return p.plan();
    }

    @Override
    public List<String> previewLines() {
        FreezePlanner.FreezePlan p = last;
        if (p == null) {
            return List.of();
        }
        return p.targets().stream().map(t -> t.partition().qualified() + "   XID age " + FreezePlanner.count(
                t.xidAgeBefore()) + " of " + FreezePlanner.count(t.freezeMaxAge()) + "   " + FreezePlanner.bytes(
                t.totalBytes())).toList();
    }

    @Override
    public ProgressProbe progressProbe() {
        return FreezePlanner.progressProbe();
    }

    @Override
    public List<String> summaryLines(OperationOutcome outcome) {
        FreezePlanner.FreezePlan p = last;
        if (p == null) {
            return List.of();
        }
        return p.verifier().changes().stream().map((FreezeVerifier.AgeChange c) -> c.partition().qualified()
                + "   XID age " + c.before() + " → " + (c.after() == null ? "?" : c.after())).toList();
    }

    @Override
    public Node optionsPage() {
        VBox page = new VBox();
        page.getStyleClass().add(io.partscope.ui.Styles.WIZARD_PAGE);
        ToggleGroup group = new ToggleGroup();
        RadioButton minAge = radio("XID age at least", Choice.MIN_AGE, group);
        RadioButton minPct = radio("XID age at least this % of autovacuum_freeze_max_age", Choice.MIN_AGE_PCT, group);
        RadioButton older = radio("RANGE partitions whose upper bound is at or below", Choice.OLDER_THAN, group);
        TextField field = new TextField();
        field.setId(VALUE_ID);
        field.textProperty().bindBidirectional(value);
        CheckBox withAnalyze = new CheckBox("ANALYZE too (refresh the statistics)");
        withAnalyze.selectedProperty().bindBidirectional(analyze);
        GridPane grid = new GridPane();
        grid.getStyleClass().add(io.partscope.ui.Styles.WIZARD_FORM);
        grid.addColumn(0, minAge, minPct, older);
        grid.add(field, 1, 0, 1, 3);
        page.getChildren().addAll(grid, withAnalyze);
        return page;
    }

    private RadioButton radio(String text, Choice c, ToggleGroup group) {
        RadioButton r = new RadioButton(text);
        r.setToggleGroup(group);
        r.setSelected(choice.get() == c);
        r.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                choice.set(c);
            }
        });
        return r;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public StringProperty valueProperty() {
        return value;
    }
}
