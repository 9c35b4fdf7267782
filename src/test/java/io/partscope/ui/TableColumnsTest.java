package io.partscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A code column's cells show their full text as tooltip, also after the rows under them changed. */
@ExtendWith(ApplicationExtension.class)
class TableColumnsTest {
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private TableView<String> table;

    @Start
    void start(Stage stage) {
        table = new TableView<>(rows);
        table.getColumns().add(TableColumns.code("Bound", 300, Function.identity()));
        stage.setScene(new Scene(table, 400, 300));
        stage.show();
    }

    /** Shown text -> tooltip text (null when none), of the filled cells of the code column. */
    private Map<String, String> tooltips(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> !c.isEmpty() && c.getText() != null)
                .collect(Collectors.toMap(TableCell::getText,
                        c -> c.getTooltip() == null ? "" : c.getTooltip().getText()));
    }

    @Test
    void theTooltipFollowsTheCellsText(FxRobot robot) {
        robot.interact(() -> rows.setAll("FOR VALUES FROM (1) TO (2)", "FOR VALUES FROM (2) TO (3)", ""));
        assertEquals(Map.of("FOR VALUES FROM (1) TO (2)", "FOR VALUES FROM (1) TO (2)",
                "FOR VALUES FROM (2) TO (3)", "FOR VALUES FROM (2) TO (3)", "", ""), tooltips(robot));

        robot.interact(() -> rows.setAll(List.of("", "DEFAULT", "FOR VALUES IN ('eu')")));
        assertEquals(Map.of("DEFAULT", "DEFAULT", "FOR VALUES IN ('eu')", "FOR VALUES IN ('eu')", "", ""),
                tooltips(robot));
        robot.interact(() -> rows.clear());
        assertNull(robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTooltip() != null).findAny().orElse(null), "empty cells have no tooltip");
    }
}
