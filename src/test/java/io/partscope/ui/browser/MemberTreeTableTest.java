package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The member tree table over a sub-partitioned set built from the catalog records: months, then regions, a DEFAULT
 * holding rows below a month, an empty DEFAULT at the top.
 */
@ExtendWith(ApplicationExtension.class)
class MemberTreeTableTest {
    private static final long FMA = CatalogFixtures.FREEZE_MAX_AGE;

    private BrowserViewModel viewModel;
    private PartitionSetBrowser browser;
    private CatalogSnapshot snapshot;

    @Start
    void start(Stage stage) {
        viewModel = new BrowserViewModel(new Activity(new CurrentThreadTaskExecutor()), (db, c) -> {
            throw new AssertionError("no reads here");
        }, (action, failure) -> {
            throw new AssertionError(failure);
        });
        viewModel.setMemberFilterDelay(javafx.util.Duration.ZERO);
        browser = new PartitionSetBrowser(viewModel, () -> { });
        Scene scene = new Scene(browser, 1500, 900);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        snapshot = new CatalogSnapshot("18.1", 180001, "test", OffsetDateTime.now(), FMA, null, List.of(),
                List.of(events(), CatalogFixtures.nested("wide", 40, 50)));
        viewModel.loaded(snapshot, 5);
    }

    static PartitionSet events() {
        List<PartitionMember> jan = List.of(
                CatalogFixtures.leaf("events_2026_01", 2, "events_2026_01_eu", "FOR VALUES IN ('eu')", false, 40_000,
                        100, 0, 1_000),
                CatalogFixtures.leaf("events_2026_01", 2, "events_2026_01_us", "FOR VALUES IN ('us')", false, 80_000,
                        200, 0, FMA * 95 / 100),
                CatalogFixtures.leaf("events_2026_01", 2, "events_2026_01_default", "DEFAULT", true, 8_192, 25, 0,
                        3_000));
        List<PartitionMember> feb = List.of(
                CatalogFixtures.leaf("events_2026_02", 2, "events_2026_02_eu", "FOR VALUES IN ('eu')", false, 16_384,
                        10, 0, 5_000),
                CatalogFixtures.leaf("events_2026_02", 2, "events_2026_02_us", "FOR VALUES IN ('us')", false, 8_192,
                        10, 0, 2_000));
        List<PartitionMember> members = new ArrayList<>();
        members.add(CatalogFixtures.branch("events", "events_2026_01",
                "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')", jan));
        members.addAll(jan);
        members.add(CatalogFixtures.branch("events", "events_2026_02",
                "FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')", feb));
        members.addAll(feb);
        members.add(CatalogFixtures.leaf("events", 1, "events_default", "DEFAULT", true, 8_192, 0, 0, 4_000));
        return CatalogFixtures.tree("events", members);
    }

