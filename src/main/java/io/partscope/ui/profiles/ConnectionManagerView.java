package io.partscope.ui.profiles;

import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.PrivilegeReport;
import io.partscope.ui.Styles;
import io.partscope.ui.Tooltips;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The connection manager's content: saved profiles on the left (colour swatch, read-only badge), the add/edit form
 * with import, test and save on the right, and, while nothing is saved, a banner offering the demo database.
 * Binds to a {@link ConnectionManagerViewModel}; holds no state of its own beyond the list selection.
 */
public final class ConnectionManagerView extends BorderPane {
    public static final String PROFILE_LIST_ID = "profileList";
    public static final String NEW_BUTTON_ID = "newProfileButton";
    public static final String NAME_FIELD_ID = "profileName";
    public static final String HOST_FIELD_ID = "profileHost";
    public static final String PORT_FIELD_ID = "profilePort";
    public static final String DATABASE_FIELD_ID = "profileDatabase";
    public static final String USER_FIELD_ID = "profileUser";
    public static final String SSL_MODE_ID = "profileSslMode";
    public static final String OPTIONS_FIELD_ID = "profileOptions";
    public static final String COLOUR_PICKER_ID = "profileColour";
    public static final String READ_ONLY_ID = "profileReadOnly";
    public static final String PASSWORD_FIELD_ID = "profilePassword";
    public static final String SAVE_BUTTON_ID = "saveProfileButton";
    public static final String DELETE_BUTTON_ID = "deleteProfileButton";
    public static final String TEST_BUTTON_ID = "testConnectionButton";
    public static final String TEST_PROGRESS_ID = "testProgress";
    public static final String TEST_CANCEL_ID = "testCancelButton";
    public static final String TEST_RESULT_ID = "testResult";
    public static final String VALIDATION_ID = "profileValidation";
    public static final String IMPORT_URI_FIELD_ID = "importUri";
    public static final String IMPORT_URI_BUTTON_ID = "importUriButton";
    public static final String IMPORT_SERVICE_FIELD_ID = "importService";
    public static final String IMPORT_SERVICE_BUTTON_ID = "importServiceButton";
    public static final String DEMO_BANNER_ID = "demoBanner";
    public static final String DEMO_BUTTON_ID = "openDemoButton";
    /** The demo offer once profiles exist: a plain button under the list instead of the first-start banner. */
    public static final String DEMO_LINK_ID = "openDemoLink";

    private final ConnectionManagerViewModel viewModel;
    private final ListView<ConnectionProfile> list = new ListView<>();
    private final Button demoButton = new Button("Open the demo database");
    private final TextField nameField = new TextField();
    private boolean syncingSelection;

    /**
     * @param onDemo   runs after the demo database was chosen (the dialog closes)
     * @param onDelete asks the user to confirm a delete; returns whether to go ahead
     */
    public ConnectionManagerView(ConnectionManagerViewModel viewModel, Runnable onDemo,
            Predicate<ConnectionProfile> onDelete) {
        this.viewModel = viewModel;
        getStyleClass().add(ProfileStyles.MANAGER);
        setTop(demoBanner(onDemo));
        setLeft(profileColumn(onDemo));
        setCenter(form(onDelete));
    }

