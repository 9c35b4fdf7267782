package io.partscope.ui.explain;

import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PruningTarget;
import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import java.util.Objects;
import java.util.function.Function;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A (pinned) and B (latest) side by side: per partition set the two grids with the leaves whose state differs
 * outlined, and a table of counts, cost, times and buffers where values that differ are marked.
 */
public final class ComparisonView extends VBox {
    private final Label title = new Label("Pin a result as A, change the setup or the query, and run again");
    private final ComboBox<LeafComparison.TargetPair> targets = new ComboBox<>();
    private final GridPane numbers = new GridPane();
    private final Label labelA = new Label();
    private final Label labelB = new Label();
    private final TargetView viewA = new TargetView();
    private final TargetView viewB = new TargetView();
    private LeafComparison comparison;

    public ComparisonView() {
        getStyleClass().add(Styles.EXPLAIN_COMPARISON);
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.setWrapText(true);
        targets.setCellFactory(l -> new PairCell());
        targets.setButtonCell(new PairCell());
        targets.getSelectionModel().selectedItemProperty().addListener((obs, old, pair) -> showPair(pair));
        numbers.getStyleClass().add(Styles.EXPLAIN_COMPARISON_TABLE);
        labelA.getStyleClass().add(Styles.EXPLAIN_SIDE_LABEL);
        labelB.getStyleClass().add(Styles.EXPLAIN_SIDE_LABEL);
        labelA.setWrapText(true);
        labelB.setWrapText(true);
        VBox a = new VBox(4, labelA, viewA);
        VBox b = new VBox(4, labelB, viewB);
        VBox.setVgrow(viewA, Priority.ALWAYS);
        VBox.setVgrow(viewB, Priority.ALWAYS);
        HBox.setHgrow(a, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        a.setPrefWidth(100);
        b.setPrefWidth(100);
        HBox sides = new HBox(12, a, b);
        VBox.setVgrow(sides, Priority.ALWAYS);
        getChildren().addAll(title, targets, numbers, sides);
        setSpacing(8);
        show(null);
    }

    private static final class PairCell extends ListCell<LeafComparison.TargetPair> {
        @Override
        protected void updateItem(LeafComparison.TargetPair pair, boolean empty) {
            super.updateItem(pair, empty);
            setText(empty || pair == null ? null : pair.name() + " — " + pair.differing().size() + " leaves differ");
        }
    }

    public void show(LeafComparison shown) {
        this.comparison = shown;
        boolean any = shown != null;
        targets.setVisible(any);
        targets.setManaged(any);
        numbers.setVisible(any);
        numbers.setManaged(any);
        if (!any) {
            title.setText("Pin a result as A, change the setup or the query, and run again to compare");
            targets.getItems().clear();
            viewA.show(null, null);
            viewB.show(null, null);
            labelA.setText("");
            labelB.setText("");
            return;
        }
        int n = shown.differingLeaves();
        title.setText("A against B: " + (n == 0 ? "the same leaves in the same states"
                : n == 1 ? "1 leaf differs" : n + " leaves differ"));
        labelA.setText("A: " + shown.a().setup().summary() + "\n" + oneLine(shown.a().query()));
        labelB.setText("B: " + shown.b().setup().summary() + "\n" + oneLine(shown.b().query()));
        targets.getItems().setAll(shown.targets());
        if (!shown.targets().isEmpty()) {
            targets.getSelectionModel().select(0);
        } else {
            showPair(null);
        }
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ");
        return s.length() <= 120 ? s : s.substring(0, 117) + "…";
    }

    private void showPair(LeafComparison.TargetPair pair) {
        viewA.show(pair == null ? null : pair.a(), pair == null ? null : comparison.a().layout(pair.a()));
        viewB.show(pair == null ? null : pair.b(), pair == null ? null : comparison.b().layout(pair.b()));
        viewA.setHighlighted(pair == null ? null : pair.differing());
        viewB.setHighlighted(pair == null ? null : pair.differing());
        numbers.getChildren().clear();
        if (pair == null) {
            return;
        }
        int row = 0;
        header(row++);
        for (LeafState state : LeafState.values()) {
            line(row++, state.label(), count(pair.a(), state), count(pair.b(), state));
        }
        ExplainRun.PlanTotals a = comparison.a().totals();
        ExplainRun.PlanTotals b = comparison.b().totals();
        line(row++, "total cost", num(a, ExplainRun.PlanTotals::totalCost), num(b, ExplainRun.PlanTotals::totalCost));
        line(row++, "planning ms", num(a, ExplainRun.PlanTotals::planningMs), num(b, ExplainRun.PlanTotals::planningMs));
        line(row++, "execution ms", num(a, ExplainRun.PlanTotals::executionMs),
                num(b, ExplainRun.PlanTotals::executionMs));
        line(row++, "shared hit", blocks(a.sharedHit()), blocks(b.sharedHit()));
        line(row, "shared read", blocks(a.sharedRead()), blocks(b.sharedRead()));
    }

    private static String count(PruningTarget t, LeafState state) {
        return t == null ? "–" : Long.toString(t.count(state));
    }

    private static String num(ExplainRun.PlanTotals t, Function<ExplainRun.PlanTotals, Double> value) {
        Double v = value.apply(t);
        return v == null ? "–" : PlanTree.format(v, 2);
    }

    private static String blocks(Long v) {
        return v == null ? "–" : Formats.count(v);
    }

    private void header(int row) {
        Label a = new Label("A");
        Label b = new Label("B");
        a.getStyleClass().addAll(Styles.SECTION_TITLE, Styles.NUMERIC);
        b.getStyleClass().addAll(Styles.SECTION_TITLE, Styles.NUMERIC);
        numbers.addRow(row, new Label(""), a, b);
    }

    private void line(int row, String what, String a, String b) {
        Label name = new Label(what);
        name.getStyleClass().add(Styles.MUTED);
        Label left = new Label(a);
        Label right = new Label(b);
        left.getStyleClass().add(Styles.NUMERIC);
        right.getStyleClass().add(Styles.NUMERIC);
        if (!Objects.equals(a, b)) {
            left.getStyleClass().add(Styles.EXPLAIN_DIFFERS);
            right.getStyleClass().add(Styles.EXPLAIN_DIFFERS);
            name.setText(what + " ≠");
        }
        numbers.addRow(row, name, left, right);
    }

    public TargetView sideA() {
        return viewA;
    }

    public TargetView sideB() {
        return viewB;
    }

    public Label title() {
        return title;
    }

    public GridPane numbers() {
        return numbers;
    }
}