    private void selectEvents(FxRobot robot) {
        robot.clickOn("public.events");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> shown() {
        return browser.shownMembers().stream().map(MemberRow::name).toList();
    }

    private String count(FxRobot robot) {
        return robot.lookup("#" + PartitionSetBrowser.MEMBER_COUNT_ID).queryAs(Label.class).getText();
    }

    private TableColumn<MemberTree.MemberLine, ?> column(String title) {
        return browser.membersTable().getColumns().stream().filter(c -> c.getText().equals(title)).findFirst()
                .orElseThrow();
    }

    private void sortBy(FxRobot robot, String title, TableColumn.SortType type) {
        TableColumn<MemberTree.MemberLine, ?> column = column(title);
        robot.interact(() -> {
            column.setSortType(type);
            browser.membersTable().getSortOrder().setAll(List.of(column));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static final List<String> TREE_ORDER = List.of("events_2026_01", "events_2026_01_eu",
            "events_2026_01_us", "events_2026_01_default", "events_2026_02", "events_2026_02_eu", "events_2026_02_us",
            "events_default");

    @Test
    void subPartitionsAreBranchesInTreeOrderThatCollapseAndExpandWithTheArrowKeys(FxRobot robot) {
        selectEvents(robot);
        assertEquals(TREE_ORDER, shown());
        assertEquals("8 (6 leaves)", count(robot));

        robot.clickOn("events_2026_01").type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_01", "events_2026_02", "events_2026_02_eu", "events_2026_02_us",
                "events_default"), shown());

        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TREE_ORDER, shown());
    }

    @Test
    void aCollapsedBranchStaysCollapsedAcrossSortingAndRefresh(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("events_2026_02").type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();

        sortBy(robot, "Size", TableColumn.SortType.DESCENDING);
        assertEquals(List.of("events_2026_01", "events_2026_01_us", "events_2026_01_eu", "events_2026_01_default",
                "events_2026_02", "events_default"), shown());

        robot.interact(() -> viewModel.loaded(snapshot, 6));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_01", "events_2026_01_us", "events_2026_01_eu", "events_2026_01_default",
                "events_2026_02", "events_default"), shown());
        assertEquals("events_2026_02", browser.membersTable().getSelectionModel().getSelectedItem().row().name(),
                "the selection survives the refresh");
    }

    @Test
    void sortingByXidAgePutsTheWorstFirstWithinEachParentAndNoSortIsTreeOrder(FxRobot robot) {
        selectEvents(robot);
        sortBy(robot, "XID age", TableColumn.SortType.DESCENDING);

        // Parents by their oldest leaf: January (95%), February (5,000), then events_default (4,000).
        assertEquals(List.of("events_2026_01", "events_2026_01_us", "events_2026_01_default", "events_2026_01_eu",
                "events_2026_02", "events_2026_02_eu", "events_2026_02_us", "events_default"), shown());
        Node worst = robot.lookup(".member-tree .table-cell").match(n -> n instanceof MemberColumns.XidAgeMemberCell cell
                && "events_2026_01_us".equals(rowName(cell.getTableRow()))).query();
        assertTrue(worst.getStyleClass().contains(Styles.WARNING), "95% of the freeze max age is a warning");
        assertEquals("190.0M  95%", ((MemberColumns.XidAgeMemberCell) worst).getText());

        robot.interact(() -> browser.membersTable().getSortOrder().clear());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TREE_ORDER, shown());
    }

    private static String rowName(TableRow<MemberTree.MemberLine> row) {
        return row == null || row.getItem() == null ? null : row.getItem().row().name();
    }

    @Test
    void onlyProblemsShowsTheDefaultHoldingRowsWithItsAncestorMuted(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("#" + PartitionSetBrowser.ONLY_PROBLEMS_ID);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("events_2026_01", "events_2026_01_us", "events_2026_01_default"), shown());
        assertEquals("2 of 8", count(robot));
        Map<String, Boolean> muted = robot.lookup(".member-tree .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null)
                .collect(Collectors.toMap(r -> ((MemberTree.MemberLine) r.getItem()).row().name(),
                        r -> r.getPseudoClassStates().contains(PseudoClass.getPseudoClass(Styles.MEMBER_CONTEXT))));
        assertEquals(Map.of("events_2026_01", true, "events_2026_01_us", false, "events_2026_01_default", false),
                muted);
    }

    @Test
    void theSizeBarIsAsLongAsTheShareOfTheLargestSibling(FxRobot robot) {
        selectEvents(robot);
        Map<String, Double> widths = new HashMap<>();
        robot.lookup(".member-tree .table-cell").queryAll().stream()
                .filter(n -> n instanceof MemberColumns.SizeBarCell cell && rowName(cell.getTableRow()) != null)
                .map(n -> (MemberColumns.SizeBarCell) n)
                .forEach(cell -> widths.put(rowName(cell.getTableRow()), cell.bar().getWidth()));

        double full = widths.get("events_2026_01_us");
        assertTrue(full > 50, "the largest sibling's bar fills its cell: " + full);
        assertEquals(full / 2, widths.get("events_2026_01_eu"), 2.0, "40 kB of 80 kB");
        assertTrue(widths.get("events_2026_01_default") < widths.get("events_2026_01_eu"));
        assertEquals(full, widths.get("events_2026_01"), 2.0, "January is larger than February");
        assertTrue(widths.get("events_2026_02") < widths.get("events_2026_01"));
    }

    @Test
    void everyColumnHeaderExplainsItsNumber(FxRobot robot) {
        selectEvents(robot);
        for (Node table : List.of(browser.membersTable(), browser.setsTable())) {
            Set<Node> headers = table.lookupAll(".column-header").stream()
                    .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() != null)
                    .collect(Collectors.toSet());
            assertFalse(headers.isEmpty());
            for (Node header : headers) {
                Object tip = header.getProperties().get("javafx.scene.control.Tooltip");
                assertTrue(tip instanceof Tooltip t && !t.getText().isBlank(),
                        "tooltip on " + ((TableColumnHeader) header).getTableColumn().getText());
            }
        }
        Tooltip xid = (Tooltip) browser.membersTable().lookupAll(".column-header").stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() == column("XID age"))
                .findFirst().orElseThrow().getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(xid.getText().contains("wraparound") && xid.getText().contains("autovacuum_freeze_max_age"));
    }

    @Test
    void theBloatCellSaysTheNumberIsAnEstimate(FxRobot robot) {
        selectEvents(robot);
        MemberColumns.NumberCell<?> cell = robot.lookup(".member-tree .table-cell").match(n ->
                n instanceof MemberColumns.NumberCell<?> c && c.getTableColumn() == column("Bloat %")
                        && "events_2026_01_eu".equals(rowName(c.getTableRow()))).query();
        assertNotNull(cell.getTooltip());
        assertTrue(cell.getTooltip().getText().startsWith(MemberColumns.BLOAT_CAVEAT), cell.getTooltip().getText());
        assertTrue(cell.getTooltip().getText().contains("Status: estimated"), cell.getTooltip().getText());
    }

    @Test
    void csvOfAFilteredViewHoldsTheMatchesAndTheirParentsInDisplayOrder(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("#" + PartitionSetBrowser.MEMBER_FILTER_FIELD_ID).write("_eu");
        WaitForAsyncUtils.waitForFxEvents();
        sortBy(robot, "Partition", TableColumn.SortType.DESCENDING);

        assertEquals("2 of 8", count(robot));
        List<String> csv = MembersCsv.of(viewModel.visibleMembers()).lines().toList();
        assertEquals(5, csv.size());
        assertEquals(List.of("events_2026_02", "events_2026_02_eu", "events_2026_01", "events_2026_01_eu"),
                csv.subList(1, 5).stream().map(line -> line.split(",")[1]).toList());
        assertTrue(csv.get(2).startsWith("public,events_2026_02_eu,2,FOR VALUES IN ('eu'),16384,10,"),
                csv.get(2));
    }

    @Test
    void enterOnTheDefaultPartitionOpensItsDetails(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("events_2026_01_default").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        TabPane tabs = robot.lookup("#" + PartitionSetBrowser.SET_TABS_ID).query();
        assertEquals("Details", tabs.getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void aDoubleClickOpensTheDetailsToo(FxRobot robot) {
        selectEvents(robot);
        robot.doubleClickOn("events_2026_01_default", MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        TabPane tabs = robot.lookup("#" + PartitionSetBrowser.SET_TABS_ID).query();
        assertEquals("Details", tabs.getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void ctrlCCopiesTheQualifiedName(FxRobot robot) throws Exception {
        selectEvents(robot);
        robot.clickOn("events_2026_01_default").press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertEquals("public.events_2026_01_default", copied);
    }

    private MemberColumns.NameCell nameCell(FxRobot robot, String member) {
        return robot.lookup(".member-tree .table-cell").match(n -> n instanceof MemberColumns.NameCell cell
                && member.equals(rowName(cell.getTableRow()))).query();
    }

    @Test
    void clickingTheArrowClosesAndOpensABranchAndTurnsTheArrow(FxRobot robot) {
        selectEvents(robot);
        PseudoClass expanded = PseudoClass.getPseudoClass("expanded");
        assertTrue(nameCell(robot, "events_2026_01").disclosure().getPseudoClassStates().contains(expanded));
        assertFalse(nameCell(robot, "events_2026_01_eu").disclosure().isVisible(), "a leaf has no arrow");

        robot.clickOn(nameCell(robot, "events_2026_01").disclosure());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_01", "events_2026_02", "events_2026_02_eu", "events_2026_02_us",
                "events_default"), shown());
        assertFalse(nameCell(robot, "events_2026_01").disclosure().getPseudoClassStates().contains(expanded));

        robot.clickOn(nameCell(robot, "events_2026_01").disclosure());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TREE_ORDER, shown());
    }

    @Test
    void childrenAreIndentedBelowTheirParent(FxRobot robot) {
        selectEvents(robot);
        double parent = nameCell(robot, "events_2026_01").localToScene(0, 0).getX();
        javafx.scene.Node parentText = nameCell(robot, "events_2026_01").lookup(".text");
        javafx.scene.Node childText = nameCell(robot, "events_2026_01_eu").lookup(".text");
        assertEquals(parent, nameCell(robot, "events_2026_01_eu").localToScene(0, 0).getX(), 0.5);
        assertTrue(childText.localToScene(0, 0).getX() >= parentText.localToScene(0, 0).getX()
                + MemberColumns.INDENT - 0.5, "the child's name starts one level further right");
    }

    @Test
    void leftGoesFromAChildToItsParentAndRightFromAnOpenBranchToItsFirstChild(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("events_2026_02_us").type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("events_2026_02", browser.membersTable().getSelectionModel().getSelectedItem().row().name());
        assertEquals(TREE_ORDER, shown(), "moving to the parent closes nothing");

        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("events_2026_02_eu", browser.membersTable().getSelectionModel().getSelectedItem().row().name());
    }

    @Test
    void collapseAllAndExpandAllAndAFilterOpensWhatHoldsMatchesForAsLongAsItIsOn(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("#" + PartitionSetBrowser.COLLAPSE_ALL_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_01", "events_2026_02", "events_default"), shown());

        robot.interact(() -> viewModel.memberFilterProperty().set("_eu"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_01", "events_2026_01_eu", "events_2026_02", "events_2026_02_eu"), shown());

        robot.interact(() -> viewModel.memberFilterProperty().set(""));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_01", "events_2026_02", "events_default"), shown());

        robot.clickOn("#" + PartitionSetBrowser.EXPAND_ALL_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TREE_ORDER, shown());
    }

    @Test
    void aHeaderClickSortsWithinEachParent(FxRobot robot) {
        selectEvents(robot);
        Node header = robot.lookup(".member-tree .column-header").match(n -> n instanceof TableColumnHeader h
                && h.getTableColumn() == column("Rows")).query();
        robot.clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
        // Ascending live rows within each parent: February (20) before January (325) before... the DEFAULT (0).
        assertEquals(List.of("events_default", "events_2026_02", "events_2026_02_eu", "events_2026_02_us",
                "events_2026_01", "events_2026_01_default", "events_2026_01_eu", "events_2026_01_us"), shown());
    }

    @Test
    void aGreyedAncestorIsGreyInEveryColumnTheBoundToo(FxRobot robot) {
        selectEvents(robot);
        robot.clickOn("#" + PartitionSetBrowser.ONLY_PROBLEMS_ID);
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.TableCell<?, ?> contextBound = boundCell(robot, "events_2026_01");
        javafx.scene.control.TableCell<?, ?> matchBound = boundCell(robot, "events_2026_01_default");
        assertEquals(javafx.scene.paint.Color.web("#9aa1b2"), contextBound.getTextFill());
        assertEquals(javafx.scene.paint.Color.web("#9aa1b2"), nameCell(robot, "events_2026_01").getTextFill());
        assertFalse(javafx.scene.paint.Color.web("#9aa1b2").equals(matchBound.getTextFill()));
    }

    @Test
    void theBoundColumnShowsBothEndsOfARangeAndTheServersTextInItsTooltip(FxRobot robot) {
        selectEvents(robot);
        robot.interact(() -> viewModel.setAllExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.TableCell<?, ?> january = boundCell(robot, "events_2026_01");
        assertEquals("2026-01-01 → 2026-02-01", january.getText());
        assertEquals("FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')", january.getTooltip().getText());
        assertEquals(List.of(), io.partscope.support.CutText.under(january));
        assertEquals("eu", boundCell(robot, "events_2026_01_eu").getText());
        assertEquals("DEFAULT", boundCell(robot, "events_2026_01_default").getText());

        // The server's text still matches the filter.
        robot.clickOn("#" + PartitionSetBrowser.MEMBER_FILTER_FIELD_ID).write("FROM ('2026-02");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("events_2026_02"), browser.shownMembers().stream()
                .filter(row -> row.level() == 1).map(MemberRow::name).toList());
    }

    private javafx.scene.control.TableCell<?, ?> boundCell(FxRobot robot, String member) {
        return robot.lookup(".member-tree .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() == column("Bound") && c.getTableRow() != null
                && c.getTableRow().getItem() instanceof MemberTree.MemberLine line
                && line.row().name().equals(member)).query();
    }

    @Test
    void partitionsAndLeavesAreCountedAlikeInTheSetsTableThePanelAndTheStatusLine(FxRobot robot) {
        selectEvents(robot);

        // 2 months (sub-partitioned), their 5 regions and DEFAULTs, the top DEFAULT: 8 partitions, 6 of them leaves
        javafx.scene.control.TableCell<?, ?> setCell = robot.lookup("#" + PartitionSetBrowser.SETS_TABLE_ID
                + " .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() != null && "Partitions".equals(c.getTableColumn().getText())
                && c.getTableRow() != null && c.getTableRow().getItem() instanceof PartitionSetRow r
                && r.name().equals("public.events")).query();
        assertEquals("8 (6 leaves)", setCell.getText());
        assertEquals("8 (6 leaves)", count(robot));
        assertTrue(viewModel.statusProperty().get().startsWith("2 partition sets, 2,048 partitions (2,006 leaves)"),
                viewModel.statusProperty().get());
    }

    @Test
    void relativeTimesOfOneRefreshAreMeasuredFromTheReadTime(FxRobot robot) {
        // 40 leaves analyzed 3 ms apart, read 32 s later: each cell says the same, whenever it is drawn
        OffsetDateTime analyzed = OffsetDateTime.parse("2026-11-01T00:00:00.500Z");
        List<PartitionMember> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leaves.add(io.partscope.support.Members.leaf("recent", 1, String.format("recent_%02d", i),
                    "FOR VALUES FROM (" + i + ") TO (" + (i + 1) + ")", false, 10, 1_000, FMA,
                    analyzed.minusNanos(3_000_000L * i)));
        }
        robot.interact(() -> viewModel.loaded(new CatalogSnapshot("18.1", 180001, "test",
                analyzed.plusSeconds(32), FMA, null, List.of(), List.of(io.partscope.support.Members.set("recent",
                        leaves))), 5));
        robot.clickOn("public.recent");
        WaitForAsyncUtils.waitForFxEvents();

        List<String> shown = robot.lookup(".member-tree .table-cell").match(n -> n
                instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() == column("Analyzed")
                && c.getTableRow() != null && c.getTableRow().getItem() != null).queryAll().stream()
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).toList();
        assertFalse(shown.isEmpty());
        assertEquals(Set.of("32 s ago"), Set.copyOf(shown), shown.toString());
    }

    @Test
    void aSetOfTwoThousandMembersOrMoreOpensWithItsTopLevelClosed(FxRobot robot) {
        robot.clickOn("public.wide");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("2,040 (2,000 leaves)", count(robot));
        assertEquals(40, shown().size());
        assertEquals("wide_b0", shown().get(0));

        robot.clickOn("wide_b1").type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(90, shown().size());
        assertEquals("wide_b1_0", shown().get(2));
    }

    @Test
    void theCsvExportHoldsTheRowsShownAClosedBranchWithoutItsPartitions(FxRobot robot) throws Exception {
        selectEvents(robot);
        robot.clickOn("events_2026_01").type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("members", ".csv");
        try {
            robot.interact(() -> viewModel.exportShownMembers(file));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> names = java.nio.file.Files.readAllLines(file).stream().skip(1)
                    .map(line -> line.split(",")[1]).toList();
            assertEquals(List.of("events_2026_01", "events_2026_02", "events_2026_02_eu", "events_2026_02_us",
                    "events_default"), names);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
