package io.partscope.ui.details;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.MemberDetails;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import io.partscope.ui.task.FxTaskExecutor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The details pane over hand-built details: the sections, the tooltips, Copy, loading, cancel and failures. */
@ExtendWith(ApplicationExtension.class)
class MemberDetailsPaneTest {
    private static final RelationName MEMBER = new RelationName("app", "events_2026_02");
    private static final String DDL = "CREATE TABLE \"app\".\"events_2026_02\" PARTITION OF \"app\".\"events\"\n"
            + "    FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')\n"
            + "    WITH (fillfactor = 70);\n";

    private final List<String> failures = new ArrayList<>();
    private MemberDetailsViewModel viewModel;
    private MemberDetailsPane pane;
    private FxTaskExecutor executor;

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(1);
        viewModel = new MemberDetailsViewModel(new Activity(executor), (db, member, cancellation) -> {
            throw new AssertionError("no database here");
        }, (action, failure) -> failures.add(action + ": " + failure.getMessage()));
        pane = new MemberDetailsPane(viewModel);
        Scene scene = new Scene(pane, 900, 900);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    static MemberDetails details() {
        MemberDetails.Statistics stats = new MemberDetails.Statistics(12L, 3L, 1000L, 10L, 400L, 7L, 600L, 400L,
                1410L, 1000L, null, null, OffsetDateTime.parse("2026-02-03T10:00:00Z"), null, 0L, 0L, 1L, 0L,
                190_000_000L, 50_000L, 12L, 200_000_000L, 200_000_000L, 10L, 600, 81920L, 8192L, 49152L);
        return new MemberDetails(MEMBER, RelKind.TABLE, Persistence.PERMANENT,
                List.of(new RelationName("app", "events")), true, "FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                null, null, List.of("fillfactor=70", "toast.autovacuum_enabled=false"), DDL,
                List.of(new MemberDetails.Index("events_2026_02_pkey",
                                "CREATE UNIQUE INDEX events_2026_02_pkey ON app.events_2026_02 USING btree (id)",
                                16384L, true, true, true, "events_2026_02_pkey", new RelationName("app", "events_pkey")),
                        new MemberDetails.Index("events_2026_02_payload_idx",
                                "CREATE INDEX events_2026_02_payload_idx ON app.events_2026_02 USING btree (payload)",
                                32768L, false, false, false, null, null)),
                stats, false, List.of(), OffsetDateTime.parse("2026-02-04T10:00:00Z"));
    }

    private void showDetails(FxRobot robot) {
        robot.interact(() -> viewModel.showDetails(details()));
    }

    private Label valueOf(FxRobot robot, String statistic) {
        Label key = robot.lookup("#" + MemberDetailsPane.STATISTICS_ID + " ." + DetailsStyles.KEY)
                .<Label>queryAll().stream().filter(l -> l.getText().equals(statistic)).findFirst()
                .orElseThrow(() -> new AssertionError("no statistic " + statistic));
        return robot.lookup("#" + MemberDetailsPane.STATISTICS_ID + " ." + DetailsStyles.VALUE).<Label>queryAll()
                .stream().filter(v -> javafx.scene.layout.GridPane.getRowIndex(v)
                        .equals(javafx.scene.layout.GridPane.getRowIndex(key)))
                .findFirst().orElseThrow();
    }

    @Test
    void showsTheSectionsOfTheDetails(FxRobot robot) {
        showDetails(robot);

        TextArea ddl = robot.lookup("#" + MemberDetailsPane.DDL_ID).queryAs(TextArea.class);
        assertThat(ddl.getText()).isEqualTo(DDL);
        assertThat(ddl.isEditable()).isFalse();
        assertThat(ddl.getStyleClass()).contains(Styles.CODE);
        assertThat(robot.lookup("." + DetailsStyles.SECTION_TITLE).<Label>queryAll().stream().map(Label::getText))
                .containsExactly("Definition", "Bound and storage", "Indexes", "Statistics");
        assertThat(robot.lookup("#" + MemberDetailsPane.STORAGE_ID + " ." + DetailsStyles.VALUE).<Label>queryAll()
                .stream().map(Label::getText)).contains("FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "fillfactor=70\ntoast.autovacuum_enabled=false", "app.events");
        assertThat(robot.lookup("#" + MemberDetailsPane.TITLE_ID).queryAs(Label.class).getText())
                .isEqualTo("app.events_2026_02");
    }

    @Test
    void indexesShowSizesValidityAndAttachment(FxRobot robot) {
        showDetails(robot);

        TableView<?> indexes = robot.lookup("#" + MemberDetailsPane.INDEXES_ID).queryAs(TableView.class);
        assertThat(indexes.getItems()).hasSize(2);
        List<String> cells = robot.lookup("#" + MemberDetailsPane.INDEXES_ID + " .table-cell").<Node>queryAll()
                .stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).filter(t -> t != null).toList();
        assertThat(cells).contains("events_2026_02_pkey", "16.0 kB", "primary key", "app.events_pkey", "NO",
                "not attached");
    }

