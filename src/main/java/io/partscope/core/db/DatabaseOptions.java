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

    public DatabaseOptions withStatementTimeout(Duration timeout) {
        return new DatabaseOptions(timeout, lockTimeout, connectTimeout, maxPoolSize);
    }

    public DatabaseOptions withLockTimeout(Duration timeout) {
        return new DatabaseOptions(statementTimeout, timeout, connectTimeout, maxPoolSize);
    }
}
