package io.partscope.core.ops;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ServerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the operation journal. A run writes several lines with the same {@code runId}: a {@code started}
 * line with the plan (every step and its SQL, the options, who runs it) before its first step, a {@code step} line
 * as each step ends, and the {@code finished} line with the outcome and verification. A process killed mid-run
 * leaves the first two kinds only, which is how {@link InterruptedRuns} finds it. An {@code acknowledged} line says
 * the user has seen an interrupted run and does not want it shown again. Lines written before runs had ids (no
 * {@code runId}, no {@code type}) are finished runs.
 *
 * <p>Never a password: only host, port, database and user are taken from the connection settings, and the command
 * kept for a rerun leaves the connection flags out.
 *
 * @param type {@link #STARTED}, {@link #STEP}, {@link #FINISHED}, {@link #ACKNOWLEDGED}; null in old lines
 * @param stepIndex for a step line: the step's index (0-based) in the started line's steps
 * @param process for a started line: the Partscope process that runs the operation
 * @param serverPid for a started line: the operation session's backend pid
 * @param serverBackendStart for a started line: that backend's start (tells it from a later backend with its pid)
 * @param partitionSet for a started line: the partition tree the run locks (its root), or null when not resolved
 * @param options for a started line: how the steps run and, from the CLI, the command to run it again
 */
public record JournalEntry(Instant started, Instant finished, String host, int port, String serverVersion,
        String database, String user, String kind, String target, String summary, String outcome, String message,
        String errorKind, List<Check> preflight, List<StepRecord> steps, List<Check> verification, String runId,
        String type, Integer stepIndex, RunProcess process, Integer serverPid, Instant serverBackendStart,
        String partitionSet, RunOptions options) {

    public static final String STARTED = "started";
    public static final String STEP = "step";
    public static final String FINISHED = "finished";
    public static final String ACKNOWLEDGED = "acknowledged";

    @JsonCreator
    public JournalEntry {
        preflight = preflight == null ? List.of() : List.copyOf(preflight);
        steps = steps == null ? List.of() : List.copyOf(steps);
        verification = verification == null ? List.of() : List.copyOf(verification);
    }

    /** A finished run without a run id (as lines were written before runs had ids). */
    public JournalEntry(Instant started, Instant finished, String host, int port, String serverVersion,
            String database, String user, String kind, String target, String summary, String outcome, String message,
            String errorKind, List<Check> preflight, List<StepRecord> steps, List<Check> verification) {
        this(started, finished, host, port, serverVersion, database, user, kind, target, summary, outcome, message,
                errorKind, preflight, steps, verification, null, null, null, null, null, null, null, null);
    }

    /** A step: its status, attempts (1 + retries), duration, error and each statement. */
    public record StepRecord(String title, String status, int attempts, long millis, String error, String sqlState,
            List<StatementRecord> statements) {
    }

    /** A statement and how long it took in the last attempt (null when it did not run). */
    public record StatementRecord(String sql, Long millis) {
    }

    /**
     * The process that runs an operation: alive (same host, same pid, same start) means the run goes on.
     *
     * @param processStart null when the platform does not tell
     */
    public record RunProcess(long pid, String host, Instant processStart) {
        /** This process. */
        public static RunProcess current() {
            ProcessHandle self = ProcessHandle.current();
            return new RunProcess(self.pid(), LocalHost.name(), self.info().startInstant().orElse(null));
        }
    }

    /**
     * How the steps run, and the command that runs the operation again (CLI arguments after {@code partscope},
     * without the connection flags and without --yes; null when the app ran it).
     */
    public record RunOptions(long lockTimeoutMillis, int retries, long statementTimeoutMillis, List<String> command) {
        public RunOptions {
            command = command == null ? null : List.copyOf(command);
        }

        static RunOptions of(ExecutionOptions o, List<String> command) {
            return new RunOptions(o.lockTimeout().toMillis(), o.retries(),
                    o.statementTimeout() == null ? 0 : o.statementTimeout().toMillis(), command);
        }
    }

    /** Whether this line ends a run: a finished line, or an old line without a type. */
    public boolean endsRun() {
        return type == null || FINISHED.equals(type);
    }

    public static JournalEntry of(OperationOutcome outcome, ConnectionSettings settings, ServerInfo server) {
        return of(outcome, settings, server, null);
    }

    /** The finished line of a run. */
    public static JournalEntry of(OperationOutcome outcome, ConnectionSettings settings, ServerInfo server,
            String runId) {
        List<StepRecord> steps = new ArrayList<>();
        for (StepOutcome s : outcome.steps()) {
            steps.add(record(s));
        }
        OperationPlan plan = outcome.plan();
        return new JournalEntry(outcome.started(), outcome.finished(), settings.host(), settings.port(),
                server == null ? null : server.version(), database(settings, server), user(settings, server),
                plan.kind(), plan.target(), plan.summary(), outcome.status().json(), outcome.message(),
                outcome.errorKind() == null ? null : outcome.errorKind().name().toLowerCase(java.util.Locale.ROOT),
                plan.preflight(), steps, outcome.verification(), runId, runId == null ? null : FINISHED, null, null,
                null, null, null, null);
    }

    /** The started line: the plan with every step's SQL, before the first step runs. */
    static JournalEntry started(String runId, Instant at, OperationPlan plan, ConnectionSettings settings,
            ServerInfo server, int serverPid, Instant backendStart, String partitionSet, RunOptions options) {
        List<StepRecord> steps = new ArrayList<>();
        for (Step s : plan.steps()) {
            steps.add(new StepRecord(s.title(), "planned", 0, 0, null, null,
                    s.statements().stream().map(sql -> new StatementRecord(sql, null)).toList()));
        }
        return new JournalEntry(at, null, settings.host(), settings.port(), server == null ? null : server.version(),
                database(settings, server), user(settings, server), plan.kind(), plan.target(), plan.summary(), null,
                null, null, plan.preflight(), steps, List.of(), runId, STARTED, null, RunProcess.current(), serverPid,
                backendStart, partitionSet, options);
    }

    /** A step line: how step {@code index} ended. */
    static JournalEntry step(String runId, int index, StepOutcome outcome, ConnectionSettings settings,
            ServerInfo server) {
        return new JournalEntry(null, Instant.now(), settings.host(), settings.port(), null,
                database(settings, server), null, null, null, null, null, null, null, List.of(),
                List.of(record(outcome)), List.of(), runId, STEP, index, null, null, null, null, null);
    }

    /** The user has seen interrupted run {@code runId}: it is not shown again. */
    static JournalEntry acknowledged(String runId, String note) {
        return new JournalEntry(null, Instant.now(), null, 0, null, null, null, null, null, null, null, note, null,
                List.of(), List.of(), List.of(), runId, ACKNOWLEDGED, null, RunProcess.current(), null, null, null,
                null);
    }

    private static StepRecord record(StepOutcome s) {
        List<StatementRecord> statements = new ArrayList<>();
        for (int i = 0; i < s.statements().size(); i++) {
            statements.add(new StatementRecord(s.statements().get(i),
                    i < s.statementMillis().size() ? s.statementMillis().get(i) : null));
        }
        return new StepRecord(s.title(), s.status().json(), s.attempts(), s.millis(), s.error(), s.sqlState(),
                statements);
    }

    private static String database(ConnectionSettings settings, ServerInfo server) {
        return server == null ? settings.database() : server.database();
    }

    private static String user(ConnectionSettings settings, ServerInfo server) {
        return server == null ? settings.user() : server.user();
    }
}
