package io.partscope.ui;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.ui.theme.Themes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shows a failure the way a DBA wants to read it: what went wrong in one sentence, then the server's SQLSTATE,
 * detail and hint, and the stack trace only in the collapsed "Show Details" section.
 */
public final class ErrorDialog {
    /** Style class of the dialog pane, so tests and the stylesheet can find it. */
    public static final String STYLE_CLASS = "error-dialog";
    public static final String MESSAGE_ID = "errorMessage";
    public static final String STACK_TRACE_ID = "errorStackTrace";

    private ErrorDialog() {
    }

    /** Opens the dialog (without blocking the caller) for a failure reported by background work. */
    public static Alert show(Window owner, String action, Throwable failure) {
        Alert alert = build(action, failure);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
        return alert;
    }

    /**
     * @param action what the user was doing, as a title ("Connect", "Read the catalog")
     */
    static Alert build(String action, Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Partscope — " + action + " failed");
        DialogPane pane = alert.getDialogPane();
        Themes.style(pane);
        pane.getStyleClass().add(STYLE_CLASS);
        pane.setHeaderText(headline(failure));

        Label message = new Label(capitalized(message(failure)));
        message.setId(MESSAGE_ID);
        message.setWrapText(true);
        message.getStyleClass().add("error-message");
        VBox content = new VBox(12, message);

        if (failure instanceof PartscopeException pe) {
            GridPane facts = new GridPane();
            facts.getStyleClass().add("error-facts");
            int row = 0;
            row = addFact(facts, row, "SQLSTATE", pe.sqlState(), true);
            row = addFact(facts, row, "Detail", pe.detail(), false);
            addFact(facts, row, "Hint", pe.hint(), false);
            if (!facts.getChildren().isEmpty()) {
                content.getChildren().add(facts);
            }
        }
        content.setPrefWidth(520);
        pane.setContent(content);

        TextArea trace = new TextArea(stackTrace(failure));
        trace.setId(STACK_TRACE_ID);
        trace.setEditable(false);
        trace.setWrapText(false);
        trace.getStyleClass().add(Styles.CODE);
        trace.setPrefRowCount(14);
        VBox.setVgrow(trace, Priority.ALWAYS);
        pane.setExpandableContent(new VBox(6, new Label("Stack trace (for a bug report):"), trace));
        pane.setExpanded(false);
        return alert;
    }

    private static int addFact(GridPane grid, int row, String name, String value, boolean code) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label key = new Label(name);
        key.getStyleClass().add(Styles.MUTED);
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.setWrapText(true);
        if (code) {
            text.getStyleClass().add(Styles.CODE);
        }
        grid.addRow(row, key, text);
        return row + 1;
    }

    /** "Authentication failed" for a PartscopeException, "Unexpected error" otherwise. */
    static String headline(Throwable failure) {
        if (failure instanceof PartscopeException pe && pe.kind() != null && pe.kind() != ErrorKind.INTERNAL) {
            String title = pe.kind().title();
            return title.substring(0, 1).toUpperCase(Locale.ROOT) + title.substring(1);
        }
        return failure instanceof PartscopeException ? "Database error" : "Unexpected error";
    }

    static String message(Throwable failure) {
        String text = failure.getMessage();
        if (text == null || text.isBlank()) {
            text = failure.getClass().getSimpleName();
        }
        return failure instanceof PartscopeException ? text : text + " (" + failure.getClass().getName() + ")";
    }

    /** Core messages start in lower case so the CLI can write "kind: message"; a dialog shows a sentence. */
    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
