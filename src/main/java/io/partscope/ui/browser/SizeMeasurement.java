package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.SizeBatch;
import io.partscope.core.catalog.SizeReader;
import io.partscope.core.db.Database;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Stage 2 of showing a catalog: measures the sizes stage 1 estimated, one batch ({@link SizeReader#BATCH}
 * relations, its own short statement) after another, the selected set first. Each batch is measured and merged off
 * the FX thread; the FX thread only swaps the result in. The next batch is picked when the previous one is in, so a
 * newly selected set goes next. Not part of the tab's {@link Activity} progress: Connect, the connection menu and a
 * refresh never wait for it; it has its own progress and Stop in the status bar. Use from the FX thread only.
 */
final class SizeMeasurement {

    /** A measured batch merged into the snapshot, with the sets table's rows for it (unchanged sets keep theirs). */
    record Merged(CatalogSnapshot snapshot, List<PartitionSetRow> rows) {
    }

    private final Activity activity;
    private final BrowserViewModel.SizeSource source;
    private final BiConsumer<String, Throwable> errors;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");

    private TaskHandle batch = TaskHandle.NONE;
    private int batchSize = SizeReader.BATCH;
    /** Bumped by every start and stop: a batch of an older round is dropped. */
    private long round;
    private int total;
    private int measured;

    SizeMeasurement(Activity activity, BrowserViewModel.SizeSource source, BiConsumer<String, Throwable> errors) {
        this.activity = activity;
        this.source = source;
        this.errors = errors;
    }

    /** What is measured for: the browser's state, read and changed on the FX thread only. */
    interface Target {
        /** The snapshot shown now (read before each batch, so each batch merges into the newest). */
        CatalogSnapshot snapshot();

        /** The sets table's rows now: a set a batch did not touch keeps its row. */
        List<PartitionSetRow> rows();

        /** The set to measure first (the selected one); null: none. */
        RelationName first();

        /** Swaps a measured batch in. */
        void apply(Merged merged);
    }

    /**
     * Measures everything the target's snapshot still has estimated.
     *
     * @param estimated how many relations have estimated sizes (counted off the FX thread with the read)
     */
    void start(Database db, Target target, int estimated) {
        stop();
        if (estimated == 0) {
            return;
        }
        long mine = ++round;
        total = estimated;
        measured = 0;
        running.set(true);
        showProgress();
        next(mine, db, target, ConcurrentHashMap.newKeySet());
    }

    private void next(long mine, Database db, Target target, Set<Long> tried) {
        CatalogSnapshot snapshot = target.snapshot();
        RelationName priority = target.first();
        List<PartitionSetRow> rowsBefore = List.copyOf(target.rows());
        int size = batchSize;
        record Step(int count, Merged merged) {
        }
        batch = activity.runInBackground(BackgroundTask.<Step>of("measure sizes", cancellation -> {
            List<Long> oids = SizeReader.next(snapshot, priority, tried, size);
            if (oids.isEmpty()) {
                return new Step(0, null);
            }
            tried.addAll(oids);
            SizeBatch sizes = source.measure(db, oids, cancellation);
            CatalogSnapshot merged = snapshot.withSizes(sizes.sizes());
            return new Step(oids.size(), new Merged(merged, rows(merged, rowsBefore)));
        }).onSuccess(step -> {
            if (mine != round) {
                return;
            }
            if (step.merged() == null) {
                finished();
                return;
            }
            measured = Math.min(total, measured + step.count());
            target.apply(step.merged());
            showProgress();
            next(mine, db, target, tried);
        }).onFailure(failure -> {
            if (mine == round) {
                round++;
                stopped("Measuring sizes failed: ");
                errors.accept("Measure sizes", failure);
            }
        }).onCancelled(() -> {
            if (mine == round) {
                round++;
                stopped("Measuring sizes stopped: ");
            }
        }));
    }

    /** The rows of the sets table; a set the batch did not touch keeps its row (same object: nothing to redraw). */
    private static List<PartitionSetRow> rows(CatalogSnapshot merged, List<PartitionSetRow> before) {
        Map<PartitionSet, PartitionSetRow> kept = new IdentityHashMap<>();
        before.forEach(r -> kept.put(r.set(), r));
        List<PartitionSetRow> rows = new ArrayList<>(merged.roots().size());
        for (PartitionSet set : merged.roots()) {
            PartitionSetRow old = kept.get(set);
            rows.add(old != null ? old : PartitionSetRow.of(set));
        }
        return rows;
    }

    private void showProgress() {
        progress.set(total == 0 ? 0 : (double) measured / total);
        text.set(String.format("Measuring sizes: %,d of %,d", measured, total));
    }

    private void finished() {
        running.set(false);
        progress.set(1);
        text.set("");
    }

    private void stopped(String why) {
        running.set(false);
        text.set(String.format("%s%,d of %,d measured; the others show estimates (~)", why, measured, total));
    }

    /** For tests: relations per batch, so a few partitions take several batches. */
    void setBatchSize(int size) {
        this.batchSize = size;
    }

    /** Stops measuring (the status bar's Stop): what is measured stays, the rest stays estimated and marked. */
    void cancel() {
        if (running.get()) {
            // A batch already measured but not yet swapped in is dropped too: Stop means no more changes.
            round++;
            batch.cancel();
            stopped("Measuring sizes stopped: ");
        }
    }

    /** Drops the round without a word (a new read replaces everything it would have measured). */
    void stop() {
        round++;
        batch.cancel();
        running.set(false);
        text.set("");
    }

    /** True while batches are being measured. */
    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Measured share, 0..1. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Measuring sizes: 12,000 of 100,000", or how a stopped round ended; empty when idle. */
    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