    private Node demoBanner(Runnable onDemo) {
        Label title = new Label("No saved connections yet");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label text = new Label("Look around on a sample database full of partitioned tables, or add your own"
                + " connection below.");
        text.getStyleClass().add(Styles.MUTED);
        text.setWrapText(true);
        demoButton.setId(DEMO_BUTTON_ID);
        demoButton.getStyleClass().addAll(Styles.PRIMARY, ProfileStyles.DEMO_BUTTON);
        demoButton.setOnAction(event -> openDemo(onDemo));
        VBox banner = new VBox(8, title, text, demoButton);
        banner.setId(DEMO_BANNER_ID);
        banner.getStyleClass().add(ProfileStyles.EMPTY_BANNER);
        banner.visibleProperty().bind(viewModel.emptyProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void openDemo(Runnable onDemo) {
        viewModel.openDemo();
        onDemo.run();
    }

    private Node profileColumn(Runnable onDemo) {
        Label title = new Label("Saved connections");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        list.setId(PROFILE_LIST_ID);
        list.getStyleClass().add(ProfileStyles.PROFILE_LIST);
        list.setItems(viewModel.profiles());
        list.setCellFactory(view -> new ProfileCell());
        list.setPlaceholder(new Label("None yet"));
        list.setPrefWidth(290);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> {
            if (!syncingSelection && selected != null) {
                viewModel.edit(selected);
            }
        });
        // After a save or delete the list is replaced; keep the edited profile selected (or none for a new one).
        viewModel.profiles().addListener((javafx.collections.ListChangeListener<ConnectionProfile>) c ->
                selectEdited());
        viewModel.editingIdProperty().addListener((obs, old, id) -> selectEdited());

        Button add = new Button("New");
        add.setId(NEW_BUTTON_ID);
        add.setTooltip(Tooltips.of("Start a new connection"));
        add.setOnAction(event -> {
            viewModel.newProfile();
            nameField.requestFocus();
        });
        // The banner leaves with the first saved profile; the demo stays one click away.
        Button demo = new Button("Open the demo database");
        demo.setId(DEMO_LINK_ID);
        demo.setTooltip(Tooltips.of("A sample database full of partitioned tables, on an embedded PostgreSQL"));
        demo.setOnAction(event -> openDemo(onDemo));
        demo.visibleProperty().bind(viewModel.emptyProperty().not());
        demo.managedProperty().bind(demo.visibleProperty());
        HBox buttons = new HBox(8, add, demo);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, title, list, buttons);
        left.setPadding(new Insets(0, 12, 0, 0));
        return left;
    }

