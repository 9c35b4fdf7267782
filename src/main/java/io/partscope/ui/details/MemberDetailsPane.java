package io.partscope.ui.details;

import io.partscope.core.catalog.MemberDetails;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Database;
import io.partscope.ui.ErrorDialog;
import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import io.partscope.ui.Tooltips;
import io.partscope.ui.task.Activity;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The details of the selected member: its DDL (selectable, with Copy), bound and storage options, indexes with
 * sizes, and statistics with tooltips that say what each number means. Binds to a {@link MemberDetailsViewModel};
 * its own progress indicator and Cancel button follow the running read.
 */
public final class MemberDetailsPane extends BorderPane {
    public static final String DDL_ID = "memberDdl";
    public static final String COPY_ID = "copyDdl";
    public static final String CANCEL_ID = "cancelDetails";
    public static final String PROGRESS_ID = "detailsProgress";
    public static final String INDEXES_ID = "memberIndexes";
    public static final String STATISTICS_ID = "memberStatistics";
    public static final String STORAGE_ID = "memberStorage";
    public static final String PLACEHOLDER_ID = "detailsPlaceholder";
    public static final String TITLE_ID = "detailsTitle";

    private static final double ROW_HEIGHT = 26;

    private final MemberDetailsViewModel viewModel;
    private final TextArea ddl = new TextArea();
    private final GridPane storage = new GridPane();
    private final TableView<MemberDetails.Index> indexes = new TableView<>();
    private final GridPane statistics = new GridPane();
    private final VBox notes = new VBox(4);
    private final HBox badges = new HBox(6);
    private final Label copied = new Label();
    private final VBox content;
    private final Label placeholder = new Label();

    public MemberDetailsPane(MemberDetailsViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add(DetailsStyles.PANE);

        setTop(header());
        content = new VBox(14, notes, ddlSection(), storageSection(), indexSection(), statisticsSection());
        content.getStyleClass().add(DetailsStyles.SECTIONS);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        placeholder.setId(PLACEHOLDER_ID);
        placeholder.getStyleClass().add(DetailsStyles.PLACEHOLDER);
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(viewModel.messageProperty());

        viewModel.detailsProperty().addListener((obs, old, details) -> {
            update(details);
            setCenter(details == null ? placeholder : scroll);
        });
        update(viewModel.getDetails());
        setCenter(viewModel.getDetails() == null ? placeholder : scroll);
    }

    /**
     * A pane over a new view model that reads with {@link MemberDetailsViewModel.DetailsSource#standard()} and opens
     * {@link ErrorDialog} over this pane's window on failure: what the main window needs.
     */
    public static MemberDetailsPane create(Activity activity) {
        MemberDetailsPane[] self = new MemberDetailsPane[1];
        MemberDetailsViewModel vm = new MemberDetailsViewModel(activity,
                MemberDetailsViewModel.DetailsSource.standard(), (action, failure) -> ErrorDialog.show(
                        self[0] == null || self[0].getScene() == null ? null : self[0].getScene().getWindow(),
                        action, failure));
        self[0] = new MemberDetailsPane(vm);
        return self[0];
    }

    /** Reads and shows this member of this database (null: clears the pane). */
    public void show(Database db, RelationName member) {
        viewModel.show(db, member);
    }

    public MemberDetailsViewModel viewModel() {
        return viewModel;
    }

