package io.partscope.ui.explain;

import io.partscope.core.explain.PruningTarget;
import io.partscope.ui.Styles;
import io.partscope.ui.theme.Themes;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The EXPLAIN view of one connection: the query editor with its history and setup toggles, Run and Cancel, the
 * server's error under the editor; below, the result drawn on each partition set beside the plan tree, and the
 * comparison of a pinned result (A) with the latest (B). Ctrl+Enter runs, Esc cancels.
 */
public final class ExplainPane extends BorderPane {
    public static final String QUERY_ID = "explain-query";
    public static final String SETUP_ID = "explain-setup";
    public static final String RUN_ID = "explain-run";
    public static final String CANCEL_ID = "explain-cancel";
    public static final String PIN_ID = "explain-pin";
    public static final String COMPARE_ID = "explain-compare";
    public static final String ANALYZE_ID = "explain-analyze";
    public static final String PRUNING_ID = "explain-pruning";
    public static final String PLAN_CACHE_ID = "explain-plan-cache";
    public static final String HISTORY_ID = "explain-history";

    private final ExplainViewModel viewModel;
    private final TextArea query = new TextArea();
    private final TextArea setupStatements = new TextArea();
    private final ComboBox<String> history = new ComboBox<>();
    private final Label errorMessage = new Label();
    private final Label errorDetail = new Label();
    private final Label errorHint = new Label();
    private final VBox errorBox = new VBox(2, errorMessage, errorDetail, errorHint);
    private final Label status = new Label();
    private final ComboBox<PruningTarget> targets = new ComboBox<>();
    private final TargetView targetView = new TargetView();
    private final FindingsView findings = new FindingsView();
    private final PlanTree planTree = new PlanTree();
    private final ComparisonView comparisonView = new ComparisonView();
    private final TabPane results = new TabPane();
    private final Tab resultTab = new Tab("Result");
    private final Tab comparisonTab = new Tab("Comparison");
    private boolean showComparisonNext;

    public ExplainPane(ExplainViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add(Styles.EXPLAIN_PANE);

        SplitPane main = new SplitPane(editor(), resultsArea());
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(main.getItems().get(0), false);
        setCenter(main);
        status.getStyleClass().add(Styles.MUTED);
        status.textProperty().bind(viewModel.statusProperty());
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);
        setBottom(statusBar);

