package io.partscope.core.ops;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link OperationPlan} on a session of its own (not the pool), by the safety rules of docs/operations.md:
 *
 * <ul>
 * <li>Nothing runs when a preflight check refused, or when the session is read-only (REFUSED).
 * <li>Every statement runs with {@code lock_timeout} and {@code statement_timeout} from {@link ExecutionOptions}.
 * <li>A transactional step runs as BEGIN, SET LOCAL lock_timeout, its statements, COMMIT; any failure rolls the
 *     step back as a whole. An autocommit step runs each statement alone (VACUUM, DETACH CONCURRENTLY), never
 *     batched.
 * <li>A lock timeout (55P03) retries the step up to {@code retries} times with exponential backoff; any other
 *     error stops the operation (FAILED) and the outcome's message says which step failed and what is left.
 * <li>Cancel between steps stops cleanly (CANCELLED, the rest SKIPPED); during a statement it cancels the
 *     statement on the server.
 * <li>After the last step the plan's verifier reads the result in a fresh transaction: a REFUSE check makes the
 *     outcome FAILED, WARN checks leave it SUCCEEDED with warnings (listed in the outcome and its message).
 * <li>One operation at a time per partition tree: before its first step the session takes the tree's advisory lock
 *     ({@link OperationLock}) and holds it to the end; when another session holds it the run is REFUSED with who
 *     that is (pid, application, since when).
 * </ul>
 *
 * With a {@link Journal} (refused and executed runs, not dry runs) a run writes a started line with the plan before
 * its first step, a line as each step ends and the outcome at the end, all with one run id ({@link #runId()}); a
 * run whose process dies leaves the first two, and {@link InterruptedRuns} shows it on the next start.
 * {@link #run} is called on one thread; {@link #pause()}, {@link #resume()} and the Cancellation from any other.
 */
public final class OperationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRunner.class);
    private static final long PROGRESS_INTERVAL_MS = 500;

    private final Database database;
    private final ExecutionOptions options;
    private final OperationListener listener;
    private final Cancellation cancellation;
    private Journal journal;
    private List<String> command;
    private volatile String runId;
    private ProgressProbe probe;
    private final Object pauseLock = new Object();
    private boolean paused;
    /** The second session the progress probe reads from (only the monitor thread opens and uses it). */
    private volatile Connection monitorSession;

    public OperationRunner(Database database, ExecutionOptions options, OperationListener listener,
            Cancellation cancellation) {
        this.database = Objects.requireNonNull(database);
        this.options = options == null ? ExecutionOptions.DEFAULTS : options;
        this.listener = listener == null ? OperationListener.NONE : listener;
        this.cancellation = cancellation == null ? new Cancellation() : cancellation;
    }

    /** Records every refused and executed run in this journal. */
    public OperationRunner journal(Journal value) {
        this.journal = value;
        return this;
    }

    /**
     * The command that runs this operation again, for the journal's advice after an interruption: the CLI
     * arguments after {@code partscope}, without the connection flags (never a password) and without --yes.
     */
    public OperationRunner command(List<String> value) {
        this.command = value == null ? null : List.copyOf(value);
        return this;
    }

    /** The run id of the last (or running) {@link #run}, as the journal's lines carry it; null before. */
    public String runId() {
        return runId;
    }

    /** Polls the progress of running statements from a second session (freeze: pg_stat_progress_vacuum). */
    public OperationRunner progressProbe(ProgressProbe value) {
        this.probe = value;
        return this;
    }

    /** Holds the operation before its next step (the running step finishes first). */
    public void pause() {
        synchronized (pauseLock) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    public boolean isPaused() {
        synchronized (pauseLock) {
            return paused;
        }
    }

    /** The plan as it would run, with nothing executed (--dry-run). Not journaled. */
    public OperationOutcome dryRun(OperationPlan plan) {
        Instant now = Instant.now();
        return new OperationOutcome(plan, OperationOutcome.Status.DRY_RUN, now, now,
                plan.steps().stream().map(StepOutcome::skipped).toList(), List.of(),
                "dry run: nothing was changed", null);
    }

    /** Runs the plan. Never throws for a failed step: the outcome says what happened. */
    public OperationOutcome run(OperationPlan plan) {
        Instant started = Instant.now();
        runId = java.util.UUID.randomUUID().toString();
        OperationOutcome outcome;
        if (plan.refused()) {
            String why = String.join("; ", plan.preflight().stream()
                    .filter(c -> c.status() == Check.Status.REFUSE).map(Check::message).toList());
            outcome = refused(plan, started, "nothing was changed: " + why);
        } else {
            outcome = execute(plan, started);
        }
        if (journal != null) {
            try {
                journal.append(JournalEntry.of(outcome, database.settings(), database.server(), runId));
            } catch (PartscopeException e) {
                LOG.warn("could not write the operation journal: {}", e.getMessage());
            }
        }
        return outcome;
    }

    private OperationOutcome refused(OperationPlan plan, Instant started, String message) {
        return new OperationOutcome(plan, OperationOutcome.Status.REFUSED, started, Instant.now(),
                plan.steps().stream().map(StepOutcome::skipped).toList(), List.of(), message,
                ErrorKind.OPERATION_REFUSED);
    }

    private OperationOutcome execute(OperationPlan plan, Instant started) {
        List<Step> steps = plan.steps();
        List<StepOutcome> outcomes = new ArrayList<>();
        Connection c;
        try {
            c = database.dedicatedConnection();
        } catch (PartscopeException e) {
            return new OperationOutcome(plan, OperationOutcome.Status.FAILED, started, Instant.now(),
                    steps.stream().map(StepOutcome::skipped).toList(), List.of(),
                    "could not connect, nothing was changed: " + e.getMessage(), e.kind());
        }
        ScheduledExecutorService monitor = probe == null ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "partscope-op-progress");
                    t.setDaemon(true);
                    return t;
                });
        try (c) {
            int pid;
            Instant backendStart;
            OperationLock.Tree tree;
            try {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET lock_timeout = " + options.lockTimeout().toMillis());
                    s.execute("SET statement_timeout = " + millis(options.statementTimeout()));
                    try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid(),"
                            + " current_setting('transaction_read_only') = 'on', pg_is_in_recovery(),"
                            + " (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())")) {
                        rs.next();
                        pid = rs.getInt(1);
                        java.sql.Timestamp since = rs.getTimestamp(4);
                        backendStart = since == null ? null : since.toInstant();
                        if (rs.getBoolean(3)) {
                            return refused(plan, started, "nothing was changed: the server is a standby"
                                    + " (pg_is_in_recovery()); run operations on the primary");
                        }
                        if (rs.getBoolean(2)) {
                            return refused(plan, started, "nothing was changed: the session is read-only"
                                    + " (transaction_read_only = on, e.g. default_transaction_read_only)");
                        }
                    }
                }
                tree = OperationLock.tree(c, plan.target()).orElse(null);
                if (tree != null && !OperationLock.tryLock(c, tree)) {
                    return refused(plan, started, OperationLock.refusal(tree, OperationLock.holders(c, tree),
                            holderNote(tree)));
                }
            } catch (SQLException e) {
                return new OperationOutcome(plan, OperationOutcome.Status.FAILED, started, Instant.now(),
                        steps.stream().map(StepOutcome::skipped).toList(), List.of(),
                        "could not prepare the session, nothing was changed: " + OperationErrors.describe(e),
                        OperationErrors.kind(e));
            }
            journalLine(JournalEntry.started(runId, started, plan, database.settings(), database.server(), pid,
                    backendStart, tree == null ? null : tree.root(), JournalEntry.RunOptions.of(options, command)));

            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (!waitWhilePaused() || cancellation.isCancelled()) {
                    return stopped(plan, started, outcomes, i, OperationOutcome.Status.CANCELLED,
                            "cancelled before step " + (i + 1) + " of " + steps.size() + ": "
                                    + doneText(outcomes) + ", nothing else was changed",
                            ErrorKind.QUERY_CANCELLED);
                }
                listener.stepStarted(i, step);
                StepOutcome result = runStep(c, pid, i, step, monitor);
                outcomes.add(result);
                journalLine(JournalEntry.step(runId, i, result, database.settings(), database.server()));
                listener.stepFinished(i, result);
                if (result.status() == StepOutcome.Status.CANCELLED) {
                    return stopped(plan, started, outcomes, i + 1, OperationOutcome.Status.CANCELLED,
                            "cancelled during step " + (i + 1) + " (" + step.title() + "): "
                                    + leftText(step) + "; " + doneText(outcomes.subList(0, i)),
                            ErrorKind.QUERY_CANCELLED);
                }
                if (result.status() == StepOutcome.Status.FAILED) {
                    boolean lost = isLost(c, result);
                    String msg = (lost ? "connection lost" : "failed") + " at step " + (i + 1) + " of "
                            + steps.size() + " (" + step.title() + "): " + result.error() + ". State: "
                            + leftText(step) + "; " + doneText(outcomes.subList(0, i))
                            + (i + 1 < steps.size() ? "; steps " + (i + 2) + "-" + steps.size() + " did not run"
                                    : "");
                    return stopped(plan, started, outcomes, i + 1, OperationOutcome.Status.FAILED, msg,
                            lost ? ErrorKind.CONNECTION_LOST : kindOf(result));
                }
            }
            return verify(plan, started, c, outcomes);
        } catch (SQLException e) {
            // Only close() can land here: the work is done, so the outcome stands.
            LOG.debug("closing the operation session failed", e);
            return new OperationOutcome(plan, OperationOutcome.Status.FAILED, started, Instant.now(), outcomes,
                    List.of(), OperationErrors.describe(e), OperationErrors.kind(e));
        } finally {
            if (monitor != null) {
                monitor.shutdownNow();
                try {
                    monitor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(monitorSession);
                monitorSession = null;
            }
        }
    }

    /** Writes a started or step line; a journal that cannot be written never stops the operation. */
    private void journalLine(JournalEntry entry) {
        if (journal == null) {
            return;
        }
        try {
            journal.append(entry);
        } catch (PartscopeException e) {
            LOG.warn("could not write the operation journal: {}", e.getMessage());
        }
    }

    /** What the journal says about the run holding the lock of {@code tree}: its kind, machine and process. */
    private String holderNote(OperationLock.Tree tree) {
        if (journal == null) {
            return null;
        }
        try {
            return InterruptedRuns.runningNote(journal.lines(), database.settings(), database.server(), tree.root())
                    .orElse(null);
        } catch (PartscopeException | RuntimeException e) {
            LOG.debug("could not read the journal for the lock holder", e);
            return null;
        }
    }

    private static ErrorKind kindOf(StepOutcome result) {
        SQLException synthetic = new SQLException(result.error(), result.sqlState());
        return OperationErrors.kind(synthetic);
    }

    private boolean isLost(Connection c, StepOutcome result) {
        if (result.sqlState() != null && OperationErrors.connectionLost(
                new SQLException("", result.sqlState()))) {
            return true;
        }
        try {
            return c.isClosed() || !c.isValid(5);
        } catch (SQLException e) {
            return true;
        }
    }

    private static String leftText(Step step) {
        if (step.transactional()) {
            return "this step was rolled back";
        }
        return step.statements().size() == 1 ? "this step's statement did not complete"
                : "this step's statements before the failing one are committed";
    }

    private static String doneText(List<StepOutcome> done) {
        long n = done.stream().filter(s -> s.status() == StepOutcome.Status.DONE).count();
        return n == 0 ? "no step was done" : n == 1 ? "step 1 is done" : "steps 1-" + n + " are done";
    }

    private OperationOutcome stopped(OperationPlan plan, Instant started, List<StepOutcome> outcomes, int from,
            OperationOutcome.Status status, String message, ErrorKind kind) {
        List<StepOutcome> all = new ArrayList<>(outcomes);
        for (int j = from; j < plan.steps().size(); j++) {
            all.add(StepOutcome.skipped(plan.steps().get(j)));
        }
        return new OperationOutcome(plan, status, started, Instant.now(), all, List.of(), message, kind);
    }

    /** Waits while paused; false when cancelled meanwhile. */
    private boolean waitWhilePaused() {
        synchronized (pauseLock) {
            while (paused && !cancellation.isCancelled()) {
                try {
                    pauseLock.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !cancellation.isCancelled();
    }

    private StepOutcome runStep(Connection c, int pid, int index, Step step, ScheduledExecutorService monitor) {
        long t0 = System.nanoTime();
        int attempts = 0;
        while (true) {
            attempts++;
            List<Long> durations = new ArrayList<>();
            try {
                if (step.transactional()) {
                    runTransactional(c, pid, index, step, durations, monitor);
                } else {
                    runAutocommit(c, pid, index, step, durations, monitor);
                }
                return new StepOutcome(step.title(), step.statements(), StepOutcome.Status.DONE, elapsed(t0),
                        attempts, null, null, durations);
            } catch (PartscopeException cancelledBeforeStatement) {
                return new StepOutcome(step.title(), step.statements(), StepOutcome.Status.CANCELLED, elapsed(t0),
                        attempts, "cancelled by the user", null, durations);
            } catch (SQLException e) {
                if (cancellation.isCancelled() && !OperationErrors.connectionLost(e)) {
                    return new StepOutcome(step.title(), step.statements(), StepOutcome.Status.CANCELLED,
                            elapsed(t0), attempts, "cancelled by the user", OperationErrors.state(e), durations);
                }
                if (OperationErrors.lockTimeout(e) && step.retryOnLockTimeout() && attempts <= options.retries()) {
                    Duration backoff = backoff(attempts);
                    listener.retrying(index, attempts + 1, lockReason(c, step, e), backoff);
                    if (!sleep(backoff)) {
                        return new StepOutcome(step.title(), step.statements(), StepOutcome.Status.CANCELLED,
                                elapsed(t0), attempts, "cancelled by the user while waiting to retry",
                                OperationErrors.state(e), durations);
                    }
                    continue;
                }
                String error = OperationErrors.describe(e);
                if (OperationErrors.lockTimeout(e)) {
                    error = step.retryOnLockTimeout()
                            ? "no lock after " + attempts + " attempts (lock_timeout " + text(options.lockTimeout())
                                    + " each): " + lockReason(c, step, e)
                            : lockReason(c, step, e) + " (this step is not retried)";
                }
                return new StepOutcome(step.title(), step.statements(), StepOutcome.Status.FAILED, elapsed(t0),
                        attempts, error, OperationErrors.state(e), durations);
            }
        }
    }

    /** Which lock the step waited for: the server's text and the locks the plan says the step takes. */
    private String lockReason(Connection c, Step step, SQLException e) {
        StringBuilder b = new StringBuilder("lock not granted within ").append(text(options.lockTimeout()));
        if (!step.locks().isEmpty()) {
            b.append(" (needs ");
            b.append(String.join(", ", step.locks().stream()
                    .map(l -> l.mode().sql() + " on " + l.relation()).toList()));
            b.append(')');
        }
        String where = null;
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            where = p.getServerErrorMessage().getWhere();
        }
        if (where != null && !where.isBlank()) {
            b.append(": ").append(where);
        }
        String holders = LockHolders.describe(c, step.locks());
        b.append(holders.isEmpty() ? "; another session holds a conflicting lock" : "; " + holders);
        return b.toString();
    }

    private Duration backoff(int attempt) {
        long first = Math.max(1, options.firstBackoff().toMillis());
        long max = Math.max(first, options.maxBackoff().toMillis());
        long ms = first;
        for (int i = 1; i < attempt && ms < max; i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max));
    }

    /** Sleeps, waking early on cancel; false when cancelled. */
    private boolean sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!cancellation.isCancelled()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void runTransactional(Connection c, int pid, int index, Step step, List<Long> durations,
            ScheduledExecutorService monitor) throws SQLException, PartscopeException {
        c.setAutoCommit(false);
        boolean committed = false;
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + (step.lockTimeout() != null ? step.lockTimeout()
                    : options.lockTimeout()).toMillis());
            for (String sql : step.statements()) {
                execute(c, s, pid, index, step, sql, durations, monitor);
            }
            cancellation.throwIfCancelled();
            c.commit();
            committed = true;
        } finally {
            if (!committed) {
                rollbackQuietly(c);
            }
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("could not restore autocommit (the connection is probably gone)", e);
            }
        }
    }

    private void runAutocommit(Connection c, int pid, int index, Step step, List<Long> durations,
            ScheduledExecutorService monitor) throws SQLException, PartscopeException {
        c.setAutoCommit(true);
        if (step.lockTimeout() != null) {
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = " + step.lockTimeout().toMillis());
            }
        }
        try {
            for (String sql : step.statements()) {
                // One statement per execute(): a multi-statement string would run as one implicit transaction,
                // which VACUUM and DETACH CONCURRENTLY refuse.
                try (Statement s = c.createStatement()) {
                    execute(c, s, pid, index, step, sql, durations, monitor);
                }
            }
        } finally {
            if (step.lockTimeout() != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET lock_timeout = " + options.lockTimeout().toMillis());
                } catch (SQLException e) {
                    LOG.debug("could not restore lock_timeout (the connection is probably gone)", e);
                }
            }
        }
    }

    private void execute(Connection c, Statement s, int pid, int index, Step step, String sql,
            List<Long> durations, ScheduledExecutorService monitor) throws SQLException, PartscopeException {
        listener.statementStarted(index, sql);
        cancellation.runningOn(c);
        ScheduledFuture<?> polling = monitor == null ? null : startPolling(monitor, pid, index, step);
        long t0 = System.nanoTime();
        try {
            s.execute(sql);
            durations.add(elapsed(t0));
        } finally {
            cancellation.finished(c);
            if (polling != null) {
                polling.cancel(false);
            }
        }
    }

    private ScheduledFuture<?> startPolling(ScheduledExecutorService monitor, int pid, int index, Step step) {
        return monitor.scheduleWithFixedDelay(() -> {
            try {
                if (monitorSession == null) {
                    monitorSession = database.dedicatedConnection();
                    monitorSession.setAutoCommit(true);
                }
                Optional<ProgressProbe.Reading> r = probe.poll(monitorSession, pid, step);
                r.ifPresent(reading -> {
                    if (reading.text() != null) {
                        listener.progress(index, reading.text(), reading.fraction());
                    }
                    if (reading.blockers() != null) {
                        listener.blockers(index, reading.blockers());
                    }
                });
            } catch (SQLException | PartscopeException | RuntimeException e) {
                LOG.debug("progress poll failed", e);
            }
        }, PROGRESS_INTERVAL_MS / 2, PROGRESS_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private OperationOutcome verify(OperationPlan plan, Instant started, Connection c, List<StepOutcome> outcomes) {
        List<Check> checks = List.of();
        String done = outcomes.size() + (outcomes.size() == 1 ? " step done" : " steps done");
        if (plan.verifier() != null) {
            try {
                c.setAutoCommit(false);
                try {
                    checks = plan.verifier().verify(c, cancellation);
                } finally {
                    rollbackQuietly(c);
                    c.setAutoCommit(true);
                }
            } catch (SQLException | PartscopeException e) {
                String why = e instanceof SQLException se ? OperationErrors.describe(se) : e.getMessage();
                checks = List.of(Check.warn("verification", "could not verify the result: " + why));
            }
        }
        List<Check> refusing = checks.stream().filter(k -> k.status() == Check.Status.REFUSE).toList();
        if (!refusing.isEmpty()) {
            return new OperationOutcome(plan, OperationOutcome.Status.FAILED, started, Instant.now(), outcomes,
                    checks, done + ", but the verification failed: "
                            + String.join("; ", refusing.stream().map(Check::message).toList()),
                    ErrorKind.INTERNAL);
        }
        long warnings = checks.stream().filter(k -> k.status() == Check.Status.WARN).count();
        return new OperationOutcome(plan, OperationOutcome.Status.SUCCEEDED, started, Instant.now(), outcomes,
                checks, done + (warnings == 0 ? ", verified" : ", verified with " + warnings
                        + (warnings == 1 ? " warning" : " warnings")), null);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback failed (the connection is probably gone)", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the progress session failed", e);
            }
        }
    }

    private static long elapsed(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
