package io.partscope.ui.navigator;

import io.partscope.ui.Styles;
import io.partscope.ui.browser.PartitionSetRow;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The navigator on the left of a connection tab: a filter box above a tree of databases, schemas and partition
 * sets. Selecting a set selects it in the browser and the other way round; selecting a schema scrolls the sets
 * table to its first set; Enter, a double click or the context menu on another database opens it in a new tab.
 */
public final class NavigatorView extends VBox {
    public static final String TREE_ID = "navigatorTree";
    public static final String FILTER_ID = "navigatorFilter";

    private final NavigatorViewModel viewModel;
    private final TreeView<NavigatorNode> tree = new TreeView<>();
    /** The context menu of set nodes (the operation wizards), set by the session view. */
    private ContextMenu setMenu;
    private final TextField filter = new TextField();
    private boolean syncing;

    /**
     * @param scrollToSet shows a set in the sets table without selecting it (for a selected schema)
     */
    public NavigatorView(NavigatorViewModel viewModel, java.util.function.Consumer<PartitionSetRow> scrollToSet) {
        this.viewModel = viewModel;
        getStyleClass().add(Styles.NAVIGATOR);

        Label title = new Label("Navigator");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter sets and schemas");
        filter.getStyleClass().add(Styles.FILTER_FIELD);
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        filter.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DOWN) {
                tree.requestFocus();
                if (tree.getSelectionModel().isEmpty()) {
                    tree.getSelectionModel().selectFirst();
                }
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                filter.clear();
                event.consume();
            }
        });
        VBox header = new VBox(6, title, filter);
        header.getStyleClass().add(Styles.TABLE_HEADER);

        tree.setId(TREE_ID);
        tree.setShowRoot(false);
        tree.getStyleClass().add(Styles.NAVIGATOR_TREE);
        tree.setCellFactory(view -> new NodeCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(header, tree);

        viewModel.rootProperty().addListener((obs, old, root) -> attach(root));
        attach(viewModel.rootProperty().get());

        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (syncing || item == null) {
                return;
            }
            if (item.getValue() instanceof NavigatorNode.Set set) {
                viewModel.browser().selectedProperty().set(set.row());
            } else if (item.getValue() instanceof NavigatorNode.Schema schema) {
                viewModel.browser().allSets().stream().filter(r -> r.set().schema().equals(schema.name()))
                        .findFirst().ifPresent(scrollToSet);
            }
        });
        viewModel.browser().selectedProperty().addListener((obs, old, row) -> selectInTree(row));

        tree.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                openSelectedDatabase();
                event.consume();
            }
        });
        tree.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                openSelectedDatabase();
            }
        });
    }

    private void openSelectedDatabase() {
        TreeItem<NavigatorNode> item = tree.getSelectionModel().getSelectedItem();
        if (item != null && item.getValue() instanceof NavigatorNode.Database db && !db.entry().current()) {
            viewModel.openDatabase(db.entry().name());
        }
    }

    /** Shows a freshly built tree, keeping the selected line and tracking expansion for the next build. */
    private void attach(TreeItem<NavigatorNode> root) {
        TreeItem<NavigatorNode> before = tree.getSelectionModel().getSelectedItem();
        String selectedKey = before == null || before.getValue() == null ? null : before.getValue().key();
        syncing = true;
        try {
            tree.setRoot(root);
            if (root != null) {
                track(root);
                TreeItem<NavigatorNode> again = selectedKey == null ? null : find(root, selectedKey);
                if (again != null) {
                    tree.getSelectionModel().select(again);
                } else {
                    tree.getSelectionModel().clearSelection();
                }
            }
        } finally {
            syncing = false;
        }
        if (tree.getSelectionModel().isEmpty()) {
            selectInTree(viewModel.browser().selectedProperty().get());
        }
    }

    private void track(TreeItem<NavigatorNode> item) {
        if (item.getValue() != null && !item.isLeaf()) {
            item.expandedProperty().addListener((obs, was, is) -> viewModel.expandedChanged(item.getValue(), is));
        }
        for (TreeItem<NavigatorNode> child : item.getChildren()) {
            if (!(child.getValue() instanceof NavigatorNode.Set)) {
                track(child);
            }
        }
    }

    private static TreeItem<NavigatorNode> find(TreeItem<NavigatorNode> item, String key) {
        if (item.getValue() != null && item.getValue().key().equals(key)) {
            return item;
        }
        for (TreeItem<NavigatorNode> child : item.getChildren()) {
            TreeItem<NavigatorNode> found = find(child, key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Follows the browser's selection (a set chosen in the table), opening its schema if needed. */
    private void selectInTree(PartitionSetRow row) {
        if (row == null || tree.getRoot() == null || viewModel.database() == null) {
            return;
        }
        TreeItem<NavigatorNode> item = find(tree.getRoot(), "set:" + viewModel.database().settings().database()
                + "/" + row.name());
        TreeItem<NavigatorNode> current = tree.getSelectionModel().getSelectedItem();
        if (item == null || item == current) {
            return;
        }
        syncing = true;
        try {
            for (TreeItem<NavigatorNode> parent = item.getParent(); parent != null; parent = parent.getParent()) {
                parent.setExpanded(true);
            }
            tree.getSelectionModel().select(item);
            int index = tree.getRow(item);
            if (index >= 0) {
                tree.scrollTo(Math.max(0, index - 3));
            }
        } finally {
            syncing = false;
        }
    }

    /** Puts the caret in the filter box. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** Moves the keyboard focus to the tree. */
    public void focusTree() {
        tree.requestFocus();
        if (tree.getSelectionModel().isEmpty()) {
            tree.getSelectionModel().selectFirst();
        }
    }

    /** The context menu shown on set nodes (their row is selected first). */
    public void setSetContextMenu(ContextMenu menu) {
        this.setMenu = menu;
        tree.refresh();
    }

    public TreeView<NavigatorNode> tree() {
        return tree;
    }

    /** A line: the name, then its numbers in a quieter tone; a problem set is marked. */
    private final class NodeCell extends TreeCell<NavigatorNode> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box;

        NodeCell() {
            detail.getStyleClass().addAll(Styles.MUTED, Styles.NAVIGATOR_DETAIL);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            gap.setMinWidth(8);
            name.setMinWidth(40);
            detail.setMinWidth(Region.USE_PREF_SIZE);
            box = new HBox(0, name, gap, detail);
            box.setAlignment(Pos.CENTER_LEFT);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(NavigatorNode node, boolean empty) {
            super.updateItem(node, empty);
            getStyleClass().removeAll(Styles.NAVIGATOR_PROBLEM, Styles.NAVIGATOR_DATABASE, Styles.NAVIGATOR_CURRENT);
            setContextMenu(null);
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(node.text());
            detail.setText(node.detail());
            setText(node.text());
            setGraphic(box);
            if (node.problem()) {
                getStyleClass().add(Styles.NAVIGATOR_PROBLEM);
            }
            if (node instanceof NavigatorNode.Database db) {
                getStyleClass().add(Styles.NAVIGATOR_DATABASE);
                if (db.entry().current()) {
                    getStyleClass().add(Styles.NAVIGATOR_CURRENT);
                } else {
                    MenuItem open = new MenuItem("Open in new tab");
                    open.setOnAction(event -> viewModel.openDatabase(db.entry().name()));
                    setContextMenu(new ContextMenu(open));
                }
            }
            if (node instanceof NavigatorNode.Set set) {
                setContextMenu(setMenu);
                setTooltip(new javafx.scene.control.Tooltip(set.row().name() + "\n" + set.row().partitionCount().text()
                        + " · " + io.partscope.ui.browser.SizeText.of(set.row().totalBytes(),
                                set.row().sizesEstimated())
                        + " · worst XID age " + io.partscope.ui.Formats.age(set.row().worstXidAge())
                        + (set.problem() ? "\nNeeds a look: XID age, rows in DEFAULT or a detach pending" : "")));
            } else {
                setTooltip(null);
            }
        }
    }
}