        viewModel.resultProperty().addListener((obs, old, run) -> showRun(run));
        viewModel.comparisonProperty().addListener((obs, old, c) -> {
            comparisonView.show(c);
            if (c != null && showComparisonNext) {
                results.getSelectionModel().select(comparisonTab);
            }
            showComparisonNext = false;
        });
        viewModel.errorProperty().addListener((obs, old, e) -> showError(e));
        showError(null);
        viewModel.setConfirmDataChange(this::confirmDataChange);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                viewModel.run();
            } else if (e.getCode() == KeyCode.ESCAPE && viewModel.runningProperty().get()) {
                e.consume();
                viewModel.cancel();
            }
        });
    }

    /** Before an ANALYZE of an INSERT, UPDATE, DELETE or MERGE: what the rollback does not undo. */
    private boolean confirmDataChange(String warning) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        if (getScene() != null) {
            confirm.initOwner(getScene().getWindow());
        }
        Themes.style(confirm);
        confirm.setTitle("EXPLAIN ANALYZE");
        confirm.setHeaderText("Run this data-modifying statement?");
        confirm.setContentText(warning);
        return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private Region editor() {
        query.setId(QUERY_ID);
        query.getStyleClass().addAll(Styles.CODE, Styles.EXPLAIN_EDITOR);
        query.setPromptText("SELECT … FROM a_partitioned_table WHERE …   (Ctrl+Enter runs EXPLAIN)");
        query.setWrapText(false);
        query.textProperty().bindBidirectional(viewModel.queryProperty());
        query.setPrefRowCount(6);
        // At 900 px high the editor's share of the split left the query a line and a half: keep four lines.
        query.setMinHeight(90);

        history.setId(HISTORY_ID);
        history.setPromptText("History");
        history.setItems(viewModel.history());
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String sql, boolean empty) {
                super.updateItem(sql, empty);
                setText(empty || sql == null ? null : oneLine(sql));
            }
        });
        history.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String sql, boolean empty) {
                super.updateItem(sql, empty);
                setText("History");
            }
        });
        history.setOnAction(e -> {
            String chosen = history.getValue();
            if (chosen != null) {
                viewModel.queryProperty().set(chosen);
                javafx.application.Platform.runLater(() -> history.getSelectionModel().clearSelection());
            }
        });
        history.setMaxWidth(260);

        ComboBox<ExplainSetup.PlanCacheMode> planCache = new ComboBox<>();
        planCache.setId(PLAN_CACHE_ID);
        planCache.getItems().setAll(ExplainSetup.PlanCacheMode.values());
        planCache.valueProperty().bindBidirectional(viewModel.planCacheModeProperty());
        planCache.setTooltip(new Tooltip("plan_cache_mode: custom plans prune at plan time; a generic plan of a "
                + "prepared statement can prune only when the executor starts"));
        Label planCacheLabel = new Label("plan_cache_mode", planCache);
        planCacheLabel.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);

        CheckBox pruning = new CheckBox("enable_partition_pruning");
        pruning.setId(PRUNING_ID);
        pruning.setMnemonicParsing(false);
        pruning.selectedProperty().bindBidirectional(viewModel.partitionPruningProperty());
        CheckBox analyze = new CheckBox("ANALYZE");
        analyze.setId(ANALYZE_ID);
        analyze.setMnemonicParsing(false);
        analyze.selectedProperty().bindBidirectional(viewModel.analyzeProperty());
        analyze.setTooltip(new Tooltip("Runs the query (with BUFFERS): actual rows, times, never-executed scans"));
        Label rollback = new Label("runs inside a transaction that is rolled back");
        rollback.getStyleClass().addAll(Styles.WARNING, Styles.EXPLAIN_ROLLBACK_NOTE);
        rollback.visibleProperty().bind(viewModel.rolledBackWarningProperty());
        rollback.managedProperty().bind(rollback.visibleProperty());

        Button run = new Button("Run");
        run.setId(RUN_ID);
        run.getStyleClass().add(Styles.PRIMARY);
        run.setOnAction(e -> viewModel.run());
        run.setTooltip(new Tooltip("Ctrl+Enter"));
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        cancel.setTooltip(new Tooltip("Esc: cancels the statement on the server"));
        Button pin = new Button("Pin as A");
        pin.setId(PIN_ID);
        pin.disableProperty().bind(viewModel.resultProperty().isNull());
        pin.setOnAction(e -> viewModel.pin());
        Button compare = new Button("Compare with A");
        compare.setId(COMPARE_ID);
        compare.disableProperty().bind(viewModel.pinnedProperty().isNull().or(viewModel.runningProperty()));
        compare.setOnAction(e -> {
            showComparisonNext = true;
            viewModel.run();
        });
        Label pinned = new Label();
        pinned.getStyleClass().add(Styles.MUTED);
        pinned.textProperty().bind(Bindings.createStringBinding(() -> viewModel.pinnedProperty().get() == null ? ""
                : "A: " + viewModel.pinnedProperty().get().setup().summary(), viewModel.pinnedProperty()));

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toggles = new HBox(12, planCacheLabel, pruning, analyze, rollback, grow, history);
        toggles.setAlignment(Pos.CENTER_LEFT);
        toggles.getStyleClass().add(Styles.EXPLAIN_TOGGLES);
        HBox actions = new HBox(8, run, cancel, pin, compare, pinned);
        actions.setAlignment(Pos.CENTER_LEFT);

        setupStatements.setId(SETUP_ID);
        setupStatements.getStyleClass().addAll(Styles.CODE, Styles.EXPLAIN_EDITOR);
        setupStatements.setPromptText("Setup statements, one per line (SET …, PREPARE q(date) AS …; then EXECUTE q(…)"
                + " as the query)");
        setupStatements.setPrefRowCount(2);
        setupStatements.textProperty().bindBidirectional(viewModel.setupTextProperty());
        Label setupLabel = new Label("Setup statements");
        setupLabel.getStyleClass().add(Styles.MUTED);

        errorBox.getStyleClass().add(Styles.EXPLAIN_ERROR);
        errorMessage.getStyleClass().add(Styles.DANGER);
        errorMessage.setWrapText(true);
        errorDetail.setWrapText(true);
        errorHint.setWrapText(true);
        errorHint.getStyleClass().add(Styles.MUTED);

        VBox editor = new VBox(6, toggles, query, setupLabel, setupStatements, errorBox, actions);
        VBox.setVgrow(query, Priority.ALWAYS);
        editor.getStyleClass().add(Styles.EXPLAIN_EDITOR_BOX);
        return editor;
    }

    private Region resultsArea() {
        targets.setCellFactory(l -> new TargetCell());
        targets.setButtonCell(new TargetCell());
        targets.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> showTarget(t));
        Label setLabel = new Label("Partition set");
        setLabel.getStyleClass().add(Styles.MUTED);
        HBox selector = new HBox(8, setLabel, targets);
        selector.setAlignment(Pos.CENTER_LEFT);
        selector.managedProperty().bind(selector.visibleProperty());
        selector.visibleProperty().bind(Bindings.size(targets.getItems()).greaterThan(1));
        javafx.scene.control.ScrollPane findingsScroll = new javafx.scene.control.ScrollPane(findings);
        findingsScroll.setFitToWidth(true);
        findingsScroll.setMaxHeight(220);
        // The lint gets the room it needs (up to 200 px) before the grid, which scrolls anyway.
        findingsScroll.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(200, findings.getHeight() + 4), findings.heightProperty()));
        findingsScroll.getStyleClass().add(Styles.EXPLAIN_GRID_SCROLL);
        VBox left = new VBox(6, selector, targetView, findingsScroll);
        VBox.setVgrow(targetView, Priority.ALWAYS);
        left.getStyleClass().add(Styles.EXPLAIN_RESULT_SIDE);
        targetView.setOnLeafSelected(leaf -> planTree.reveal(leaf.qualifiedName()));

        SplitPane split = new SplitPane(left, planTree);
        split.setDividerPositions(0.45);
        resultTab.setContent(split);
        resultTab.setClosable(false);
        comparisonTab.setContent(comparisonView);
        comparisonTab.setClosable(false);
        results.getTabs().addAll(resultTab, comparisonTab);
        return results;
    }

    private static final class TargetCell extends ListCell<PruningTarget> {
        @Override
        protected void updateItem(PruningTarget t, boolean empty) {
            super.updateItem(t, empty);
            setText(empty || t == null ? null : t.qualifiedName() + " (" + t.leafCount() + " leaves)");
        }
    }

    private void showRun(ExplainRun run) {
        planTree.show(run);
        targets.getItems().setAll(run == null ? java.util.List.of() : run.targets());
        if (!targets.getItems().isEmpty()) {
            targets.getSelectionModel().select(0);
        } else {
            showTarget(null);
        }
        if (!showComparisonNext) {
            results.getSelectionModel().select(resultTab);
        }
    }

    private void showTarget(PruningTarget t) {
        ExplainRun run = viewModel.resultProperty().get();
        targetView.show(t, run == null ? null : run.layout(t));
        findings.show(t == null ? null : t.qualifiedName(), run == null ? java.util.List.of() : run.result().findings());
    }

    private void showError(ExplainViewModel.ServerError e) {
        errorBox.setVisible(e != null);
        errorBox.setManaged(e != null);
        errorMessage.setText(e == null ? "" : e.message() + (e.sqlState() == null ? "" : " (SQLSTATE " + e.sqlState()
                + ")"));
        setOptional(errorDetail, e == null ? null : e.detail(), "Detail: ");
        setOptional(errorHint, e == null ? null : e.hint(), "Hint: ");
    }

    private static void setOptional(Label label, String text, String prefix) {
        boolean show = text != null && !text.isBlank();
        label.setText(show ? prefix + text : "");
        label.setVisible(show);
        label.setManaged(show);
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ");
        return s.length() <= 90 ? s : s.substring(0, 87) + "…";
    }

    public ExplainViewModel viewModel() {
        return viewModel;
    }

    /** Puts the caret at the end of the query editor, where a started query goes on. */
    public void focusQuery() {
        query.requestFocus();
        query.end();
    }

    public FindingsView findings() {
        return findings;
    }

    public TargetView targetView() {
        return targetView;
    }

    public PlanTree planTree() {
        return planTree;
    }

    public ComparisonView comparisonView() {
        return comparisonView;
    }

    public ComboBox<PruningTarget> targets() {
        return targets;
    }

    /** The server's error under the editor: message, detail, hint; hidden when there is none. */
    public VBox errorBox() {
        return errorBox;
    }

    public Label errorMessage() {
        return errorMessage;
    }

    public Label errorDetail() {
        return errorDetail;
    }

    public Label errorHint() {
        return errorHint;
    }

    public TabPane resultTabs() {
        return results;
    }
}
