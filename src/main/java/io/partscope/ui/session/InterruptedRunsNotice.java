package io.partscope.ui.session;

import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.InterruptedRuns;
import io.partscope.core.ops.Journal;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operations the journal shows as interrupted on a tab's database (a Partscope killed mid-run), read when the
 * tab connects: the catalog reads run off the FX thread; the view shows a banner with the advice while the list
 * is not empty. Dismissing writes an acknowledged line, so they are not shown again.
 */
public final class InterruptedRunsNotice {
    /** Where the runs come from: the journal, read against the database (a test gives its own journal). */
    public interface Source {
        List<InterruptedRuns.Report> read(Database db) throws PartscopeException;

        void dismiss(String runId) throws PartscopeException;

        static Source of(Journal journal) {
            return new Source() {
                @Override
                public List<InterruptedRuns.Report> read(Database db) throws PartscopeException {
                    return InterruptedRuns.read(db, journal);
                }

                @Override
                public void dismiss(String runId) throws PartscopeException {
                    journal.acknowledge(runId, "dismissed in the app");
                }
            };
        }
    }

    private final Activity activity;
    private final Source source;
    private final BiConsumer<String, Throwable> errors;
    private final ObservableList<InterruptedRuns.Report> runs = FXCollections.observableArrayList();
    private final ObservableList<InterruptedRuns.Report> runsView = FXCollections.unmodifiableObservableList(runs);

    public InterruptedRunsNotice(Activity activity, Source source, BiConsumer<String, Throwable> errors) {
        this.activity = activity;
        this.source = source;
        this.errors = errors;
    }

    /** Reads the interrupted runs of {@code db} (null: the tab disconnected, nothing to show). */
    public void check(Database db) {
        runs.clear();
        if (db == null) {
            return;
        }
        activity.runInBackground(BackgroundTask.of("interrupted operations", cancellation -> source.read(db))
                // A journal or catalog that cannot be read must not get in the way of the connection.
                .onSuccess(runs::setAll).onFailure(failure -> { }));
    }

    /** Stops showing the runs shown now (an acknowledged line each). */
    public void dismissAll() {
        List<InterruptedRuns.Report> shown = List.copyOf(runs);
        activity.runInBackground(BackgroundTask.of("dismiss interrupted operations", cancellation -> {
            for (InterruptedRuns.Report r : shown) {
                source.dismiss(r.run().runId());
            }
            return shown;
        }).onSuccess(done -> runs.removeAll(done)).onFailure(failure -> errors.accept("Dismiss", failure)));
    }

    public ObservableList<InterruptedRuns.Report> runs() {
        return runsView;
    }

    /** The banner's line: "1 operation on this database was interrupted: detach of public.events_2025_01". */
    public String headline() {
        if (runs.isEmpty()) {
            return "";
        }
        InterruptedRuns.Report first = runs.get(0);
        String what = first.run().started().kind() + " of " + first.run().started().target();
        return runs.size() == 1 ? "An operation on this database was interrupted (" + what + "): see how to finish it"
                : runs.size() + " operations on this database were interrupted (" + what + ", ...): see how to"
                        + " finish them";
    }

    /** Every run's text (the steps, what the catalog says now, how to finish), to read and copy. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (InterruptedRuns.Report r : runs) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(r.text());
        }
        return b.toString();
    }
}
