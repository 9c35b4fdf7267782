package io.partscope.ui.browser;

import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import io.partscope.ui.TableColumns;
import io.partscope.ui.details.MemberDetailsPane;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
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

    /** XID age as a share of the freeze max age from which the value is flagged, and from which it is alarming. */
    static final double XID_WARNING = 0.8;
    static final double XID_DANGER = 1.0;

    private final TableView<PartitionSetRow> setsTable = new TableView<>();
    private final TableView<MemberRow> membersTable = new TableView<>();

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
        setsTable.getColumns().addAll(List.of(
                TableColumns.text("Partition set", 200, PartitionSetRow::name),
                TableColumns.text("Kind", 100, PartitionSetRow::kind),
                TableColumns.text("Strategy", 85, PartitionSetRow::strategy),
                TableColumns.code("Partition key", 170, PartitionSetRow::partitionKey),
                TableColumns.number("Partitions", 95, PartitionSetRow::partitions, n -> String.format("%,d", n)),
                TableColumns.number("Total size", 100, PartitionSetRow::totalBytes, Formats::bytes),
                xidColumn(),
                TableColumns.number("Dead tuples", 105, PartitionSetRow::deadTuples, Formats::count,
                        row -> row.deadTuplePct() != null
                                && row.deadTuplePct() >= PartitionSetRow.DEAD_TUPLE_WARNING_PCT
                                ? Styles.WARNING : null),
                TableColumns.number("Default rows", 115, PartitionSetRow::defaultRows, Formats::count,
                        row -> row.defaultRows() != null && row.defaultRows() > 0 ? Styles.WARNING : null),
                TableColumns.number("Detach pending", 125, PartitionSetRow::detachPending,
                        n -> n == 0 ? "" : Integer.toString(n),
                        row -> row.detachPending() > 0 ? Styles.DANGER : null)));
        setsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
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
        count.textProperty().bind(Bindings.createStringBinding(
                () -> vm.members().isEmpty() ? "" : vm.visibleMembers().size() == vm.members().size()
                        ? Integer.toString(vm.members().size())
                        : vm.visibleMembers().size() + " of " + vm.members().size(),
                vm.members(), vm.visibleMembers()));
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
        Button export = new Button("Export CSV…");
        export.setId(EXPORT_CSV_ID);
        export.setTooltip(new Tooltip("Save the partitions shown, with raw numbers, as CSV"));
        export.disableProperty().bind(Bindings.isEmpty(vm.visibleMembers()));
        export.setOnAction(event -> exportCsv(vm));
        HBox header = new HBox(8, title, count, spacer, filter, problems, export);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(Styles.TABLE_HEADER);

        TableColumn<MemberRow, String> name = TableColumns.text("Partition", 220, MemberRow::name);
        name.setMinWidth(170);
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                MemberRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : "    ".repeat(Math.max(0, row.level() - 1)) + item);
            }
        });
        TableColumn<MemberRow, Long> xid = TableColumns.number("XID age", 135, MemberRow::xidAge, Object::toString);
        xid.setCellFactory(c -> new XidAgeCell<>(MemberRow::xidAgeFraction));
        TableColumn<MemberRow, List<String>> flags = new TableColumn<>("Flags");
        flags.setPrefWidth(230);
        flags.setSortable(false);
        flags.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().flags()));
        flags.setCellFactory(c -> new FlagsCell());

        membersTable.setId(MEMBERS_TABLE_ID);
        TableColumn<MemberRow, Long> mxid = TableColumns.number("MXID age", 90, MemberRow::mxidAge, Formats::age);
        membersTable.getColumns().addAll(List.of(name,
                minWidth(TableColumns.code("Bound", 250, MemberRow::bound), 200),
                TableColumns.number("Size", 90, MemberRow::totalBytes, Formats::bytes),
                TableColumns.number("Rows", 110, MemberRow::rows, Formats::count),
                TableColumns.number("Dead %", 75, MemberRow::deadPct, PartitionSetBrowser::percent),
                TableColumns.number("Bloat %", 75, MemberRow::bloatPct, PartitionSetBrowser::percent),
                xid, mxid,
                TableColumns.number("Vacuumed", 95, MemberRow::lastVacuum, Formats::since),
                TableColumns.number("Analyzed", 95, MemberRow::lastAnalyze, Formats::since),
                flags));
        membersTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        membersTable.setTableMenuButtonVisible(true);
        SortedList<MemberRow> sortedMembers = new SortedList<>(vm.visibleMembers());
        sortedMembers.comparatorProperty().bind(membersTable.comparatorProperty());
        membersTable.setItems(sortedMembers);
        membersTable.setPlaceholder(placeholder("Select a partition set to see its partitions."));
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
            MemberRow row = membersTable.getSelectionModel().getSelectedItem();
            if (tab.isSelected()) {
                details.show(row == null ? null : vm.database(), row == null ? null : row.member().relationName());
            }
        };
        tab.selectedProperty().addListener((obs, was, is) -> load.run());
        membersTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> load.run());
        membersTable.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && membersTable.getSelectionModel().getSelectedItem() != null) {
                tabs.getSelectionModel().select(tab);
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
            vm.exportCsv(MembersCsv.of(List.copyOf(membersTable.getItems())), file.toPath());
        }
    }

    private static <S, T> TableColumn<S, T> minWidth(TableColumn<S, T> column, double width) {
        column.setMinWidth(width);
        return column;
    }

    private static String percent(Double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.PLACEHOLDER);
        return label;
    }

    public TableView<PartitionSetRow> setsTable() {
        return setsTable;
    }

    public TableView<MemberRow> membersTable() {
        return membersTable;
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
            Double share = fraction.apply(row);
            setText(Formats.age(age) + (share == null ? "" : "  " + Formats.percent(share)));
            setTooltip(new Tooltip(String.format("age(relfrozenxid) = %,d%s", age,
                    share == null ? "" : " (" + Formats.percent(share) + " of autovacuum_freeze_max_age)")));
            if (share != null && share >= XID_DANGER) {
                getStyleClass().add(Styles.DANGER);
            } else if (share != null && share >= XID_WARNING) {
                getStyleClass().add(Styles.WARNING);
            }
        }
    }

    private static boolean isProblem(String flag) {
        for (io.partscope.core.catalog.Problem p : io.partscope.core.catalog.Problem.values()) {
            if (p.label().equals(flag)) {
                return true;
            }
        }
        return false;
    }

    /** Flags as small tags. */
    static final class FlagsCell extends TableCell<MemberRow, List<String>> {
        @Override
        protected void updateItem(List<String> flags, boolean empty) {
            super.updateItem(flags, empty);
            setText(null);
            if (empty || flags == null || flags.isEmpty()) {
                setGraphic(null);
                return;
            }
            HBox tags = new HBox(4);
            tags.setAlignment(Pos.CENTER_LEFT);
            for (String flag : flags) {
                Label tag = new Label(flag);
                tag.getStyleClass().addAll(Styles.BADGE, isProblem(flag) ? Styles.BADGE_PROBLEM
                        : "badge-" + flag.toLowerCase(Locale.ROOT).replace(' ', '-'));
                tags.getChildren().add(tag);
            }
            setGraphic(tags);
        }
    }
}
