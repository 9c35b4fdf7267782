package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The browser view over a hand-built snapshot: numeric sorting, filtering, the selected set's members. */
@ExtendWith(ApplicationExtension.class)
class PartitionSetBrowserTest {
    private BrowserViewModel viewModel;
    private PartitionSetBrowser browser;

    @Start
    void start(Stage stage) {
        viewModel = new BrowserViewModel(new Activity(new CurrentThreadTaskExecutor()), (db, c) -> {
            throw new AssertionError("no reads here");
        }, (action, failure) -> {
            throw new AssertionError(failure);
        });
        browser = new PartitionSetBrowser(viewModel, () -> { });
        Scene scene = new Scene(browser, 1200, 700);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        viewModel.loaded(snapshot(set("small", 9, 8192), set("medium", 10, 1_048_576), set("large", 100, 900)), 12);
    }

    private static PartitionSet set(String name, int leaves, long bytesPerLeaf) {
        List<PartitionMember> members = new ArrayList<>();
        IntStream.range(0, leaves).forEach(i -> members.add(CatalogFixtures.leaf(name, name + "_" + i,
                "FOR VALUES IN (" + i + ")", false, bytesPerLeaf, 10, 1, 1000L * i, false)));
        return CatalogFixtures.set(name, members);
    }

    private static CatalogSnapshot snapshot(PartitionSet... sets) {
        return new CatalogSnapshot("18.1", 180001, "test", OffsetDateTime.now(), CatalogFixtures.FREEZE_MAX_AGE, null,
                List.of(), List.of(sets));
    }

    private List<String> shownNames() {
        return browser.setsTable().getItems().stream().map(PartitionSetRow::name).toList();
    }

    @Test
    void partitionsSortAsNumbersNotText(FxRobot robot) {
        robot.clickOn("Partitions");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("public.small", "public.medium", "public.large"), shownNames());
    }

    @Test
    void sizesSortByBytesNotByTheirText(FxRobot robot) {
        TableColumn<PartitionSetRow, ?> size = browser.setsTable().getColumns().stream()
                .filter(c -> c.getText().equals("Total size")).findFirst().orElseThrow();
        robot.interact(() -> {
            size.setSortType(TableColumn.SortType.DESCENDING);
            browser.setsTable().getSortOrder().setAll(List.of(size));
        });

        // 10 MB, 90 kB, 72 kB: "72.0 kB" > "10.0 MB" as text, but not as bytes
        assertEquals(List.of("public.medium", "public.large", "public.small"), shownNames());
    }

    @Test
    void filterNarrowsTheListAndTheStatusSaysSo(FxRobot robot) {
        robot.clickOn("#" + PartitionSetBrowser.FILTER_FIELD_ID).write("med");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("public.medium"), shownNames());
        assertEquals("showing 1 of 3 partition sets, 119 partitions, read in 12 ms",
                viewModel.statusProperty().get());
    }

    @Test
    void selectingASetListsItsMembers(FxRobot robot) {
        robot.clickOn("public.small");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(9, browser.membersTable().getItems().size());
        assertEquals("public.small_0", browser.membersTable().getItems().get(0).name());
    }
}
