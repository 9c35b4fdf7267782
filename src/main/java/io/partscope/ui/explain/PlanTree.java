package io.partscope.ui.explain;

import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The plan as a tree table: node, estimated rows and cost, actual rows, loops, time (inclusive and the node's own),
 * shared buffers. Runs of sibling scans are one group row; a row's children become TreeItems only when it is
 * expanded, so a plan over 10,000 partitions costs a few dozen items until the user opens a group.
 */
public final class PlanTree extends VBox {
    private final TreeTableView<PlanRow> table = new TreeTableView<>();
    private final Label conditions = new Label(" ");
    private ExplainRun run;

    /** A row whose children are created when it is first expanded. */
    static final class PlanItem extends TreeItem<PlanRow> {
        private boolean built;

        PlanItem(PlanRow row, boolean expand) {
            super(row);
            expandedProperty().addListener((obs, old, now) -> {
                if (now) {
                    build();
                }
            });
            setExpanded(expand && row.hasChildren());
        }

        void build() {
            if (built) {
                return;
            }
            built = true;
            // Members of a group stay closed: opening 10,000 Bitmap Heap Scans must not open their index scans too.
            boolean expandChildren = !getValue().isGroup();
            List<PlanRow> rows = getValue().children();
            PlanItem[] items = new PlanItem[rows.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = new PlanItem(rows.get(i), expandChildren && !rows.get(i).isGroup());
            }
            getChildren().setAll(items);
        }

        @Override
        public boolean isLeaf() {
            return !getValue().hasChildren();
        }
    }

    private final List<TreeTableColumn<PlanRow, Double>> analyzeColumns = new java.util.ArrayList<>();

    public PlanTree() {
        getStyleClass().add(Styles.EXPLAIN_PLAN);
        table.setShowRoot(true);
        // Unconstrained: every header stays readable; a narrow pane scrolls sideways instead of cutting to "E...".
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Run a query to see its plan"));
        TreeTableColumn<PlanRow, String> node = new TreeTableColumn<>("Node");
        node.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().label()));
        node.setCellFactory(c -> new NodeCell());
        node.setPrefWidth(360);
        table.getColumns().add(node);
        table.getColumns().add(number("Est. rows", PlanRow::estRows, 0));
        table.getColumns().add(number("Est. cost", PlanRow::estCost, 2));
        // Shown only for EXPLAIN ANALYZE: without it these columns are empty and squeeze the estimates.
        analyzeColumns.add(number("Actual rows", PlanRow::actualRows, 0));
        analyzeColumns.add(number("Loops", r -> r.loops() == null ? null : r.loops().doubleValue(), 0));
        analyzeColumns.add(number("Time ms", PlanRow::timeMs, 3));
        analyzeColumns.add(number("Self ms", PlanRow::selfMs, 3));
        analyzeColumns.add(number("Shared hit", r -> r.sharedHit() == null ? null : r.sharedHit().doubleValue(), 0));
        analyzeColumns.add(number("Shared read",
                r -> r.sharedRead() == null ? null : r.sharedRead().doubleValue(), 0));
        table.getColumns().addAll(analyzeColumns);
        analyzeColumns.forEach(c -> c.setVisible(false));
        node.setMinWidth(240);
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(PlanRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(Styles.EXPLAIN_GROUP_ROW, Styles.EXPLAIN_NEVER_EXECUTED_ROW);
                if (!empty && row != null) {
                    if (row.isGroup()) {
                        getStyleClass().add(Styles.EXPLAIN_GROUP_ROW);
                    }
                    if (row.neverExecuted()) {
                        getStyleClass().add(Styles.EXPLAIN_NEVER_EXECUTED_ROW);
                    }
                }
            }
        });
        conditions.getStyleClass().addAll(Styles.CODE, Styles.EXPLAIN_CONDITIONS);
        conditions.setWrapText(true);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            String text = item == null ? "" : item.getValue().conditions();
            conditions.setText(text.isEmpty() ? " " : text);
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, conditions);
    }

    private static TreeTableColumn<PlanRow, Double> number(String title, Function<PlanRow, Double> value,
            int decimals) {
        TreeTableColumn<PlanRow, Double> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue().getValue())));
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : format(v, decimals));
            }
        });
        column.getStyleClass().add(Styles.NUMERIC);
        column.setPrefWidth(Math.max(90, 10 * title.length() + 20));
        return column;
    }

    static String format(double v, int decimals) {
        if (decimals == 0) {
            return Formats.count(Math.round(v));
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static final class NodeCell extends TreeTableCell<PlanRow, String> {
        private final Tooltip tooltip = new Tooltip();

        @Override
        protected void updateItem(String label, boolean empty) {
            super.updateItem(label, empty);
            PlanRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : label);
            String conditions = row == null ? "" : row.conditions();
            if (conditions.isEmpty()) {
                setTooltip(null);
            } else {
                tooltip.setText(conditions);
                setTooltip(tooltip);
            }
        }
    }

    /** Shows the plan of this run (null: none). Only the root's path of node rows is built; groups stay closed. */
    public void show(ExplainRun shown) {
        this.run = shown;
        boolean analyzed = shown != null && shown.setup().analyze();
        analyzeColumns.forEach(c -> c.setVisible(analyzed));
        table.setRoot(shown == null || shown.root() == null ? null : new PlanItem(shown.root(), true));
    }

    /** Opens the groups down to the scan of this leaf, selects it and scrolls to it; false if the plan has none. */
    public boolean reveal(String leafQualifiedName) {
        if (run == null || table.getRoot() == null) {
            return false;
        }
        List<Integer> path = run.pathToScanOf(leafQualifiedName);
        if (path.isEmpty()) {
            table.getSelectionModel().clearSelection();
            return false;
        }
        int target = path.get(path.size() - 1);
        PlanItem item = (PlanItem) table.getRoot();
        while (item.getValue().isGroup() || item.getValue().node().id() != target) {
            item.build();
            item.setExpanded(true);
            PlanItem next = null;
            for (TreeItem<PlanRow> child : item.getChildren()) {
                if (child.getValue().contains(target)) {
                    next = (PlanItem) child;
                    break;
                }
            }
            if (next == null) {
                return false;
            }
            item = next;
        }
        table.getSelectionModel().select(item);
        int row = table.getRow(item);
        if (row >= 0) {
            table.scrollTo(Math.max(0, row - 3));
        }
        return true;
    }

    public TreeTableView<PlanRow> table() {
        return table;
    }
}
