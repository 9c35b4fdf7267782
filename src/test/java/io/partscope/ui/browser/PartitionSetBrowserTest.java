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
        viewModel.setMemberFilterDelay(javafx.util.Duration.ZERO);
        viewModel.loaded(snapshot(set("small", 9, 8192), set("medium", 10, 1_048_576), set("large", 100, 900),
                troubled()), 12);
    }

    private static PartitionSet set(String name, int leaves, long bytesPerLeaf) {
        List<PartitionMember> members = new ArrayList<>();
        IntStream.range(0, leaves).forEach(i -> members.add(CatalogFixtures.leaf(name, name + "_" + i,
                "FOR VALUES IN (" + i + ")", false, bytesPerLeaf, 10, 1, 1000L * i, false)));
        return CatalogFixtures.set(name, members);
    }

    /** A set with a DEFAULT holding rows, a pending detach, a partition near the freeze max age, a healthy one. */
    private static PartitionSet troubled() {
        return CatalogFixtures.set("troubled", List.of(
                CatalogFixtures.leaf("troubled", "troubled_ok", "FOR VALUES IN (1)", false, 8192, 10, 0, 1000L, false),
                CatalogFixtures.leaf("troubled", "troubled_old", "FOR VALUES IN (2)", false, 8192, 10, 0,
                        CatalogFixtures.FREEZE_MAX_AGE * 9 / 10, false),
                CatalogFixtures.leaf("troubled", "troubled_pending", "FOR VALUES IN (3)", false, 8192, 10, 0, 1000L,
                        true),
                CatalogFixtures.leaf("troubled", "troubled_default", "DEFAULT", true, 8192, 25, 0, 1000L, false)));
    }

    private static CatalogSnapshot snapshot(PartitionSet... sets) {
        return new CatalogSnapshot("18.1", 180001, "test", OffsetDateTime.now(), CatalogFixtures.FREEZE_MAX_AGE, null,
                List.of(), List.of(sets));
    }

    private List<String> shownNames() {
        return browser.setsTable().getItems().stream().map(PartitionSetRow::name).toList();
    }

    @Test
    void openingTheAppOnASetSelectsItByQualifiedOrBareName(FxRobot robot) {
        robot.interact(() -> viewModel.selectWhenLoaded("public.medium"));
        assertEquals("public.medium", viewModel.selectedProperty().get().name());
        robot.interact(() -> viewModel.selectWhenLoaded("large"));
        assertEquals("public.large", viewModel.selectedProperty().get().name());
        robot.interact(() -> viewModel.selectWhenLoaded("nope"));
        assertEquals("public.large", viewModel.selectedProperty().get().name());
        assertEquals("No partition set named nope", viewModel.statusProperty().get());
    }

    @Test
    void partitionsSortAsNumbersNotText(FxRobot robot) {
        robot.clickOn("Partitions");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("public.troubled", "public.small", "public.medium", "public.large"), shownNames());
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
        assertEquals(List.of("public.medium", "public.large", "public.small", "public.troubled"), shownNames());
    }

    @Test
    void filterNarrowsTheListAndTheStatusSaysSo(FxRobot robot) {
        robot.clickOn("#" + PartitionSetBrowser.FILTER_FIELD_ID).write("med");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("public.medium"), shownNames());
        assertEquals("showing 1 of 4 partition sets, 123 partitions, read in 12 ms",
                viewModel.statusProperty().get());
    }

    @Test
    void selectingASetListsItsMembers(FxRobot robot) {
        robot.clickOn("public.small");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(9, browser.shownMembers().size());
        assertEquals("small_0", browser.shownMembers().get(0).name());
    }

    @Test
    void onlyProblemsKeepsThePartitionsThatNeedALookAndNamesTheProblem(FxRobot robot) {
        robot.clickOn("public.troubled");
        robot.clickOn("#" + PartitionSetBrowser.ONLY_PROBLEMS_ID);
        WaitForAsyncUtils.waitForFxEvents();

        List<MemberRow> shown = browser.shownMembers();
        assertEquals(List.of("troubled_old", "troubled_pending", "troubled_default"),
                shown.stream().map(MemberRow::name).toList());
        assertEquals(List.of("XID age high"), shown.get(0).problems().stream()
                .map(io.partscope.core.catalog.Problem::label).toList());
        assertEquals(List.of(io.partscope.core.catalog.Problem.DEFAULT_WITH_ROWS), shown.get(2).problems());
        assertEquals(List.of("DEFAULT"), shown.get(2).flags());
        assertEquals(List.of("XID age high"), shown.get(0).flags());
        assertEquals("3 of 4", robot.lookup("#" + PartitionSetBrowser.MEMBER_COUNT_ID)
                .queryAs(javafx.scene.control.Label.class).getText());

        robot.clickOn("#" + PartitionSetBrowser.ONLY_PROBLEMS_ID);
        robot.clickOn("#" + PartitionSetBrowser.MEMBER_FILTER_FIELD_ID).write("_ok");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("troubled_ok"), browser.shownMembers().stream().map(MemberRow::name).toList());
    }

    @Test
    void thePartitionFilterStartsEmptyForEachSet(FxRobot robot) {
        robot.clickOn("public.troubled");
        robot.clickOn("#" + PartitionSetBrowser.MEMBER_FILTER_FIELD_ID).write("default");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("troubled_default"), browser.shownMembers().stream().map(MemberRow::name).toList());

        robot.clickOn("public.small");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextField filter = robot.lookup("#" + PartitionSetBrowser.MEMBER_FILTER_FIELD_ID)
                .queryAs(javafx.scene.control.TextField.class);
        assertEquals("", filter.getText());
        assertEquals(9, browser.shownMembers().size());
        assertEquals("9", robot.lookup("#" + PartitionSetBrowser.MEMBER_COUNT_ID)
                .queryAs(javafx.scene.control.Label.class).getText());
    }

    @Test
    void aFilterThatMatchesNothingSaysSoInsteadOfAskingForASet(FxRobot robot) {
        robot.clickOn("public.small");
        robot.clickOn("#" + PartitionSetBrowser.MEMBER_FILTER_FIELD_ID).write("nothing like this");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, browser.shownMembers().size());
        javafx.scene.control.Label placeholder = (javafx.scene.control.Label) robot
                .lookup("#" + PartitionSetBrowser.MEMBERS_TABLE_ID).queryAs(javafx.scene.control.TableView.class)
                .getPlaceholder();
        assertEquals("No partition of public.small matches the filter \"nothing like this\".",
                placeholder.getText());
    }

    @Test
    void chartTabsDrawTheSelectedSetAndSayWhenATimelineDoesNotApply(FxRobot robot) {
        robot.clickOn("public.small");
        javafx.scene.control.TabPane tabs = robot.lookup("#" + PartitionSetBrowser.SET_TABS_ID).query();
        robot.interact(() -> tabs.getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        io.partscope.ui.chart.XidAgeChart xid = robot.lookup(n -> n instanceof io.partscope.ui.chart.XidAgeChart)
                .query();
        org.jfree.data.xy.XYDataset data = xid.chart().getXYPlot().getDataset();
        int bars = 0;
        for (int series = 0; series < data.getSeriesCount(); series++) {
            bars += data.getItemCount(series);
        }
        assertEquals(9, bars);

        robot.interact(() -> tabs.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        io.partscope.ui.chart.RangeTimelineChart timeline = robot
                .lookup(n -> n instanceof io.partscope.ui.chart.RangeTimelineChart).query();
        assertEquals(false, timeline.isApplicable());
        assertEquals(true, robot.lookup("#" + ChartTabs.EXPORT_PNG_ID).queryAll().stream()
                .filter(javafx.scene.Node::isVisible).filter(n -> n.getScene() != null)
                .anyMatch(javafx.scene.Node::isDisabled));
    }
}
