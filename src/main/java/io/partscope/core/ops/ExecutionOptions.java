package io.partscope.core.ops;

import java.time.Duration;

/**
 * How steps run: lock_timeout on every statement (a DDL statement waiting for its lock queues every later query
 * on the table behind it, so it must give up quickly), bounded retries with exponential backoff on 55P03, and a
 * statement_timeout (zero: none; VACUUM of a large partition may legitimately run for hours).
 */
public record ExecutionOptions(Duration lockTimeout, int retries, Duration firstBackoff, Duration maxBackoff,
        Duration statementTimeout) {
    public static final ExecutionOptions DEFAULTS = new ExecutionOptions(Duration.ofSeconds(2), 5,
            Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ZERO);

    public ExecutionOptions withLockTimeout(Duration timeout) {
        return new ExecutionOptions(timeout, retries, firstBackoff, maxBackoff, statementTimeout);
    }

    public ExecutionOptions withRetries(int count) {
        return new ExecutionOptions(lockTimeout, count, firstBackoff, maxBackoff, statementTimeout);
    }

    public ExecutionOptions withStatementTimeout(Duration timeout) {
        return new ExecutionOptions(lockTimeout, retries, firstBackoff, maxBackoff, timeout);
    }
}
