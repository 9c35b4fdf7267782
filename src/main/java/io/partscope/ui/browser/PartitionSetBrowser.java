package io.partscope.ui.browser;

import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import io.partscope.ui.TableColumns;
import io.partscope.ui.details.MemberDetailsPane;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableRow;
import io.partscope.ui.browser.MemberTree.MemberLine;
import javafx.css.PseudoClass;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The partition sets of the connected database in a sortable, filterable table, and the members of the selected
 * set below it. Binds to a {@link BrowserViewModel}; holds no state of its own.
 */
public final class PartitionSetBrowser extends SplitPane {
    public static final String SETS_TABLE_ID = "partitionSets";
    public static final String MEMBERS_TABLE_ID = "partitionMembers";
    public static final String FILTER_FIELD_ID = "setFilter";
    public static final String MEMBER_FILTER_FIELD_ID = "memberFilter";
    public static final String ONLY_PROBLEMS_ID = "onlyProblems";
    public static final String EXPORT_CSV_ID = "exportCsv";
    public static final String SET_TABS_ID = "setTabs";
    public static final String AUTO_REFRESH_ID = "autoRefresh";
    public static final String MEMBER_COUNT_ID = "memberCount";
    public static final String EXPAND_ALL_ID = "expandAllMembers";
    public static final String COLLAPSE_ALL_ID = "collapseAllMembers";

    /** XID age as a share of the freeze max age from which the value is flagged, and from which it is alarming. */
    static final double XID_WARNING = 0.8;
    static final double XID_DANGER = 1.0;

    private final TableView<PartitionSetRow> setsTable = new TableView<>();
    private final TableView<MemberLine> membersTable = new TableView<>();
    /** The lines of the table: replaced in one step by each newly flattened tree. */
    private final javafx.collections.ObservableList<MemberLine> memberLines =
            javafx.collections.FXCollections.observableArrayList();
    private final MemberColumns memberColumns = new MemberColumns();
    /** The selected member, kept while a new tree is swapped in. */
    private String selectedMemberKey;
    private boolean swapping;
    /** Shows the selected member in the Details tab when that tab is open. */
    private Runnable detailsLoad = () -> { };
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    public PartitionSetBrowser(BrowserViewModel viewModel, Runnable refresh) {
        setOrientation(Orientation.VERTICAL);
        getItems().addAll(setsPane(viewModel, refresh), membersPane(viewModel));
        setDividerPositions(0.58);
    }

    private VBox setsPane(BrowserViewModel vm, Runnable refresh) {
        Label title = new Label("Partition sets");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label count = new Label();
        count.getStyleClass().add(Styles.MUTED);
        count.textProperty().bind(Bindings.createStringBinding(
                () -> vm.allSets().isEmpty() ? "" : vm.visibleSets().size() == vm.allSets().size()
                        ? Integer.toString(vm.allSets().size())
                        : vm.visibleSets().size() + " of " + vm.allSets().size(),
                vm.visibleSets(), vm.allSets()));
        count.visibleProperty().bind(count.textProperty().isNotEmpty());

        TextField filter = new TextField();
        filter.setId(FILTER_FIELD_ID);
        filter.setPromptText("Filter: name, strategy, key…");
        filter.getStyleClass().add(Styles.FILTER_FIELD);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefColumnCount(24);

        Button reload = new Button("Refresh");
        reload.setTooltip(new Tooltip("Read the catalog again (F5)"));
        reload.disableProperty().bind(vm.snapshotProperty().isNull());
        reload.setOnAction(event -> refresh.run());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.ComboBox<java.time.Duration> auto = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(BrowserViewModel.AUTO_REFRESH_CHOICES));
        auto.setId(AUTO_REFRESH_ID);
        auto.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(java.time.Duration d) {
                if (d == null || d.isZero()) {
                    return "Auto-refresh off";
                }
                return "Every " + (d.toSeconds() < 60 ? d.toSeconds() + " s" : d.toMinutes() + " min");
            }

