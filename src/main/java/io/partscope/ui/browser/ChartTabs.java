package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Styles;
import io.partscope.ui.chart.ChartExport;
import io.partscope.ui.chart.RangeTimelineChart;
import io.partscope.ui.chart.SizeChart;
import io.partscope.ui.chart.XidAgeChart;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
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
 * range bounds. A chart is built when its tab is shown for a set (not for every selection), and can be saved as PNG.
 */
final class ChartTabs {
    static final String EXPORT_PNG_ID = "exportPng";

    private ChartTabs() {
    }

    static List<Tab> create(BrowserViewModel vm) {
        return List.of(
                tab("Size", vm, (set, snapshot) -> {
                    SizeChart chart = new SizeChart(set);
                    return new Built(chart, Optional.of(chart.chart()));
                }),
                tab("XID age", vm, (set, snapshot) -> {
                    XidAgeChart chart = new XidAgeChart(set, snapshot);
                    return new Built(chart, Optional.of(chart.chart()));
                }),
                tab("Timeline", vm, (set, snapshot) -> {
                    RangeTimelineChart chart = new RangeTimelineChart(set);
                    return new Built(chart, chart.chart());
                }));
    }

    /** A chart component and the chart to export (empty when the component only explains why there is none). */
    private record Built(Node view, Optional<JFreeChart> chart) {
    }

    private static Tab tab(String title, BrowserViewModel vm, BiFunction<PartitionSet, CatalogSnapshot, Built> build) {
        Tab tab = new Tab(title);
        tab.setClosable(false);
        BorderPane content = new BorderPane();
        tab.setContent(content);
        Runnable refresh = () -> {
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
            Built built = build.apply(row.set(), snapshot);
            content.setCenter(built.view());
            content.setTop(toolbar(title, row.name(), built.chart()));
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
