package io.partscope.ui.browser;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.SizeBatch;
import io.partscope.core.catalog.SizeQueue;
import io.partscope.core.catalog.SizeReader;
import io.partscope.core.catalog.Sizes;
import io.partscope.core.db.Database;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.task.TaskHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 of showing a catalog: measures the sizes stage 1 estimated, one batch (its own short statement) after
 * another, the selected set first. The first batch is small ({@link SizeReader#FIRST_BATCH}) so the selected set's
 * first sizes show at once; later ones grow or shrink toward {@link SizeReader#TARGET_BATCH_MILLIS} each, so Cancel
 * and a newly selected set act within about that long. Measured sizes are merged into the snapshot and swapped in at
 * most once per {@link #APPLY_INTERVAL_MILLIS} (and at the end, and at once for a newly selected set's first batch):
 * each swap rolls the touched sets up again and rebuilds the shown set's partition lines, O(partitions), so one
 * swap per batch cost more than the measuring itself at 100,000 partitions. Measuring and merging run off the FX
 * thread; the FX thread only swaps the result in. The next batch is picked when the previous one is in, so a newly
 * selected set goes next. Not part of the tab's {@link Activity} progress: Connect, the connection menu and a refresh
 * never wait for it; it has its own progress and Stop in the status bar. Use from the FX thread only.
 */
final class SizeMeasurement {
    private static final Logger LOG = LoggerFactory.getLogger(SizeMeasurement.class);
    /** At most one swap of measured sizes per this long (the status bar's count moves with the swaps). */
    static final long APPLY_INTERVAL_MILLIS = 1_000;

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
    /** Tests: every batch this many relations (0: adaptive, from {@link SizeReader#FIRST_BATCH}). */
    private int fixedBatchSize;
    private long applyIntervalMillis = APPLY_INTERVAL_MILLIS;
    /** Bumped by every start and stop: a batch of an older round is dropped. */
    private long round;
    private int total;
    /** Relations measured and swapped in (what the user sees measured). */
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

    /** One round's queue: touched by one batch task at a time (each starts after the previous one is in). */
    private static final class Work {
        final long id;
        /** What the queue is built from, off the FX thread, by the first batch. */
        final CatalogSnapshot snapshot;
        SizeQueue queue;
        int size;

        Work(long id, int size, CatalogSnapshot snapshot) {
            this.id = id;
            this.size = size;
            this.snapshot = snapshot;
        }
    }

    /** FX thread only: sizes measured and not swapped in yet, and the state of the merges. */
    private Map<Long, Sizes> pending = new HashMap<>();
    private int pendingCount;
    private TaskHandle merging = TaskHandle.NONE;
    private boolean mergeRunning;
    private boolean measuringDone;
    private long appliedAt;
    private long lastMergeMillis;
    private RelationName appliedFirst;

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
        pending = new HashMap<>();
        pendingCount = 0;
        mergeRunning = false;
        measuringDone = false;
        appliedAt = Long.MIN_VALUE;
        lastMergeMillis = 0;
        appliedFirst = null;
        running.set(true);
        showProgress();
        next(new Work(mine, fixedBatchSize > 0 ? fixedBatchSize : SizeReader.FIRST_BATCH, target.snapshot()), db, target);
    }

    /** What one batch brought back: its sizes, how many relations it tried, whether the queue is empty now. */
    private record Step(SizeBatch sizes, int count, boolean fromFirst, RelationName first, boolean done) {
    }

    /** Measures the next batch; the next one starts as soon as it is in, while a merge may still run. */
    private void next(Work work, Database db, Target target) {
        RelationName first = target.first();
        boolean adaptive = fixedBatchSize == 0;
        batch = activity.runInBackground(BackgroundTask.<Step>of("measure sizes", cancellation -> {
            if (work.queue == null) {
                work.queue = new SizeQueue(work.snapshot);
            }
            boolean fromFirst = first != null && work.queue.hasLeft(first);
            List<Long> oids = work.queue.take(first, work.size);
            if (oids.isEmpty()) {
                return new Step(null, 0, false, first, true);
            }
            long start = System.nanoTime();
            SizeBatch sizes = source.measure(db, oids, cancellation);
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.debug("measured {} sizes in {} ms", oids.size(), millis);
            if (adaptive) {
                work.size = SizeReader.nextBatchSize(oids.size(), millis);
            }
            return new Step(sizes, oids.size(), fromFirst, first, work.queue.remaining() == 0);
        }).onSuccess(step -> {
            if (work.id != round) {
                return;
            }
            if (step.sizes() != null) {
                pending.putAll(step.sizes().sizes());
                pendingCount += step.count();
            }
            measuringDone = step.done();
            boolean newFirst = step.fromFirst() && !step.first().equals(appliedFirst);
            if (!measuringDone) {
                next(work, db, target);
            }
            mergeIfDue(work.id, target, newFirst);
        }).onFailure(failure -> failed(work.id, failure)).onCancelled(() -> cancelled(work.id)));
    }

    /**
     * Merges what is pending into the snapshot and swaps it in, one merge at a time: the first batch and a newly
     * selected set's first batch at once, the last when measuring is done, the others at most once per
     * {@link #APPLY_INTERVAL_MILLIS} or twice as long as the last merge took (a merge costs the other core).
     */
    private void mergeIfDue(long id, Target target, boolean newFirst) {
        if (mergeRunning) {
            return;
        }
        if (pendingCount == 0) {
            if (measuringDone) {
                finished();
            }
            return;
        }
        long sinceApplied = (System.nanoTime() - appliedAt) / 1_000_000;
        boolean due = measuringDone || newFirst || appliedAt == Long.MIN_VALUE
                || sinceApplied >= Math.max(applyIntervalMillis, 2 * lastMergeMillis);
        if (!due) {
            return;
        }
        Map<Long, Sizes> sizes = pending;
        int count = pendingCount;
        pending = new HashMap<>();
        pendingCount = 0;
        CatalogSnapshot snapshot = target.snapshot();
        List<PartitionSetRow> rowsBefore = List.copyOf(target.rows());
        RelationName first = target.first();
        mergeRunning = true;
        record Done(Merged merged, long millis) {
        }
        merging = activity.runInBackground(BackgroundTask.<Done>of("merge sizes", cancellation -> {
            long start = System.nanoTime();
            CatalogSnapshot merged = snapshot.withSizes(sizes);
            Merged out = new Merged(merged, rows(merged, rowsBefore));
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.debug("merged {} sizes in {} ms", count, millis);
            return new Done(out, millis);
        }).onSuccess(done -> {
            if (id != round) {
                return;
            }
            mergeRunning = false;
            long start = System.nanoTime();
            measured = Math.min(total, measured + count);
            target.apply(done.merged());
            showProgress();
            appliedAt = System.nanoTime();
            // The swap's own cost counts too (the shown set's lines are rebuilt after it, off the FX thread).
            lastMergeMillis = (appliedAt - start) / 1_000_000 + done.millis();
            appliedFirst = first;
            mergeIfDue(id, target, false);
        }).onFailure(failure -> failed(id, failure)).onCancelled(() -> cancelled(id)));
    }

    private void failed(long id, Throwable failure) {
        if (id == round) {
            round++;
            merging.cancel();
            batch.cancel();
            stopped("Measuring sizes failed: ");
            errors.accept("Measure sizes", failure);
        }
    }

    private void cancelled(long id) {
        if (id == round) {
            round++;
            merging.cancel();
            batch.cancel();
            stopped("Measuring sizes stopped: ");
        }
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

    /** For tests: relations per batch (no growing), so a few partitions take several batches. */
    void setBatchSize(int size) {
        this.fixedBatchSize = size;
    }

    /** For tests: the least time between two swaps of measured sizes. */
    void setApplyInterval(long millis) {
        this.applyIntervalMillis = millis;
    }

    /**
     * Stops measuring (the status bar's Stop): what is swapped in stays, the rest (sizes measured since the last swap
     * too) stays estimated and marked, as the status line counts it.
     */
    void cancel() {
        if (running.get()) {
            // A batch already measured but not yet swapped in is dropped too: Stop means no more changes.
            round++;
            batch.cancel();
            merging.cancel();
            stopped("Measuring sizes stopped: ");
        }
    }

    /** Drops the round without a word (a new read replaces everything it would have measured). */
    void stop() {
        round++;
        batch.cancel();
        merging.cancel();
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