    @Test
    void statisticsHaveTooltipsThatExplainThem(FxRobot robot) {
        showDetails(robot);

        Label xid = valueOf(robot, "XID age");
        assertThat(xid.getText()).isEqualTo("190.0M (95% of 200.0M)");
        assertThat(xid.getStyleClass()).contains(DetailsStyles.WARNING);
        assertThat(xid.getTooltip().getText()).contains("wraparound").contains("autovacuum_freeze_max_age");
        Label dead = valueOf(robot, "Dead tuples");
        assertThat(dead.getText()).isEqualTo("400 (40.0%)");
        assertThat(dead.getTooltip().getText()).contains("VACUUM");
        assertThat(valueOf(robot, "Modified since analyze").getTooltip().getText()).contains("ANALYZE");
        assertThat(valueOf(robot, "TOAST XID age").getText()).startsWith("50.0k");
        assertThat(valueOf(robot, "Table size").getText()).isEqualTo("80.0 kB");
    }

    @Test
    void copyPutsTheDdlOnTheClipboard(FxRobot robot) {
        showDetails(robot);
        robot.interact(() -> Clipboard.getSystemClipboard().clear());

        robot.clickOn("#" + MemberDetailsPane.COPY_ID);
        WaitForAsyncUtils.waitForFxEvents();

        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).isEqualTo(DDL);
    }

    @Test
    void loadingShowsProgressAndCancelStopsIt(FxRobot robot) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            robot.interact(() -> viewModel.load(MEMBER, cancellation -> {
                started.countDown();
                release.await(30, TimeUnit.SECONDS);
                return details();
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#" + MemberDetailsPane.PROGRESS_ID).query().isVisible()).isTrue();
            assertThat(robot.lookup("#" + MemberDetailsPane.PLACEHOLDER_ID).queryAs(Label.class).getText())
                    .contains("Reading the details of app.events_2026_02");

            robot.clickOn("#" + MemberDetailsPane.CANCEL_ID);
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(viewModel.loadingProperty().get()).isFalse();
            assertThat(robot.lookup("#" + MemberDetailsPane.PROGRESS_ID).query().isVisible()).isFalse();
            assertThat(viewModel.getDetails()).isNull();
            assertThat(failures).isEmpty();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLoadedMemberIsShownAndAFailureIsReported(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.load(MEMBER, cancellation -> details()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.getDetails() != null);
        assertThat(robot.lookup("#" + MemberDetailsPane.DDL_ID).queryAs(TextArea.class).getText()).isEqualTo(DDL);

        RelationName gone = new RelationName("app", "gone");
        robot.interact(() -> viewModel.load(gone, cancellation -> {
            throw new PartscopeException(ErrorKind.OBJECT_NOT_FOUND, "table app.gone no longer exists");
        }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !failures.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(failures).containsExactly("Read the details of app.gone: table app.gone no longer exists");
        assertThat(viewModel.getDetails()).isNull();
        assertThat(viewModel.loadingProperty().get()).isFalse();
    }

    @Test
    void viewModelRunsWithASynchronousExecutorToo() {
        List<String> errors = new ArrayList<>();
        MemberDetailsViewModel vm = new MemberDetailsViewModel(new Activity(new CurrentThreadTaskExecutor()),
                (db, member, cancellation) -> details(), (action, failure) -> errors.add(action));
        vm.load(MEMBER, cancellation -> details());

        assertThat(vm.getDetails()).isEqualTo(details());
        assertThat(vm.statistics()).extracting(StatisticLine::name).contains("XID age", "Dead tuples",
                "Modified since analyze", "Inserted since vacuum", "Vacuums (manual / auto)");
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(errors).isEmpty();
    }
}