    private void selectEdited() {
        String id = viewModel.editingIdProperty().get();
        syncingSelection = true;
        try {
            ConnectionProfile match = id == null ? null
                    : viewModel.profiles().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (match == null) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(match);
            }
        } finally {
            syncingSelection = false;
        }
    }

    private Node form(Predicate<ConnectionProfile> onDelete) {
        Label heading = new Label();
        heading.getStyleClass().add(ProfileStyles.FORM_TITLE);
        heading.textProperty().bind(Bindings.when(viewModel.editingIdProperty().isNull())
                .then("New connection").otherwise("Edit connection"));

        GridPane grid = new GridPane();
        grid.getStyleClass().add(ProfileStyles.FORM);
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        int row = 0;
        bind(nameField, NAME_FIELD_ID, viewModel.nameProperty(), "e.g. Billing (production)");
        addRow(grid, row++, "Name", nameField);
        TextField hostField = bind(new TextField(), HOST_FIELD_ID, viewModel.hostProperty(), "db1.example.com");
        addRow(grid, row++, "Host", hostField);
        TextField portField = bind(new TextField(), PORT_FIELD_ID, viewModel.portProperty(), "5432");
        portField.setPrefColumnCount(6);
        portField.setMaxWidth(Region.USE_PREF_SIZE);
        addRow(grid, row++, "Port", portField);
        addRow(grid, row++, "Database", bind(new TextField(), DATABASE_FIELD_ID, viewModel.databaseProperty(), "app"));
        addRow(grid, row++, "User", bind(new TextField(), USER_FIELD_ID, viewModel.userProperty(), "postgres"));

        ChoiceBox<String> sslMode = new ChoiceBox<>();
        sslMode.setId(SSL_MODE_ID);
        sslMode.getItems().setAll(ConnectionProfile.SSL_MODES);
        sslMode.valueProperty().bindBidirectional(viewModel.sslModeProperty());
        sslMode.setTooltip(Tooltips.of("libpq sslmode: require encrypts; verify-full also checks the server's"
                + " certificate and name"));
        addRow(grid, row++, "SSL mode", sslMode);
        addRow(grid, row++, "Options", bind(new TextField(), OPTIONS_FIELD_ID, viewModel.optionsProperty(),
                "-c search_path=app (optional)"));
        addRow(grid, row++, "Colour", colourPicker());

        CheckBox readOnly = new CheckBox("Production: read-only (Partscope never changes anything here)");
        readOnly.setId(READ_ONLY_ID);
        readOnly.selectedProperty().bindBidirectional(viewModel.readOnlyProperty());
        grid.add(readOnly, 1, row++);

        PasswordField password = new PasswordField();
        password.setId(PASSWORD_FIELD_ID);
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        password.setPromptText("from ~/.pgpass when empty");
        addRow(grid, row++, "Password", password);
        Label passwordNote = new Label("Kept in memory for this session only, never saved. For a lasting"
                + " password use ~/.pgpass.");
        passwordNote.getStyleClass().add(Styles.MUTED);
        passwordNote.setWrapText(true);
        grid.add(passwordNote, 1, row++);
        Label service = new Label();
        service.getStyleClass().add(Styles.MUTED);
        service.textProperty().bind(Bindings.createStringBinding(() -> viewModel.serviceProperty().get() == null
                ? "" : "From service \"" + viewModel.serviceProperty().get() + "\": its other settings apply too.",
                viewModel.serviceProperty()));
        service.visibleProperty().bind(viewModel.serviceProperty().isNotNull());
        service.managedProperty().bind(service.visibleProperty());
        grid.add(service, 1, row++);

        Label validation = new Label();
        validation.setId(VALIDATION_ID);
        validation.getStyleClass().add(ProfileStyles.VALIDATION);
        validation.textProperty().bind(viewModel.validationMessageProperty());
        validation.setWrapText(true);

        validation.visibleProperty().bind(validation.textProperty().isNotEmpty());
        validation.managedProperty().bind(validation.visibleProperty());

        // The message goes below the buttons: above them, its coming and going moved Save under the pointer.
        VBox content = new VBox(12, importBar(), heading, grid, actions(onDelete), validation, testResult());
        content.setPadding(new Insets(0, 4, 0, 12));
        content.setFillWidth(true);
        // A test report makes the form taller than a small screen: scroll rather than push the buttons away.
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(ProfileStyles.FORM_SCROLL);
        return scroll;
    }

    private static TextField bind(TextField field, String id, javafx.beans.property.StringProperty property,
            String prompt) {
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static void addRow(GridPane grid, int row, String label, Node field) {
        Label l = new Label(label);
        l.getStyleClass().add(ProfileStyles.FIELD_LABEL);
        l.setLabelFor(field);
        grid.addRow(row, l, field);
    }

    private Node colourPicker() {
        ColorPicker picker = new ColorPicker(Color.web(viewModel.colourProperty().get()));
        picker.setId(COLOUR_PICKER_ID);
        picker.valueProperty().addListener((obs, old, colour) -> {
            if (colour != null) {
                viewModel.colourProperty().set(hex(colour));
            }
        });
        viewModel.colourProperty().addListener((obs, old, hex) -> {
            if (ConnectionProfile.isColour(hex) && !hex.equalsIgnoreCase(hex(picker.getValue()))) {
                picker.setValue(Color.web(hex));
            }
        });
        return picker;
    }

    /** {@code #rrggbb}, as profiles store colours. */
    static String hex(Color colour) {
        if (colour == null) {
            return "";
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(colour.getRed() * 255),
                Math.round(colour.getGreen() * 255), Math.round(colour.getBlue() * 255));
    }

    private Node importBar() {
        TextField uri = new TextField();
        uri.setId(IMPORT_URI_FIELD_ID);
        uri.setPromptText("postgresql://user@host:5432/db?sslmode=require");
        uri.textProperty().bindBidirectional(viewModel.importUriProperty());
        uri.setOnAction(event -> {
            viewModel.importFromUri();
            event.consume(); // Enter here imports; it must not also press the dialog's default button (Connect)
        });
        HBox.setHgrow(uri, Priority.ALWAYS);
        Button importUri = new Button("Import URI");
        importUri.setId(IMPORT_URI_BUTTON_ID);
        importUri.disableProperty().bind(viewModel.importUriProperty().isEmpty());
        importUri.setOnAction(event -> viewModel.importFromUri());

        TextField service = new TextField();
        service.setId(IMPORT_SERVICE_FIELD_ID);
        service.setPromptText("service name");
        service.setPrefColumnCount(10);
        service.textProperty().bindBidirectional(viewModel.importServiceProperty());
        service.setOnAction(event -> {
            viewModel.importFromService();
            event.consume();
        });
        Button importService = new Button("Import service");
        importService.setId(IMPORT_SERVICE_BUTTON_ID);
        importService.setTooltip(Tooltips.of("From pg_service.conf (PGSERVICEFILE or ~/.pg_service.conf)"));
        importService.disableProperty().bind(viewModel.importServiceProperty().isEmpty());
        importService.setOnAction(event -> viewModel.importFromService());

        HBox bar = new HBox(8, uri, importUri, service, importService);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(ProfileStyles.IMPORT_BAR);
        return bar;
    }

    private Node actions(Predicate<ConnectionProfile> onDelete) {
        Button save = new Button("Save");
        save.setId(SAVE_BUTTON_ID);
        save.disableProperty().bind(viewModel.saveDisabledProperty());
        save.setOnAction(event -> viewModel.save());

        Button delete = new Button("Delete");
        delete.setId(DELETE_BUTTON_ID);
        delete.disableProperty().bind(viewModel.editingIdProperty().isNull()
                .or(viewModel.activity().busyProperty()));
        delete.setOnAction(event -> {
            ConnectionProfile selected = list.getSelectionModel().getSelectedItem();
            if (selected != null && onDelete.test(selected)) {
                viewModel.delete();
            }
        });

        Button test = new Button("Test connection");
        test.setId(TEST_BUTTON_ID);
        test.disableProperty().bind(viewModel.saveDisabledProperty());
        test.setOnAction(event -> viewModel.testConnection());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId(TEST_PROGRESS_ID);
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        Label what = new Label();
        what.getStyleClass().add(Styles.MUTED);
        what.textProperty().bind(viewModel.activity().descriptionProperty());
        Button cancel = new Button("Cancel");
        cancel.setId(TEST_CANCEL_ID);
        cancel.setOnAction(event -> viewModel.cancelTest());
        HBox working = new HBox(8, progress, what, cancel);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(viewModel.activity().busyProperty());
        working.managedProperty().bind(working.visibleProperty());

        HBox row = new HBox(8, save, delete, test, working);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node testResult() {
        VBox box = new VBox(4);
        box.setId(TEST_RESULT_ID);
        box.getStyleClass().add(ProfileStyles.TEST_RESULT);
        box.visibleProperty().bind(viewModel.testReportProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        viewModel.testReportProperty().addListener((obs, old, report) -> showReport(box, report));
        return box;
    }

    private static void showReport(VBox box, PrivilegeReport report) {
        box.getChildren().clear();
        if (report == null) {
            return;
        }
        Label headline = new Label(report.supported() ? "Connection OK" : "Connected, but the server is too old");
        headline.getStyleClass().add(ProfileStyles.TEST_HEADLINE);
        box.getChildren().add(headline);
        for (PrivilegeReport.Finding finding : report.findings()) {
            Label line = new Label(finding.text());
            line.setWrapText(true);
            if (finding.limitation()) {
                line.getStyleClass().add(ProfileStyles.TEST_LIMITATION);
            }
            box.getChildren().add(line);
        }
    }

    /** Puts the caret where the user starts: the demo button on a first start, else the name field. */
    public void focusFirst() {
        if (viewModel.emptyProperty().get()) {
            demoButton.requestFocus();
        } else {
            nameField.requestFocus();
        }
    }

    public ListView<ConnectionProfile> profileList() {
        return list;
    }

    /** A saved profile: its colour, its name and where it points, and a badge when it is read-only. */
    private static final class ProfileCell extends ListCell<ConnectionProfile> {
        private final Circle swatch = new Circle(6);
        private final Label name = new Label();
        private final Label where = new Label();
        private final Label badge = new Label("READ-ONLY");
        private final HBox graphic;

        ProfileCell() {
            getStyleClass().add(ProfileStyles.PROFILE_CELL);
            swatch.getStyleClass().add(ProfileStyles.SWATCH);
            name.getStyleClass().add(ProfileStyles.PROFILE_NAME);
            where.getStyleClass().add(Styles.MUTED);
            badge.getStyleClass().addAll(Styles.BADGE, ProfileStyles.READ_ONLY_BADGE);
            badge.setTooltip(Tooltips.of("Production: Partscope never changes anything on this connection"));
            badge.managedProperty().bind(badge.visibleProperty());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            // Long names and addresses end in "..." so the badge always stays in view.
            name.setMinWidth(0);
            where.setMinWidth(0);
            VBox text = new VBox(1, name, where);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            graphic = new HBox(8, swatch, text, badge);
            graphic.setAlignment(Pos.CENTER_LEFT);
            graphic.setMinWidth(0);
            graphic.setPrefWidth(0); // follow the cell's width instead of asking for the text's
        }

        @Override
        protected void updateItem(ConnectionProfile profile, boolean empty) {
            super.updateItem(profile, empty);
            setText(null);
            if (empty || profile == null) {
                setGraphic(null);
                return;
            }
            // The swatch shows data (the user's colour), so it is a fill, not a style.
            swatch.setFill(Color.web(profile.colour()));
            name.setText(profile.name());
            where.setText(profile.user() + "@" + profile.host() + ":" + profile.port() + "/" + profile.database());
            badge.setVisible(profile.readOnly());
            setGraphic(graphic);
        }
    }
}
