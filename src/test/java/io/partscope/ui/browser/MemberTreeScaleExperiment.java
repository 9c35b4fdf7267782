package io.partscope.ui.browser;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Styles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test (surefire does not pick it up by name): measures what 100,000 members cost on the FX thread, for the
 * numbers in the report. Run with {@code mvn test -Dtest=MemberTreeScaleExperiment}; it prints milliseconds.
 */
@ExtendWith(ApplicationExtension.class)
class MemberTreeScaleExperiment {
    private TreeTableView<MemberRow> builtin;
    private TreeTableView<MemberRow> ours;

    @Start
    void start(Stage stage) {
        builtin = new TreeTableView<>();
        ours = new TreeTableView<>();
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(builtin, ours);
        ours.getColumns().setAll(new MemberColumns().create());
        TreeTableColumn<MemberRow, Long> xid = new TreeTableColumn<>("XID age");
        xid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().xidAge()));
        builtin.getColumns().add(xid);
        builtin.setShowRoot(false);
        ours.setShowRoot(false);
        Scene scene = new Scene(box, 1600, 900);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    static PartitionSet big(int n) {
        List<PartitionMember> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(CatalogFixtures.leaf("big", "big_" + i, "FOR VALUES FROM (" + i + ") TO (" + (i + 1) + ")",
                    false, 8192L * (1 + (i * 7919L) % 1000), 10, i % 7, (i * 104729L) % 200_000_000L, false));
        }
        return CatalogFixtures.set("big", leaves);
    }

    private static long fx(FxRobot robot, Runnable work) throws Exception {
        Callable<Long> timed = () -> {
            long start = System.nanoTime();
            work.run();
            return (System.nanoTime() - start) / 1_000_000;
        };
        return WaitForAsyncUtils.asyncFx(timed).get();
    }

    @Test
    void measure(FxRobot robot) throws Exception {
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            MemberTree tree = MemberTree.of(big(100_000));
            long build = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            MemberTree.Arranged arranged = tree.arrange(null, null, Set.of());
            long arrange = (System.nanoTime() - t0) / 1_000_000;
            Comparator<MemberRow> byXid = Comparator.comparing(MemberRow::xidAge,
                    Comparator.nullsFirst(Comparator.naturalOrder())).reversed();
            t0 = System.nanoTime();
            MemberTree.Arranged sorted = tree.arrange(null, byXid, Set.of());
            long arrangeSorted = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            tree.arrange(r -> r.name().contains("99"), null, Set.of());
            long arrangeFiltered = (System.nanoTime() - t0) / 1_000_000;

            long swap = fx(robot, () -> {
                ours.setRoot(arranged.root());
                ours.layout();
            });
            long swapSorted = fx(robot, () -> {
                ours.setRoot(sorted.root());
                ours.layout();
            });
            long scrollMax = 0;
            for (int i = 0; i < 20; i++) {
                int to = (i * 4999) % 100_000;
                scrollMax = Math.max(scrollMax, fx(robot, () -> {
                    ours.scrollTo(to);
                    ours.layout();
                }));
            }
            // The built-in sort: TreeItem.sort of 100,000 siblings on the FX thread.
            TreeItem<MemberRow> root = new TreeItem<>(arranged.root().getValue());
            List<TreeItem<MemberRow>> items = new ArrayList<>();
            for (MemberRow r : tree.rows()) {
                items.add(new TreeItem<>(r));
            }
            root.getChildren().setAll(items);
            root.setExpanded(true);
            fx(robot, () -> {
                builtin.setRoot(root);
                builtin.layout();
            });
            TreeTableColumn<MemberRow, ?> column = builtin.getColumns().get(0);
            long builtinSort = fx(robot, () -> {
                column.setSortType(TreeTableColumn.SortType.DESCENDING);
                builtin.getSortOrder().setAll(List.of(column));
                builtin.layout();
            });
            long builtinResort = fx(robot, () -> {
                column.setSortType(TreeTableColumn.SortType.ASCENDING);
                builtin.layout();
            });
            long builtinScroll = 0;
            for (int i = 0; i < 20; i++) {
                int to = (i * 4999) % 100_000;
                builtinScroll = Math.max(builtinScroll, fx(robot, () -> {
                    builtin.scrollTo(to);
                    builtin.layout();
                }));
            }
            long rootOnly = fx(robot, () -> ours.setRoot(arranged.root()));
            long layoutOnly = fx(robot, () -> ours.layout());
            System.out.printf("builtin scroll max %d ms, setRoot %d ms, then layout %d ms%n", builtinScroll, rootOnly,
                    layoutOnly);
            System.out.printf("round %d: off-thread build %d ms, arrange %d ms, arrange sorted %d ms, "
                    + "arrange filtered %d ms | FX thread: swap %d ms, swap sorted %d ms, scroll max %d ms, "
                    + "built-in sort %d ms, built-in re-sort %d ms%n", round, build, arrange, arrangeSorted,
                    arrangeFiltered, swap, swapSorted, scrollMax, builtinSort, builtinResort);
            fx(robot, () -> builtin.setRoot(null));
        }
    }
}
