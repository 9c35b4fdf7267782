package io.partscope.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/**
 * Builds table columns the same way everywhere: the cell value is the raw value (so sorting is numeric), and a
 * formatter turns it into text only for display; numeric columns are right-aligned.
 */
public final class TableColumns {
    private TableColumns() {
    }

    /** Decides extra style classes for a cell from its row item (e.g. {@link Styles#WARNING}); may return null. */
    @FunctionalInterface
    public interface Highlighter<S> {
        String styleClassFor(S item);
    }

    public static <S> TableColumn<S, String> text(String title, double width, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** A text column in a monospaced font (SQL fragments: keys, bounds). */
    public static <S> TableColumn<S, String> code(String title, double width, Function<S, String> value) {
        TableColumn<S, String> column = text(title, width, value);
        column.getStyleClass().add(Styles.CODE);
        column.setCellFactory(c -> new TableCell<>() {
            // One per cell, made when first needed and its text changed: a new Tooltip (a popup window) per update
            // made scrolling stall.
            private Tooltip tooltip;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Bounds and keys can be long; the full text is one hover away.
                if (empty || item == null || item.isEmpty()) {
                    setTooltip(null);
                } else {
                    if (tooltip == null) {
                        tooltip = new Tooltip();
                    }
                    tooltip.setText(item);
                    if (getTooltip() != tooltip) {
                        setTooltip(tooltip);
                    }
                }
            }
        });
        return column;
    }

    /**
     * A right-aligned numeric column. {@code T} is the raw value's type so the column sorts by number, not by text.
     */
    public static <S, T extends Comparable<? super T>> TableColumn<S, T> number(String title, double width,
            Function<S, T> value, Function<T, String> format, Highlighter<S> highlighter) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // Numbers cut short mislead; a narrow window scrolls sideways instead.
        column.setMinWidth(width);
        column.getStyleClass().add(Styles.NUMERIC);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
                if (empty || item == null) {
                    setText(empty ? null : "—");
                    return;
                }
                setText(format.apply(item));
                S row = getTableRow() == null ? null : getTableRow().getItem();
                if (highlighter != null && row != null) {
                    String style = highlighter.styleClassFor(row);
                    if (style != null) {
                        getStyleClass().add(style);
                    }
                }
            }
        });
        return column;
    }

    public static <S, T extends Comparable<? super T>> TableColumn<S, T> number(String title, double width,
            Function<S, T> value, Function<T, String> format) {
        return number(title, width, value, format, null);
    }

    /**
     * Shows a tooltip on each column header that has one ({@code tip} returns null for none). Headers are created by
     * the table's skin, so the tooltips are installed once the skin exists and again when the columns change.
     */
    public static void installHeaderTooltips(javafx.scene.control.Control table,
            Function<javafx.scene.control.TableColumnBase<?, ?>, String> tip) {
        Runnable install = () -> {
            for (javafx.scene.Node node : table.lookupAll(".column-header")) {
                if (node instanceof javafx.scene.control.skin.TableColumnHeader header
                        && header.getTableColumn() != null) {
                    String text = tip.apply(header.getTableColumn());
                    if (text != null) {
                        Tooltip tooltip = new Tooltip(text);
                        tooltip.setWrapText(true);
                        tooltip.setMaxWidth(420);
                        tooltip.setShowDuration(javafx.util.Duration.seconds(30));
                        Tooltip.install(header, tooltip);
                    }
                }
            }
        };
        table.skinProperty().addListener((obs, old, skin) -> javafx.application.Platform.runLater(install));
        if (table instanceof javafx.scene.control.TableView<?> view) {
            view.getColumns().addListener((javafx.collections.ListChangeListener<Object>) c ->
                    javafx.application.Platform.runLater(install));
        } else if (table instanceof javafx.scene.control.TreeTableView<?> view) {
            view.getColumns().addListener((javafx.collections.ListChangeListener<Object>) c ->
                    javafx.application.Platform.runLater(install));
        }
    }
}
