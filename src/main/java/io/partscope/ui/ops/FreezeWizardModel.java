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
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The freeze wizard's options, turned into the same {@link FreezePlanner.Selection} {@code op freeze} builds, and the
 * VACUUM options ({@link FreezePlanner.VacuumOptions}). Each way of choosing partitions has its own value, so
 * switching between them never carries a number into a field it does not belong to.
 */
public final class FreezeWizardModel implements WizardModel {
    public enum Choice { MIN_AGE, MIN_AGE_PCT, OLDER_THAN }

    public static final String MIN_AGE_ID = "freezeMinAge";
    public static final String MIN_AGE_PCT_ID = "freezeMinAgePct";
    public static final String OLDER_THAN_ID = "freezeOlderThan";
    public static final String SKIP_LOCKED_ID = "freezeSkipLocked";
    public static final String PARALLEL_ID = "freezeParallel";
    public static final String BUFFER_USAGE_LIMIT_ID = "freezeBufferUsageLimit";
    public static final String COST_DELAY_ID = "freezeCostDelay";

    private final String table;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.MIN_AGE_PCT);
    private final StringProperty minAge = new SimpleStringProperty("");
    private final StringProperty minAgePct = new SimpleStringProperty("50");
    private final StringProperty olderThan = new SimpleStringProperty("");
    private final BooleanProperty analyze = new SimpleBooleanProperty(false);
    private final BooleanProperty skipLocked = new SimpleBooleanProperty(false);
    private final StringProperty parallel = new SimpleStringProperty("");
    private final StringProperty bufferUsageLimit = new SimpleStringProperty("");
    private final StringProperty costDelay = new SimpleStringProperty("");
    private volatile FreezePlanner.FreezePlan last;

    public FreezeWizardModel(String table) {
        this.table = table;
    }

    @Override
    public String title() {
        return "Freeze partitions of " + table;
    }

    /** The selection as the CLI's --min-age / --min-age-pct / --older-than would give it, from its own field. */
    public FreezePlanner.Selection selection() {
        Choice c = choice.get();
        String v = strip(valueProperty(c).get());
        try {
            return switch (c) {
                case MIN_AGE -> new FreezePlanner.MinAge(Long.parseLong(v));
                case MIN_AGE_PCT -> new FreezePlanner.MinAgePct(Double.parseDouble(v));
                case OLDER_THAN -> new FreezePlanner.OlderThan(v);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a number");
        }
    }

    /** SKIP_LOCKED, PARALLEL, BUFFER_USAGE_LIMIT and the cost delay as typed (blank: the server's choice). */
    public FreezePlanner.VacuumOptions vacuumOptions() {
        String workers = strip(parallel.get());
        String delay = strip(costDelay.get());
        Integer parallelWorkers;
        try {
            parallelWorkers = workers.isEmpty() ? null : Integer.valueOf(workers);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PARALLEL: \"" + workers + "\" is not a whole number of workers");
        }
        Double delayMs;
        try {
            delayMs = delay.isEmpty() ? null : Double.valueOf(delay);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cost delay: \"" + delay + "\" is not a number of milliseconds");
        }
        String buffers = strip(bufferUsageLimit.get());
        return new FreezePlanner.VacuumOptions(analyze.get(), skipLocked.get(), parallelWorkers,
                buffers.isEmpty() ? null : buffers, delayMs);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    @Override
    public OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception {
        FreezePlanner.FreezePlan p = new FreezePlanner(db).plan(table, selection(), vacuumOptions(), profileReadOnly,
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
                + "   XID age " + c.before() + " → " + (c.after() == null ? "? (gone)" : c.after())
                + (c.after() != null && !c.lowered() ? "   ⚠ not lower" : "")).toList();
    }

    /** The summary lines are the verification, partition by partition: the passed checks need not repeat them. */
    @Override
    public boolean summaryListsVerifiedItems() {
        return true;
    }

    @Override
    public Node optionsPage() {
        VBox page = new VBox();
        page.getStyleClass().add(io.partscope.ui.Styles.WIZARD_PAGE);
        ToggleGroup group = new ToggleGroup();
        GridPane grid = new GridPane();
        grid.getStyleClass().add(io.partscope.ui.Styles.WIZARD_FORM);
        choiceRow(grid, 0, group, "XID age at least", Choice.MIN_AGE, MIN_AGE_ID, "e.g. 150000000");
        choiceRow(grid, 1, group, "XID age at least this % of autovacuum_freeze_max_age", Choice.MIN_AGE_PCT,
                MIN_AGE_PCT_ID, "0 to 100");
        choiceRow(grid, 2, group, "RANGE partitions whose upper bound is at or below", Choice.OLDER_THAN,
                OLDER_THAN_ID, "e.g. 2025-03-01");

        CheckBox withAnalyze = checkBox("ANALYZE too (refresh the statistics)", analyze, null);
        CheckBox skip = checkBox("SKIP_LOCKED: skip a partition whose lock is taken instead of waiting for it",
                skipLocked, SKIP_LOCKED_ID);
        GridPane vacuum = new GridPane();
        vacuum.getStyleClass().add(io.partscope.ui.Styles.WIZARD_FORM);
        optionRow(vacuum, 0, "PARALLEL workers", parallel, PARALLEL_ID, "the server's choice",
                "for the index phase; 0 turns it off");
        optionRow(vacuum, 1, "BUFFER_USAGE_LIMIT", bufferUsageLimit, BUFFER_USAGE_LIMIT_ID, "the server's (256kB)",
                "PostgreSQL 16+: e.g. 16MB, 1GB; a bigger ring is faster, 0 means no limit");
        optionRow(vacuum, 2, "Cost delay (ms)", costDelay, COST_DELAY_ID, "0: no throttling",
                "vacuum_cost_delay for these VACUUMs: 2 is autovacuum's, higher is gentler on I/O");
        Label title = new Label("VACUUM options");
        title.getStyleClass().add(io.partscope.ui.Styles.SECTION_TITLE);
        page.getChildren().addAll(grid, withAnalyze, title, skip, vacuum);
        return page;
    }

    /** A choice and its own field, usable only while the choice is picked. */
    private void choiceRow(GridPane grid, int row, ToggleGroup group, String text, Choice c, String id,
            String prompt) {
        RadioButton r = new RadioButton(text);
        r.setMnemonicParsing(false); // setting names have underscores
        r.setToggleGroup(group);
        r.setSelected(choice.get() == c);
        r.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                choice.set(c);
            }
        });
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(valueProperty(c));
        field.disableProperty().bind(r.selectedProperty().not());
        grid.addRow(row, r, field);
    }

    private static void optionRow(GridPane grid, int row, String text, StringProperty value, String id,
            String prompt, String note) {
        Label label = new Label(text);
        label.setMnemonicParsing(false);
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        label.setLabelFor(field);
        Label hint = new Label(note);
        hint.getStyleClass().add(io.partscope.ui.Styles.MUTED);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        grid.addRow(row, label, field, hint);
    }

    private static CheckBox checkBox(String text, BooleanProperty value, String id) {
        CheckBox box = new CheckBox(text);
        box.setMnemonicParsing(false);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    /** The value of one way of choosing partitions. */
    public StringProperty valueProperty(Choice c) {
        return switch (c) {
            case MIN_AGE -> minAge;
            case MIN_AGE_PCT -> minAgePct;
            case OLDER_THAN -> olderThan;
        };
    }
}
