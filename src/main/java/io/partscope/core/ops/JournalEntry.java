package io.partscope.core.ops;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ServerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the operation journal: where and when an operation ran, its steps with each statement's duration
 * and attempts, its error and SQLSTATE, its outcome and verification. Never a password: only host, port,
 * database and user are taken from the connection settings.
 */
public record JournalEntry(Instant started, Instant finished, String host, int port, String serverVersion,
        String database, String user, String kind, String target, String summary, String outcome, String message,
        String errorKind, List<Check> preflight, List<StepRecord> steps, List<Check> verification) {

    public JournalEntry {
        preflight = preflight == null ? List.of() : List.copyOf(preflight);
        steps = steps == null ? List.of() : List.copyOf(steps);
        verification = verification == null ? List.of() : List.copyOf(verification);
    }

    /** A step: its status, attempts (1 + retries), duration, error and each statement. */
    public record StepRecord(String title, String status, int attempts, long millis, String error, String sqlState,
            List<StatementRecord> statements) {
    }

    /** A statement and how long it took in the last attempt (null when it did not run). */
    public record StatementRecord(String sql, Long millis) {
    }

    public static JournalEntry of(OperationOutcome outcome, ConnectionSettings settings, ServerInfo server) {
        List<StepRecord> steps = new ArrayList<>();
        for (StepOutcome s : outcome.steps()) {
            List<StatementRecord> statements = new ArrayList<>();
            for (int i = 0; i < s.statements().size(); i++) {
                statements.add(new StatementRecord(s.statements().get(i),
                        i < s.statementMillis().size() ? s.statementMillis().get(i) : null));
            }
            steps.add(new StepRecord(s.title(), s.status().json(), s.attempts(), s.millis(), s.error(), s.sqlState(),
                    statements));
        }
        OperationPlan plan = outcome.plan();
        return new JournalEntry(outcome.started(), outcome.finished(), settings.host(), settings.port(),
                server == null ? null : server.version(),
                server == null ? settings.database() : server.database(),
                server == null ? settings.user() : server.user(),
                plan.kind(), plan.target(), plan.summary(), outcome.status().json(), outcome.message(),
                outcome.errorKind() == null ? null : outcome.errorKind().name().toLowerCase(java.util.Locale.ROOT),
                plan.preflight(), steps, outcome.verification());
    }
}