            @Override
            public java.time.Duration fromString(String text) {
                return null;
            }
        });
        auto.valueProperty().bindBidirectional(vm.autoRefreshProperty());
        auto.setTooltip(new Tooltip("Read the catalog again at this interval (each read is one short read-only "
                + "transaction)"));
        HBox header = new HBox(8, title, count, spacer, filter, auto, reload);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(Styles.TABLE_HEADER);

        setsTable.setId(SETS_TABLE_ID);
        // At 1440 wide ten columns cut each other ("decla…", "RANGE (occu…"): the strategy says declarative, so
        // Kind shows it (or inheritance), and the key its columns alone. The constrained policy below shrinks
        // every column to fit; Kind and Partitions ("120 (96 leaves)") keep what their words need.
        TableColumn<PartitionSetRow, String> kind = TableColumns.text("Kind", 100, PartitionSetBrowser::kind);
        kind.setMinWidth(100);
        TableColumn<PartitionSetRow, io.partscope.core.catalog.PartitionCount> partitions = TableColumns.number(
                "Partitions", 125, PartitionSetRow::partitionCount, io.partscope.core.catalog.PartitionCount::compact);
        partitions.setMinWidth(125);
        setsTable.getColumns().addAll(List.of(
                TableColumns.text("Partition set", 210, PartitionSetRow::name),
                kind,
                TableColumns.code("Partition key", 130, PartitionSetBrowser::keyColumns),
                partitions,
                TableColumns.number("Total size", 100, PartitionSetRow::totalSize, SizeText.Value::toString),
                xidColumn(),
                TableColumns.number("Dead tuples", 100, PartitionSetRow::deadTuples, Formats::count,
                        row -> row.deadTuplePct() != null
                                && row.deadTuplePct() >= PartitionSetRow.DEAD_TUPLE_WARNING_PCT
                                ? Styles.WARNING : null),
                TableColumns.number("Default rows", 115, PartitionSetRow::defaultRows, Formats::count,
                        row -> row.defaultRows() != null && row.defaultRows() > 0 ? Styles.WARNING : null),
                TableColumns.number("Detach pending", 115, PartitionSetRow::detachPending,
                        n -> n == 0 ? "" : Integer.toString(n),
                        row -> row.detachPending() > 0 ? Styles.DANGER : null)));
        setsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumns.installHeaderTooltips(setsTable, column -> SET_HEADER_TIPS.get(column.getText()));
        SortedList<PartitionSetRow> sorted = new SortedList<>(vm.visibleSets());
        sorted.comparatorProperty().bind(setsTable.comparatorProperty());
        setsTable.setItems(sorted);
        setsTable.setPlaceholder(placeholder("Connect to a database to see its partition sets."));
        setsTable.getSelectionModel().selectedItemProperty().addListener(
                (obs, old, row) -> vm.selectedProperty().set(row));
        vm.selectedProperty().addListener((obs, old, row) -> {
            if (row != setsTable.getSelectionModel().getSelectedItem()) {
                setsTable.getSelectionModel().select(row);
            }
        });
        VBox.setVgrow(setsTable, Priority.ALWAYS);
        return new VBox(header, setsTable);
    }

    /** Header tooltips of the sets table: what each number is. */
    static final java.util.Map<String, String> SET_HEADER_TIPS = java.util.Map.of(
            "Partition set", "The root: a partitioned table that is not a partition itself, or a table with "
                    + "inheritance children and no parent.",
            "Kind", "How rows are routed: range, list or hash for a declarative set (PARTITION BY); inheritance "
                    + "for INHERITS children (e.g. older trigger-based schemes).",
            "Partition key", "The columns or expressions of the partition key (pg_get_partkeydef without the "
                    + "strategy, which Kind shows).",
            "Partitions", "Partitions below the root at any depth, sub-partitioned ones included (as the partition "
                    + "tree below counts them); in brackets the leaves that hold the rows, when fewer.",
            "Total size", "Table, indexes and TOAST summed over all leaves (pg_total_relation_size).\n"
                    + SizeText.ESTIMATED_TIP,
            "Worst XID age", "The oldest leaf's age(relfrozenxid), and that as a share of its effective "
                    + "autovacuum_freeze_max_age: at 100% autovacuum forces an anti-wraparound VACUUM; near 2 "
                    + "billion the server stops accepting writes. Orange from 80%, red from 100%.",
            "Dead tuples", "Dead tuples over all leaves (pg_stat_user_tables); orange when over 20% of live + dead.",
            "Default rows", "Rows in the DEFAULT partitions, at any level (a sub-partitioned member can have its "
                    + "own DEFAULT). They block creating a partition for their range and "
                    + "usually mean a missing partition.",
            "Detach pending", "Partitions left by an interrupted DETACH … CONCURRENTLY; finish them with "
                    + "ALTER TABLE … DETACH PARTITION … FINALIZE.");

    /** range, list or hash for a declarative set, else its kind (inheritance). */
    static String kind(PartitionSetRow row) {
        return row.strategy().isEmpty() ? row.kind() : row.strategy();
    }

    /** {@code RANGE (occurred_at)} as {@code occurred_at}: the key without the strategy that Kind shows. */
    static String keyColumns(PartitionSetRow row) {
        String key = row.partitionKey();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^(?:RANGE|LIST|HASH) \\((.*)\\)$")
                .matcher(key);
        return m.matches() ? m.group(1) : key;
    }

    private TableColumn<PartitionSetRow, Long> xidColumn() {
        TableColumn<PartitionSetRow, Long> column = TableColumns.number("Worst XID age", 140,
                PartitionSetRow::worstXidAge, Formats::age, null);
        column.setCellFactory(c -> new XidAgeCell<>(PartitionSetRow::worstXidAgeFraction));
        return column;
    }

    private VBox membersPane(BrowserViewModel vm) {
        Label title = new Label();
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.textProperty().bind(Bindings.createStringBinding(
                () -> vm.selectedProperty().get() == null ? "Partitions"
                        : "Partitions of " + vm.selectedProperty().get().name(), vm.selectedProperty()));
        Label count = new Label();
        count.getStyleClass().add(Styles.MUTED);
        count.setId(MEMBER_COUNT_ID);
        count.textProperty().bind(vm.memberCountProperty());
        count.visibleProperty().bind(count.textProperty().isNotEmpty());

        TextField filter = new TextField();
        filter.setId(MEMBER_FILTER_FIELD_ID);
        filter.setPromptText("Filter: name or bound…");
        filter.getStyleClass().add(Styles.FILTER_FIELD);
        filter.textProperty().bindBidirectional(vm.memberFilterProperty());
        filter.setPrefColumnCount(18);
        ToggleButton problems = new ToggleButton("Only problems");
        problems.setId(ONLY_PROBLEMS_ID);
        problems.setTooltip(new Tooltip("Show only partitions that need a look: a DEFAULT holding rows, a pending "
                + "detach, XID age over 80% of the freeze max age, bloat over 30% (and 1 MB), stale statistics."));
        problems.selectedProperty().bindBidirectional(vm.onlyProblemsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button expand = new Button("Expand all");
        expand.setId(EXPAND_ALL_ID);
        expand.setTooltip(new Tooltip("Open every sub-partitioned member (also in the table's context menu)"));
        expand.setOnAction(event -> vm.setAllExpanded(true));
        Button collapse = new Button("Collapse all");
        collapse.setId(COLLAPSE_ALL_ID);
        collapse.setTooltip(new Tooltip("Close every sub-partitioned member (Left closes one, Right opens it)"));
        collapse.setOnAction(event -> vm.setAllExpanded(false));
        Button export = new Button("Export CSV…");
        export.setId(EXPORT_CSV_ID);
        export.setTooltip(new Tooltip("Save the partitions the table shows (matches of the filter with their "
                + "parents; open a branch to include its partitions), in the order shown, with raw numbers, as CSV"));
        export.disableProperty().bind(Bindings.isEmpty(vm.visibleMembers()));
        export.setOnAction(event -> exportCsv(vm));
        HBox header = new HBox(8, title, count, spacer, filter, problems, expand, collapse, export);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(Styles.TABLE_HEADER);

        membersTable.setId(MEMBERS_TABLE_ID);
        memberColumns.relativeTo(() -> {
            io.partscope.core.catalog.CatalogSnapshot read = vm.snapshotProperty().get();
            return read == null || read.readAt() == null ? java.time.OffsetDateTime.now() : read.readAt();
        });
        membersTable.getColumns().setAll(memberColumns.create(line -> vm.setExpanded(line.row(), !line.isExpanded())));
        membersTable.setItems(memberLines);
        membersTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        membersTable.setTableMenuButtonVisible(true);
        membersTable.getStyleClass().add(Styles.MEMBER_TREE);
        Label membersPlaceholder = placeholder("");
        membersPlaceholder.textProperty().bind(Bindings.createStringBinding(() -> membersPlaceholder(vm),
                vm.selectedProperty(), vm.memberFilterProperty(), vm.onlyProblemsProperty()));
        membersTable.setPlaceholder(membersPlaceholder);
        membersTable.setRowFactory(t -> new MemberTableRow());
        // A header click sorts siblings within their parent, not the flat list: the view model sorts and flattens
        // off the FX thread and the table gets the new lines in one step. An empty sort order is tree order.
        membersTable.setSortPolicy(table -> {
            List<Object> key = new ArrayList<>();
            Comparator<MemberRow> order = null;
            for (TableColumn<MemberLine, ?> column : table.getSortOrder()) {
                Comparator<MemberRow> byColumn = memberColumns.comparator(column);
                if (byColumn == null) {
                    continue;
                }
                boolean descending = column.getSortType() == TableColumn.SortType.DESCENDING;
                key.add(column);
                key.add(descending);
                byColumn = descending ? byColumn.reversed() : byColumn;
                order = order == null ? byColumn : order.thenComparing(byColumn);
            }
            vm.orderMembers(List.copyOf(key), order);
            return true;
        });
        vm.arrangedMembersProperty().addListener((obs, old, arranged) -> showLines(arranged));
        membersTable.getSelectionModel().selectedItemProperty().addListener((obs, old, line) -> {
            if (!swapping) {
                selectedMemberKey = line == null ? null : line.key();
            }
        });
        // In case the sort policy is not asked when the sort order is emptied: back to tree order. Looked at once
        // the change is complete (a replaced sort order passes through empty).
        membersTable.getSortOrder().addListener((javafx.collections.ListChangeListener<Object>) change ->
                javafx.application.Platform.runLater(() -> {
                    if (membersTable.getSortOrder().isEmpty()) {
                        vm.orderMembers(List.of(), null);
                    }
                }));
        membersTable.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (COPY.match(event)) {
                copySelectedName();
                event.consume();
            }
        });
        // Like a tree: Right opens a branch (or goes to its first child), Left closes it (or goes to the parent);
        // + and - open and close. A filter: the table's own Left/Right would move between cells.
        membersTable.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.isShortcutDown() || event.isAltDown() || event.isShiftDown()) {
                return;
            }
            if (treeKey(vm, event.getCode())) {
                event.consume();
            }
        });
        javafx.scene.control.MenuItem expandAll = new javafx.scene.control.MenuItem("Expand all");
        expandAll.setOnAction(event -> vm.setAllExpanded(true));
        javafx.scene.control.MenuItem collapseAll = new javafx.scene.control.MenuItem("Collapse all");
        collapseAll.setOnAction(event -> vm.setAllExpanded(false));
        javafx.scene.control.MenuItem copyName = new javafx.scene.control.MenuItem("Copy qualified name");
        copyName.setOnAction(event -> copySelectedName());
        copyName.disableProperty().bind(membersTable.getSelectionModel().selectedItemProperty().isNull());
        membersTable.setContextMenu(new javafx.scene.control.ContextMenu(expandAll, collapseAll,
                new javafx.scene.control.SeparatorMenuItem(), copyName));
        TableColumns.installHeaderTooltips(membersTable, column -> MemberColumns.HEADER_TIPS.get(column.getText()));
        VBox.setVgrow(membersTable, Priority.ALWAYS);
        Tab partitions = new Tab("Partitions", new VBox(header, membersTable));
        partitions.setClosable(false);
        TabPane tabs = new TabPane(partitions);
        tabs.setId(SET_TABS_ID);
        tabs.getTabs().addAll(ChartTabs.create(vm));
        tabs.getTabs().add(detailsTab(vm, tabs));
        VBox pane = new VBox(tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        return pane;
    }

    /**
     * The selected partition's DDL, indexes and statistics, read when the tab is shown (not on every selection:
     * it costs queries). A double click on a partition opens it.
     */
    private Tab detailsTab(BrowserViewModel vm, TabPane tabs) {
        MemberDetailsPane details = MemberDetailsPane.create(vm.activity());
        Tab tab = new Tab("Details", details);
        tab.setClosable(false);
        Runnable load = () -> {
            MemberLine line = membersTable.getSelectionModel().getSelectedItem();
            MemberRow row = line == null ? null : line.row();
            if (tab.isSelected()) {
                details.show(row == null ? null : vm.database(), row == null ? null : row.member().relationName());
            }
        };
        tab.selectedProperty().addListener((obs, was, is) -> load.run());
        // New lines pass the selection through empty and back: the details are read again only when the selected
        // member changed (see showLines), not twice per opened branch.
        membersTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!swapping) {
                load.run();
            }
        });
        detailsLoad = load;
        membersTable.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && event.getButton() == javafx.scene.input.MouseButton.PRIMARY
                    && membersTable.getSelectionModel().getSelectedItem() != null) {
                tabs.getSelectionModel().select(tab);
            }
        });
        membersTable.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && membersTable.getSelectionModel().getSelectedItem() != null) {
                tabs.getSelectionModel().select(tab);
                event.consume();
            }
        });
        return tab;
    }

    /** Asks where, then writes the rows as shown (filtered and sorted). */
    private void exportCsv(BrowserViewModel vm) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export partitions as CSV");
        String setName = vm.selectedProperty().get() == null ? "partitions" : vm.selectedProperty().get().name();
        chooser.setInitialFileName(setName.replaceAll("[^A-Za-z0-9._-]+", "_") + ".csv");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            vm.exportShownMembers(file.toPath());
        }
    }

    private static <S, T> TableColumn<S, T> minWidth(TableColumn<S, T> column, double width) {
        column.setMinWidth(width);
        return column;
    }

    static String percent(Double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /** Why the partitions table is empty: no set selected, or nothing matches what the user asked for. */
    private static String membersPlaceholder(BrowserViewModel vm) {
        PartitionSetRow row = vm.selectedProperty().get();
        if (row == null) {
            return "Select a partition set to see its partitions.";
        }
        String needle = vm.memberFilterProperty().get() == null ? "" : vm.memberFilterProperty().get().strip();
        if (!needle.isEmpty()) {
            return "No partition of " + row.name() + " matches the filter \"" + needle + "\""
                    + (vm.onlyProblemsProperty().get() ? " and has a problem." : ".");
        }
        if (vm.onlyProblemsProperty().get()) {
            return "No partition of " + row.name() + " has a problem.";
        }
        return row.partitions() == 0 ? row.name() + " has no partitions." : "Listing the partitions of " + row.name()
                + "…";
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.PLACEHOLDER);
        return label;
    }

    public TableView<PartitionSetRow> setsTable() {
        return setsTable;
    }

    /** The member table: the set's partition tree flattened, one line per shown member. */
    public TableView<MemberLine> membersTable() {
        return membersTable;
    }

    /** The member rows the table shows now, top to bottom (rows inside collapsed branches are not shown). */
    /** Selects this member's line (when shown), scrolls to it and gives the table the focus, as a click would. */
    public void selectMember(MemberRow row) {
        for (int i = 0; i < membersTable.getItems().size(); i++) {
            if (membersTable.getItems().get(i).row() == row) {
                membersTable.getSelectionModel().clearAndSelect(i);
                membersTable.scrollTo(i);
                membersTable.requestFocus();
                return;
            }
        }
    }

    public List<MemberRow> shownMembers() {
        List<MemberRow> shown = new ArrayList<>(memberLines.size());
        for (MemberLine line : memberLines) {
            shown.add(line.row());
        }
        return shown;
    }

    /**
     * Right, Left, + and - on the selected line, like a tree; true when the key was one of them. Opening and
     * closing goes through the view model (off-thread flattening), moving selects another line at once.
     */
    private boolean treeKey(BrowserViewModel vm, KeyCode code) {
        int index = membersTable.getSelectionModel().getSelectedIndex();
        MemberLine line = index < 0 || index >= memberLines.size() ? null : memberLines.get(index);
        boolean right = code == KeyCode.RIGHT || code == KeyCode.KP_RIGHT;
        boolean left = code == KeyCode.LEFT || code == KeyCode.KP_LEFT;
        boolean open = code == KeyCode.ADD || code == KeyCode.PLUS;
        boolean close = code == KeyCode.SUBTRACT || code == KeyCode.MINUS;
        if (!(right || left || open || close)) {
            return false;
        }
        if (line == null) {
            return true;
        }
        if ((right || open) && line.isBranch() && !line.isExpanded()) {
            vm.setExpanded(line.row(), true);
        } else if (right && line.isExpanded() && index + 1 < memberLines.size()
                && memberLines.get(index + 1).depth() > line.depth()) {
            select(index + 1);
        } else if ((left || close) && line.isExpanded()) {
            vm.setExpanded(line.row(), false);
        } else if (left && line.depth() > 0) {
            for (int i = index - 1; i >= 0; i--) {
                if (memberLines.get(i).depth() < line.depth()) {
                    select(i);
                    break;
                }
            }
        }
        return true;
    }

    private void select(int index) {
        membersTable.getSelectionModel().clearAndSelect(index);
        membersTable.getFocusModel().focus(index);
        if (!isShown(index)) {
            membersTable.scrollTo(index);
        }
    }

    /** Whether the line is on screen (fully or partly). */
    private boolean isShown(int index) {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (flow == null || flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null) {
            return false;
        }
        return index > flow.getFirstVisibleCell().getIndex() && index < flow.getLastVisibleCell().getIndex();
    }

    private javafx.scene.control.skin.VirtualFlow<?> flow() {
        return membersTable.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> f ? f : null;
    }

    /**
     * Shows newly flattened lines in one step. The selected member stays selected when it is still shown; the
     * first line on screen stays where it was when the selected member did not move (opening or closing a branch
     * below it), else the selected member is scrolled into view.
     */
    void showLines(MemberTree.Arranged arranged) {
        String selectedKey = selectedMemberKey;
        int selectedBefore = membersTable.getSelectionModel().getSelectedIndex();
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        int firstShown = flow == null || flow.getFirstVisibleCell() == null ? 0
                : flow.getFirstVisibleCell().getIndex();
        swapping = true;
        try {
            // Cleared first: the selection model would otherwise look the old selection up in the new lines.
            membersTable.getSelectionModel().clearSelection();
            if (arranged == null) {
                // A refresh passes through "no set selected": keep the member to select again.
                memberLines.clear();
                return;
            }
            List<MemberLine> lines = arranged.lines();
            memberLines.setAll(lines);
            int again = -1;
            if (selectedKey != null) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).key().equals(selectedKey)) {
                        again = i;
                        break;
                    }
                }
            }
            if (again >= 0) {
                membersTable.getSelectionModel().select(again);
                membersTable.getFocusModel().focus(again);
                selectedMemberKey = selectedKey;
                if (again == selectedBefore) {
                    membersTable.scrollTo(Math.min(firstShown, Math.max(0, lines.size() - 1)));
                } else {
                    membersTable.scrollTo(Math.max(0, again - 3));
                }
            }
        } finally {
            swapping = false;
        }
        MemberLine now = membersTable.getSelectionModel().getSelectedItem();
        if (!java.util.Objects.equals(selectedKey, now == null ? null : now.key())) {
            selectedMemberKey = now == null ? selectedMemberKey : now.key();
            detailsLoad.run();
        }
    }

    private void copySelectedName() {
        MemberLine line = membersTable.getSelectionModel().getSelectedItem();
        if (line != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(line.row().member().relationName().qualified());
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** A member row; rows shown only as the ancestors of matches are muted. */
    static final class MemberTableRow extends TableRow<MemberLine> {
        private static final PseudoClass CONTEXT = PseudoClass.getPseudoClass(Styles.MEMBER_CONTEXT);

        @Override
        protected void updateItem(MemberLine line, boolean empty) {
            super.updateItem(line, empty);
            pseudoClassStateChanged(CONTEXT, !empty && line != null && line.isContext());
        }
    }

    /** "151.2M  76%": the age, then its share of the freeze max age, coloured when high. */
    static final class XidAgeCell<S> extends TableCell<S, Long> {
        private final Function<S, Double> fraction;

        XidAgeCell(Function<S, Double> fraction) {
            this.fraction = fraction;
        }

        @Override
        protected void updateItem(Long age, boolean empty) {
            super.updateItem(age, empty);
            getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            S row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null || age == null) {
                setText(empty ? null : "—");
                setTooltip(null);
                return;
            }
            showXidAge(this, age, fraction.apply(row), false);
        }
    }

    /** Shows an XID age and its share of the freeze max age in a cell, coloured at 80 % and 100 %. */
    static void showXidAge(javafx.scene.control.IndexedCell<?> cell, long age, Double share, boolean oldestLeaf) {
        cell.setText(Formats.age(age) + (share == null ? "" : "  " + Formats.percent(share)));
        cell.setTooltip(MemberColumns.tip(cell, String.format("%s = %,d%s", oldestLeaf
                ? "Oldest leaf's age(relfrozenxid)" : "age(relfrozenxid)", age, share == null ? ""
                : " (" + Formats.percent(share) + " of the effective autovacuum_freeze_max_age: at 100% an "
                        + "anti-wraparound autovacuum runs)")));
        if (share != null && share >= XID_DANGER) {
            cell.getStyleClass().add(Styles.DANGER);
        } else if (share != null && share >= XID_WARNING) {
            cell.getStyleClass().add(Styles.WARNING);
        }
    }

    static boolean isProblem(String flag) {
        for (io.partscope.core.catalog.Problem p : io.partscope.core.catalog.Problem.values()) {
            if (p.label().equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
