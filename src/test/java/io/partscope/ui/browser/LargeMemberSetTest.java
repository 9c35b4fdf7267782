package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.time.OffsetDateTime;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A set of 100,000 partitions built from the catalog records: it lists, sorts and filters (no timing here). */
@ExtendWith(ApplicationExtension.class)
class LargeMemberSetTest {
    private PartitionSetBrowser browser;
    private BrowserViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new BrowserViewModel(new Activity(new CurrentThreadTaskExecutor()), (db, c) -> {
            throw new AssertionError("no reads here");
        }, (action, failure) -> {
            throw new AssertionError(failure);
        });
        viewModel.setMemberFilterDelay(javafx.util.Duration.ZERO);
        browser = new PartitionSetBrowser(viewModel, () -> { });
        Scene scene = new Scene(browser, 1400, 800);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        viewModel.loaded(new CatalogSnapshot("18.1", 180001, "test", OffsetDateTime.now(),
                CatalogFixtures.FREEZE_MAX_AGE, null, List.of(), List.of(MemberTreeScaleExperiment.big(100_000))), 1);
    }

    @Test
    void oneHundredThousandPartitionsListSortAndFilter(FxRobot robot) {
        robot.clickOn("public.big");
        WaitForAsyncUtils.waitForFxEvents();
        Label count = robot.lookup("#" + PartitionSetBrowser.MEMBER_COUNT_ID).queryAs(Label.class);
        assertEquals("100,000", count.getText());
        assertEquals(100_000, browser.membersTable().getItems().size());

        TableColumn<MemberTree.MemberLine, ?> xid = browser.membersTable().getColumns().stream()
                .filter(c -> c.getText().equals("XID age")).findFirst().orElseThrow();
        robot.interact(() -> {
            xid.setSortType(TableColumn.SortType.DESCENDING);
            browser.membersTable().getSortOrder().setAll(List.of(xid));
        });
        WaitForAsyncUtils.waitForFxEvents();
        long worst = browser.shownMembers().stream().mapToLong(MemberRow::xidAge).max().orElseThrow();
        assertEquals(worst, browser.membersTable().getItems().get(0).row().xidAge());
        robot.interact(() -> browser.membersTable().scrollTo(99_990));
        WaitForAsyncUtils.waitForFxEvents();
        MemberRow last = browser.shownMembers().get(99_990);
        assertEquals(true, robot.lookup(".member-tree .table-row-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableRow<?> row && row.getItem() instanceof
                        MemberTree.MemberLine line && line.row() == last && row.isVisible()),
                "the member jumped to is on screen");

        // Set at once: typing would arrange 100,000 members once per key on this test's single thread.
        robot.interact(() -> viewModel.memberFilterProperty().set("big_99999"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 of 100,000", count.getText());
        assertEquals(List.of("big_99999"), browser.shownMembers().stream().map(MemberRow::name).toList());
    }
}
