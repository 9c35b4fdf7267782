package io.partscope.core.db;

import java.time.Duration;

/**
 * Timeouts and pool size for one {@link Database}.
 *
 * @param statementTimeout statement_timeout for catalog queries (zero: none)
 * @param lockTimeout      lock_timeout for catalog queries, so a read never queues behind pending DDL for long
 *                         (zero: none)
 * @param connectTimeout   how long to wait for the server to answer a new connection
 * @param maxPoolSize      connections kept by the pool
 */
public record DatabaseOptions(Duration statementTimeout, Duration lockTimeout, Duration connectTimeout,
        int maxPoolSize) {

    public static final DatabaseOptions DEFAULTS =
            new DatabaseOptions(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(10), 4);

    /**
     * For the app: the user watches a progress indicator with a Cancel button, so the server-side limit is only a
     * safety net. A catalog read of 100,000 partitions takes about 12 s on an idle laptop and over 60 s on a busy
     * server (docs/performance.md); the command line keeps {@link #DEFAULTS} and its --statement-timeout.
     */
    public static final DatabaseOptions INTERACTIVE = DEFAULTS.withStatementTimeout(Duration.ofMinutes(5));

    public DatabaseOptions withStatementTimeout(Duration timeout) {
        return new DatabaseOptions(timeout, lockTimeout, connectTimeout, maxPoolSize);
    }

    public DatabaseOptions withLockTimeout(Duration timeout) {
        return new DatabaseOptions(statementTimeout, timeout, connectTimeout, maxPoolSize);
    }
}
