package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
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
 *
 * <p>The browser runs as in the app except that background work runs on the calling thread; each step here runs
 * the off-thread part (flattening) on the test thread first and then times only what the FX thread does with the
 * result: setting the lines, laying out, scrolling.
 */
@ExtendWith(ApplicationExtension.class)
class MemberTreeScaleExperiment {
    private PartitionSetBrowser browser;

    @Start
    void start(Stage stage) {
        BrowserViewModel vm = new BrowserViewModel(new Activity(new CurrentThreadTaskExecutor()), (db, c) -> {
            throw new AssertionError("no reads here");
        }, (action, failure) -> {
            throw new AssertionError(failure);
        });
        browser = new PartitionSetBrowser(vm, () -> { });
        Scene scene = new Scene(browser, 1600, 900);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
        vm.loaded(new CatalogSnapshot("18.1", 180001, "test", OffsetDateTime.now(), CatalogFixtures.FREEZE_MAX_AGE,
                null, List.of(), List.of()), 1);
    }

    static PartitionSet big(int n) {
        List<PartitionMember> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(CatalogFixtures.leaf("big", "big_" + i, "FOR VALUES FROM (" + i + ") TO (" + (i + 1) + ")",
                    false, 8192L * (1 + (i * 7919L) % 1000), 10, i % 7, (i * 104729L) % 200_000_000L, false));
        }
        return CatalogFixtures.set("big", leaves);
    }

    private static long fx(Runnable work) throws Exception {
        Callable<Long> timed = () -> {
            long start = System.nanoTime();
            work.run();
            return (System.nanoTime() - start) / 1_000_000;
        };
        return WaitForAsyncUtils.asyncFx(timed).get();
    }

    /**
     * Shows flattened lines the way the browser does when the view model hands them over (one setAll, the
     * selection restored), then lays the table out: the cells update.
     */
    private long show(MemberTree.Arranged arranged) throws Exception {
        return fx(() -> {
            browser.showLines(arranged);
            browser.membersTable().layout();
        });
    }

    private long scroll(int to) throws Exception {
        return fx(() -> {
            browser.membersTable().scrollTo(to);
            browser.membersTable().layout();
        });
    }

    @Test
    void measure(FxRobot robot) throws Exception {
        // The longest gap between two pulses while the steps run: a stall the user would see.
        AtomicLong last = new AtomicLong();
        AtomicLong worstGap = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long before = last.getAndSet(now);
                if (before != 0) {
                    worstGap.accumulateAndGet((now - before) / 1_000_000, Math::max);
                }
            }
        };
        fx(pulses::start);
        int rounds = Integer.getInteger("rounds", 5);
        List<long[]> results = new ArrayList<>();
        String[] names = {"swap 100k in", "swap sorted", "jump to end", "random jumps max", "expand 10k",
                "collapse 10k", "swap 100k out", "of a swap: lines set", "of a swap: layout", "worst pulse gap"};
        MemberTree flat = MemberTree.of(big(100_000));
        MemberTree nested = MemberTree.of(CatalogFixtures.nested("nest", 10, 10_000));
        java.util.Comparator<MemberRow> byXid = java.util.Comparator.comparing(MemberRow::xidAge,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).reversed();
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            MemberTree.Arranged arranged = flat.arrange(null, null, key -> true);
            long flatten = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            MemberTree.Arranged sorted = flat.arrange(null, byXid, key -> true);
            long flattenSorted = (System.nanoTime() - t0) / 1_000_000;
            last.set(0);
            worstGap.set(0);
            long[] r = new long[names.length];
            // The selected member is looked up in the new lines: select one near the end (the worst case).
            fx(() -> browser.showLines(arranged));
            fx(() -> browser.membersTable().getSelectionModel().select(99_000));
            show(null);
            r[0] = show(arranged);
            r[1] = show(sorted);
            r[2] = scroll(99_999);
            java.util.Random random = new java.util.Random(round);
            for (int i = 0; i < 20; i++) {
                r[3] = Math.max(r[3], scroll(random.nextInt(100_000)));
            }
            // A node with 10,000 children opened and closed (the other nine stay closed).
            MemberTree.Arranged closed = nested.arrange(null, null, key -> false);
            MemberTree.Arranged open = nested.arrange(null, null, key -> key.endsWith("nest_b4"));
            show(closed);
            r[4] = show(open);
            r[5] = show(closed);
            r[6] = show(null);
            r[7] = fx(() -> browser.showLines(arranged));
            r[8] = fx(() -> browser.membersTable().layout());
            WaitForAsyncUtils.waitForFxEvents();
            r[9] = worstGap.get();
            results.add(r);
            System.out.printf("round %d: off-thread flatten %d ms, flatten sorted %d ms | FX: %s%n", round, flatten,
                    flattenSorted, describe(names, r));
        }
        fx(pulses::stop);
        long[] min = new long[names.length];
        long[] median = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            long[] column = new long[results.size()];
            for (int j = 0; j < results.size(); j++) {
                column[j] = results.get(j)[i];
            }
            Arrays.sort(column);
            min[i] = column[0];
            median[i] = column[column.length / 2];
        }
        System.out.println("min:    " + describe(names, min));
        System.out.println("median: " + describe(names, median));
    }

    private static String describe(String[] names, long[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append(' ').append(values[i]).append(" ms");
        }
        return text.toString();
    }
}
