package io.partscope.ui.profiles;

import io.partscope.core.db.Environment;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.ProfileStore;
import io.partscope.ui.ErrorDialog;
import io.partscope.ui.Styles;
import io.partscope.ui.task.TaskExecutor;
import io.partscope.ui.theme.Themes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

/**
 * The connection manager as a dialog. Its result is the user's {@link ConnectionChoice}: a saved profile (with the
 * password typed for this session, if any) or the demo database; empty when the user closes it.
 *
 * <pre>{@code
 * Optional<ConnectionChoice> choice = ConnectionManagerDialog.open(window, ProfileStore.standard(env), env,
 *         executor, sessionPasswords);
 * }</pre>
 */
public final class ConnectionManagerDialog extends Dialog<ConnectionChoice> {
    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
    public static final String STYLE_CLASS = "connection-manager-dialog";

    private final ConnectionManagerViewModel viewModel;
    private final ConnectionManagerView view;

    /** A dialog over a ViewModel the caller made (and loaded); errors are the ViewModel's business. */
    public ConnectionManagerDialog(ConnectionManagerViewModel viewModel) {
        this.viewModel = viewModel;
        setTitle("Partscope — Connections");
        setResizable(true);
        DialogPane pane = getDialogPane();
        Themes.style(pane);
        pane.getStyleClass().add(STYLE_CLASS);
        pane.getButtonTypes().setAll(CONNECT, ButtonType.CLOSE);

        view = new ConnectionManagerView(viewModel, this::closeWithChoice, this::confirmDelete);
        pane.setContent(view);
        pane.setPrefSize(960, 720);

        Button connect = (Button) pane.lookupButton(CONNECT);
        connect.getStyleClass().add(Styles.PRIMARY);
        connect.disableProperty().bind(viewModel.saveDisabledProperty());
        connect.addEventFilter(ActionEvent.ACTION, event -> {
            // Connect saves the form first; if that fails (the error is shown), the dialog stays open.
            if (viewModel.connect().isEmpty()) {
                event.consume();
            }
        });
        setResultConverter(button -> button == CONNECT ? viewModel.choiceProperty().get() : null);
        setOnShown(event -> view.focusFirst());
        setOnHidden(event -> viewModel.cancelTest());
    }

    /**
     * Builds the manager over the store, shows it and waits. Failures (a corrupt store file, a failed test or
     * save) open an {@link ErrorDialog} over it.
     *
     * @param passwords the session's passwords: pass the same instance each time, so typed passwords are kept
     */
    public static Optional<ConnectionChoice> open(Window owner, ProfileStore store, Environment environment,
            TaskExecutor executor, SessionPasswords passwords) {
        return create(owner, store, environment, executor, passwords, ProfileTester.standard()).showAndWait();
    }

    /** The dialog, loaded and ready to show (for callers that show it themselves, and tests). */
    public static ConnectionManagerDialog create(Window owner, ProfileStore store, Environment environment,
            TaskExecutor executor, SessionPasswords passwords, ProfileTester tester) {
        AtomicReference<Dialog<?>> self = new AtomicReference<>();
        ConnectionManagerViewModel vm = new ConnectionManagerViewModel(store, environment, executor, tester,
                passwords, (action, failure) -> ErrorDialog.show(windowOf(self.get(), owner), action, failure));
        ConnectionManagerDialog dialog = new ConnectionManagerDialog(vm);
        self.set(dialog);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        vm.load();
        return dialog;
    }

    private static Window windowOf(Dialog<?> dialog, Window fallback) {
        Window w = dialog == null ? null : dialog.getDialogPane().getScene() == null ? null
                : dialog.getDialogPane().getScene().getWindow();
        return w != null && w.isShowing() ? w : fallback;
    }

    private void closeWithChoice() {
        setResult(viewModel.choiceProperty().get());
        close();
    }

    private boolean confirmDelete(ConnectionProfile profile) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(getDialogPane().getScene().getWindow());
        Themes.style(confirm);
        confirm.setTitle("Delete connection");
        confirm.setHeaderText("Delete the connection \"" + profile.name() + "\"?");
        confirm.setContentText("Only the saved settings are removed; the database is not touched.");
        return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    public ConnectionManagerViewModel viewModel() {
        return viewModel;
    }

    public ConnectionManagerView view() {
        return view;
    }
}
