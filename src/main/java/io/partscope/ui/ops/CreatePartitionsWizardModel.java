package io.partscope.ui.ops;

import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.create.CreatePartitionsPlanner;
import io.partscope.core.ops.create.CreateRequest;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The create-partitions wizard's options, turned into the same {@link CreateRequest} {@code op create} builds. */
public final class CreatePartitionsWizardModel implements WizardModel {
    public static final String NEXT_ID = "createNext";
    public static final String ATTACH_ID = "createAttach";
    public static final String CREATE_ID = "createCreate";

    private final String table;
    private final Strategy strategy;
    private final IntegerProperty next = new SimpleIntegerProperty(3);
    /** RANGE: true uses from/to/interval instead of next N. */
    private final BooleanProperty explicitRange = new SimpleBooleanProperty(false);
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty interval = new SimpleStringProperty("");
    private final StringProperty values = new SimpleStringProperty("");
    private final ObjectProperty<CreateRequest.Method> method = new SimpleObjectProperty<>(CreateRequest.Method.CREATE);

    public CreatePartitionsWizardModel(PartitionSet set) {
        this.table = set.relationName().qualified();
        this.strategy = set.strategy();
    }

    @Override
    public String title() {
        return "Create partitions of " + table;
    }

    /** The request as the CLI would build it from the same options. */
    public CreateRequest request() {
        CreateRequest.Method m = method.get();
        if (strategy == Strategy.LIST) {
            return CreateRequest.values(Arrays.stream(values.get().split(",")).map(String::strip)
                    .filter(v -> !v.isEmpty()).toList(), m);
        }
        if (strategy == Strategy.HASH) {
            return CreateRequest.missing(m);
        }
        if (explicitRange.get()) {
            return CreateRequest.range(blankToNull(from.get()), blankToNull(to.get()), blankToNull(interval.get()), m);
        }
        return CreateRequest.next(next.get(), m);
    }

    @Override
    public OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception {
        return new CreatePartitionsPlanner(db).plan(table, request(), profileReadOnly, cancellation);
    }

    @Override
    public List<String> previewLines() {
        return List.of();
    }

    @Override
    public Node optionsPage() {
        VBox page = new VBox();
        page.getStyleClass().add(io.partscope.ui.Styles.WIZARD_PAGE);
        GridPane grid = new GridPane();
        grid.getStyleClass().add(io.partscope.ui.Styles.WIZARD_FORM);
        int row = 0;
        if (strategy == Strategy.RANGE) {
            ToggleGroup which = new ToggleGroup();
            RadioButton nextChoice = new RadioButton("The next");
            nextChoice.setToggleGroup(which);
            nextChoice.setSelected(!explicitRange.get());
            Spinner<Integer> count = new Spinner<>(1, CreatePartitionsPlanner.MAX_PARTITIONS, next.get());
            count.setId(NEXT_ID);
            count.setEditable(true);
            count.valueProperty().addListener((o, a, b) -> next.set(b == null ? 1 : b));
            grid.addRow(row++, nextChoice, count, new Label("partitions after the newest, at the set's interval"));
            RadioButton rangeChoice = new RadioButton("From / to");
            rangeChoice.setToggleGroup(which);
            rangeChoice.setSelected(explicitRange.get());
            explicitRange.bind(rangeChoice.selectedProperty());
            TextField fromField = field(from, "2026-05-01");
            TextField toField = field(to, "2026-08-01");
            TextField intervalField = field(interval, "the set's (month, week, 1000…)");
            count.disableProperty().bind(rangeChoice.selectedProperty());
            fromField.disableProperty().bind(rangeChoice.selectedProperty().not());
            toField.disableProperty().bind(rangeChoice.selectedProperty().not());
            intervalField.disableProperty().bind(rangeChoice.selectedProperty().not());
            grid.addRow(row++, rangeChoice, fromField, toField);
            grid.addRow(row++, new Label("Interval"), intervalField);
        } else if (strategy == Strategy.LIST) {
            grid.addRow(row++, new Label("Values"), field(values, "NL, PL (one partition each)"));
        } else {
            grid.addRow(row++, new Label("The missing remainders of the hash set will be created."));
        }
        ToggleGroup how = new ToggleGroup();
        RadioButton create = new RadioButton("create: CREATE TABLE … PARTITION OF — ACCESS EXCLUSIVE on the parent,"
                + " briefly (blocks every query on it for that moment)");
        create.setId(CREATE_ID);
        create.setToggleGroup(how);
        create.setSelected(true);
        RadioButton attach = new RadioButton("attach: CREATE TABLE (LIKE …) + CHECK + ATTACH PARTITION — SHARE UPDATE"
                + " EXCLUSIVE on the parent (reads and writes go on); SHARE ROW EXCLUSIVE with a DEFAULT");
        attach.setId(ATTACH_ID);
        attach.setToggleGroup(how);
        attach.selectedProperty().addListener((o, a, on) ->
                method.set(on ? CreateRequest.Method.ATTACH : CreateRequest.Method.CREATE));
        for (RadioButton r : List.of(create, attach)) {
            // Each method says which lock it takes, to its last word: wrap rather than cut it with an ellipsis.
            r.setWrapText(true);
            r.setMinHeight(Region.USE_PREF_SIZE);
            r.setMnemonicParsing(false);
        }
        Label methodTitle = new Label("Method");
        methodTitle.getStyleClass().add(io.partscope.ui.Styles.SECTION_TITLE);
        page.getChildren().addAll(grid, methodTitle, create, attach);
        return page;
    }

    private static TextField field(StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public IntegerProperty nextProperty() {
        return next;
    }

    public ObjectProperty<CreateRequest.Method> methodProperty() {
        return method;
    }
}
