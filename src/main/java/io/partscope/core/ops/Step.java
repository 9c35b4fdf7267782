package io.partscope.core.ops;

import java.util.List;

/**
 * One step of an operation: its exact SQL, the locks it takes, and how it runs.
 *
 * @param title for people: "Create events_2026_05"
 * @param statements the exact SQL, each a single statement, identifiers quoted by core.db.Identifiers
 * @param transactional true: all statements run in one transaction (BEGIN, SET LOCAL lock_timeout, the statements,
 *     COMMIT; a failure rolls the step back as a whole). false: each statement runs alone with autocommit, as
 *     VACUUM, DETACH CONCURRENTLY and CREATE INDEX CONCURRENTLY require
 * @param locks what the step locks, for the preview
 * @param retryOnLockTimeout whether a 55P03 (lock_timeout) is retried with backoff; false for steps that are not
 *     safe to repeat
 * @param lockTimeout this step's own lock_timeout (zero: none), or null for the operation's; for a step whose wait
 *     blocks nobody (DETACH ... CONCURRENTLY waits for old transactions holding no lock the application needs)
 */
public record Step(String title, List<String> statements, boolean transactional, List<LockNote> locks,
        boolean retryOnLockTimeout, java.time.Duration lockTimeout) {
    public Step {
        statements = List.copyOf(statements);
        locks = List.copyOf(locks);
    }

    public Step(String title, List<String> statements, boolean transactional, List<LockNote> locks,
            boolean retryOnLockTimeout) {
        this(title, statements, transactional, locks, retryOnLockTimeout, null);
    }

    /** A step that runs in one transaction and is retried whole on a lock timeout. */
    public static Step inTransaction(String title, List<String> statements, List<LockNote> locks) {
        return new Step(title, statements, true, locks, true);
    }

    /** A single statement that must run outside a transaction block (autocommit). */
    public static Step autocommit(String title, String statement, List<LockNote> locks) {
        return new Step(title, List.of(statement), false, locks, true);
    }
}
