package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Styles;
import io.partscope.ui.chart.ChartExport;
import io.partscope.ui.chart.RangeTimelineChart;
import io.partscope.ui.chart.SizeChart;
import io.partscope.ui.chart.XidAgeChart;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;

/**
 * The chart tabs of the selected set: size per partition, XID age against the freeze limits, and the timeline of
 * range bounds. A chart is built when its tab is shown for a set (not for every selection), off the FX thread, and
 * can be saved as PNG.
 */
final class ChartTabs {
    static final String EXPORT_PNG_ID = "exportPng";

    private ChartTabs() {
    }

    static List<Tab> create(BrowserViewModel vm) {
        // Each chart is built in two parts: its dataset and JFreeChart off the FX thread (at 100,000 partitions
        // that took up to 150 ms on it), then the JavaFX node around it on the FX thread.
        return List.of(
                tab("Size", vm, (set, snapshot) -> {
                    JFreeChart built = SizeChart.createChart(set);
                    return () -> new Built(new SizeChart(built), Optional.of(built));
                }),
                tab("XID age", vm, (set, snapshot) -> {
                    JFreeChart built = XidAgeChart.createChart(set, snapshot.autovacuumFreezeMaxAge(),
                            snapshot.vacuumFailsafeAge());
                    return () -> new Built(new XidAgeChart(built), Optional.of(built));
                }),
                tab("Timeline", vm, (set, snapshot) -> {
                    RangeTimelineChart.Prepared prepared = RangeTimelineChart.prepare(set,
                            java.time.Clock.systemDefaultZone());
                    return () -> new Built(new RangeTimelineChart(prepared), Optional.ofNullable(prepared.chart()));
                }));
    }

    /** A chart component and the chart to export (empty when the component only explains why there is none). */
    private record Built(Node view, Optional<JFreeChart> chart) {
    }

    /** The part of a chart built off the FX thread; what it returns builds the node, on the FX thread. */
    private interface Preparation {
        Supplier<Built> prepare(PartitionSet set, CatalogSnapshot snapshot);
    }

    private static Tab tab(String title, BrowserViewModel vm, Preparation preparation) {
        Tab tab = new Tab(title);
        tab.setClosable(false);
        BorderPane content = new BorderPane();
        tab.setContent(content);
        // Only the latest request is shown: a selection that changes while a chart is built makes it stale.
        long[] generation = {0};
        TaskHandle[] building = {TaskHandle.NONE};
        Runnable refresh = () -> {
            generation[0]++;
            building[0].cancel();
            if (!tab.isSelected()) {
                return;
            }
            PartitionSetRow row = vm.selectedProperty().get();
            CatalogSnapshot snapshot = vm.snapshotProperty().get();
            if (row == null || snapshot == null) {
                Label none = new Label("Select a partition set to see its " + title.toLowerCase() + " chart.");
                none.getStyleClass().add(Styles.PLACEHOLDER);
                content.setTop(null);
                content.setCenter(none);
                return;
            }
            long mine = generation[0];
            Label drawing = new Label("Drawing the " + title.toLowerCase() + " chart…");
            drawing.getStyleClass().add(Styles.PLACEHOLDER);
            content.setTop(null);
            content.setCenter(drawing);
            PartitionSet set = row.set();
            building[0] = vm.activity().runInBackground(BackgroundTask.<Supplier<Built>>of("draw the " + title
                    + " chart", cancellation -> preparation.prepare(set, snapshot))
                    .onSuccess(node -> {
                        if (mine != generation[0]) {
                            return;
                        }
                        Built built = node.get();
                        content.setCenter(built.view());
                        content.setTop(toolbar(title, row.name(), built.chart()));
                    })
                    .onFailure(failure -> {
                        if (mine == generation[0]) {
                            Label failed = new Label("The chart could not be drawn: " + failure.getMessage());
                            failed.getStyleClass().add(Styles.PLACEHOLDER);
                            content.setCenter(failed);
                        }
                    }));
        };
        tab.selectedProperty().addListener((obs, was, is) -> refresh.run());
        vm.selectedProperty().addListener((obs, old, row) -> refresh.run());
        vm.snapshotProperty().addListener((obs, old, snap) -> refresh.run());
        return tab;
    }

    private static HBox toolbar(String title, String setName, Optional<JFreeChart> chart) {
        Button export = new Button("Export PNG…");
        export.setId(EXPORT_PNG_ID);
        export.setDisable(chart.isEmpty());
        export.setOnAction(event -> chart.ifPresent(c -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the " + title + " chart as PNG");
            chooser.setInitialFileName((setName + "-" + title).replaceAll("[^A-Za-z0-9._-]+", "_") + ".png");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
            File file = chooser.showSaveDialog(export.getScene().getWindow());
            if (file != null) {
                try {
                    ChartExport.savePng(c, file.toPath(), 1600, 900);
                } catch (java.io.IOException e) {
                    io.partscope.ui.ErrorDialog.show(export.getScene().getWindow(), "Export PNG", e);
                }
            }
        }));
        HBox bar = new HBox(8, export);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.getStyleClass().add(Styles.TABLE_HEADER);
        return bar;
    }
}