    private HBox header() {
        Label title = new Label();
        title.setId(TITLE_ID);
        title.getStyleClass().add(DetailsStyles.TITLE);
        title.textProperty().bind(Bindings.createStringBinding(() -> viewModel.memberProperty().get() == null ? ""
                : viewModel.memberProperty().get().qualified(), viewModel.memberProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId(PROGRESS_ID);
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(viewModel.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setTooltip(Tooltips.of("Stop reading (the running query is cancelled on the server)"));
        cancel.visibleProperty().bind(viewModel.loadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> viewModel.cancel());
        Button refresh = new Button("Refresh");
        refresh.setTooltip(Tooltips.of("Read this member's details again"));
        refresh.disableProperty().bind(viewModel.memberProperty().isNull().or(viewModel.loadingProperty()));
        refresh.setOnAction(event -> viewModel.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        badges.setAlignment(Pos.CENTER_LEFT);
        HBox header = new HBox(8, title, badges, spacer, progress, cancel, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(DetailsStyles.HEADER);
        return header;
    }

    private VBox ddlSection() {
        ddl.setId(DDL_ID);
        ddl.setEditable(false);
        ddl.setWrapText(false);
        ddl.getStyleClass().addAll(Styles.CODE, DetailsStyles.DDL);
        Button copy = new Button("Copy");
        copy.setId(COPY_ID);
        copy.setTooltip(Tooltips.of("Copy the DDL to the clipboard"));
        copy.disableProperty().bind(ddl.textProperty().isEmpty());
        copy.setOnAction(event -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(ddl.getText());
            Clipboard.getSystemClipboard().setContent(clip);
            copied.setText("Copied");
        });
        copied.getStyleClass().add(Styles.MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox heading = new HBox(8, sectionTitle("Definition"), spacer, copied, copy);
        heading.setAlignment(Pos.CENTER_LEFT);
        return section(heading, ddl);
    }

    private VBox storageSection() {
        storage.setId(STORAGE_ID);
        storage.setHgap(16);
        storage.setVgap(4);
        return section(sectionTitle("Bound and storage"), storage);
    }

    private VBox indexSection() {
        indexes.setId(INDEXES_ID);
        indexes.getStyleClass().add(DetailsStyles.INDEXES);
        indexes.setFixedCellSize(ROW_HEIGHT);
        indexes.setPlaceholder(new Label("No indexes of its own"));
        indexes.getColumns().addAll(List.of(
                column("Name", 220, MemberDetails.Index::name, null),
                column("Size", 90, i -> i.sizeBytes() == null ? "" : Formats.bytes(i.sizeBytes()), Styles.NUMERIC),
                column("Valid", 70, i -> i.valid() ? "yes" : "NO", null),
                column("Kind", 90, i -> i.primary() ? "primary key" : i.unique() ? "unique" : "", null),
                column("Attached to", 200, this::attachment, null)));
        indexes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        indexes.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(MemberDetails.Index item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null || item.definition() == null ? null : tooltip(item.definition()));
            }
        });
        return section(sectionTitle("Indexes"), indexes);
    }

    private String attachment(MemberDetails.Index index) {
        MemberDetails details = viewModel.getDetails();
        if (index.attached()) {
            return index.parentIndex().qualified();
        }
        return details != null && details.partition() ? "not attached" : "";
    }

    private VBox statisticsSection() {
        statistics.setId(STATISTICS_ID);
        statistics.setHgap(16);
        statistics.setVgap(3);
        return section(sectionTitle("Statistics"), statistics);
    }

    private void update(MemberDetails details) {
        copied.setText("");
        notes.getChildren().clear();
        badges.getChildren().clear();
        storage.getChildren().clear();
        statistics.getChildren().clear();
        if (details == null) {
            ddl.clear();
            indexes.getItems().clear();
            return;
        }
        for (String note : details.notes()) {
            Label label = new Label(note);
            label.setWrapText(true);
            label.getStyleClass().addAll(DetailsStyles.NOTE, DetailsStyles.WARNING);
            notes.getChildren().add(label);
        }
        notes.setManaged(!details.notes().isEmpty());
        if (details.isDefault()) {
            badges.getChildren().add(badge("DEFAULT", null));
        }
        if (details.isPartitioned()) {
            badges.getChildren().add(badge("PARTITIONED", null));
        }
        if (details.persistence() == Persistence.UNLOGGED) {
            badges.getChildren().add(badge("UNLOGGED", DetailsStyles.WARNING));
        }
        if (details.locked()) {
            badges.getChildren().add(badge("LOCKED", DetailsStyles.DANGER));
        }

        ddl.setText(details.ddl());
        ddl.setPrefRowCount((int) Math.min(24, Math.max(4, details.ddl().lines().count() + 1)));

        int row = 0;
        row = fact(storage, row, "Bound", details.bound() == null ? (details.partition() ? "" : "not a partition")
                : details.bound(), true, "The partition bound (pg_get_expr of relpartbound).", null);
        if (details.isPartitioned()) {
            row = fact(storage, row, "Partition key", details.partitionKey() == null ? "not read (locked)"
                    : details.partitionKey(), true, "How this member's own partitions are chosen.", null);
        }
        if (!details.parents().isEmpty()) {
            row = fact(storage, row, details.parents().size() == 1 ? "Parent" : "Parents",
                    String.join(", ", details.parents().stream().map(RelationName::qualified).toList()), true,
                    details.partition() ? "The partitioned table this is a partition of."
                            : "The tables it inherits from (pg_inherits order).", null);
        }
        row = fact(storage, row, "Storage parameters", details.reloptions().isEmpty() ? "none (defaults)"
                : String.join("\n", details.reloptions()), true,
                "Per-table settings (reloptions): fillfactor, autovacuum overrides; toast.* apply to its TOAST table.",
                null);
        row = fact(storage, row, "Tablespace", details.tablespace() == null ? "default" : details.tablespace(),
                false, "Where its files live.", null);
        fact(storage, row, "Persistence", details.persistence().json(), false,
                "Unlogged tables are not WAL-logged: fast, but emptied after a crash and absent on replicas.",
                details.persistence() == Persistence.UNLOGGED ? DetailsStyles.WARNING
                        : null);

        indexes.getItems().setAll(details.indexes());
        indexes.setPrefHeight(ROW_HEIGHT * (Math.max(1, details.indexes().size()) + 1) + 4);
        indexes.refresh();

        int statRow = 0;
        for (StatisticLine line : viewModel.statistics()) {
            statRow = fact(statistics, statRow, line.name(), line.value(), false, line.explanation(), line.level());
        }
    }

    private static int fact(GridPane grid, int row, String name, String value, boolean code, String explanation,
            String level) {
        Label key = new Label(name);
        key.getStyleClass().add(DetailsStyles.KEY);
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.getStyleClass().add(DetailsStyles.VALUE);
        text.setWrapText(true);
        if (code) {
            text.getStyleClass().add(Styles.CODE);
        }
        if (level != null) {
            text.getStyleClass().add(level);
        }
        Tooltip tip = tooltip(explanation);
        key.setTooltip(tip);
        text.setTooltip(tip);
        grid.addRow(row, key, text);
        return row + 1;
    }

    private static Tooltip tooltip(String text) {
        return Tooltips.of(text);
    }

    private static Label badge(String text, String level) {
        Label badge = new Label(text);
        badge.getStyleClass().add(DetailsStyles.BADGE);
        if (level != null) {
            badge.getStyleClass().add(level);
        }
        return badge;
    }

    private static Label sectionTitle(String text) {
        Label title = new Label(text);
        title.getStyleClass().add(DetailsStyles.SECTION_TITLE);
        return title;
    }

    private static VBox section(Node heading, Node body) {
        VBox box = new VBox(6, heading, body);
        box.getStyleClass().add(DetailsStyles.SECTION);
        return box;
    }

    private static TableColumn<MemberDetails.Index, String> column(String title, double width,
            Function<MemberDetails.Index, String> value, String styleClass) {
        TableColumn<MemberDetails.Index, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove(DetailsStyles.DANGER);
                if (!empty && "NO".equals(item)) {
                    getStyleClass().add(DetailsStyles.DANGER);
                }
            }
        });
        if (styleClass != null) {
            column.getStyleClass().add(styleClass);
        }
        return column;
    }
}
