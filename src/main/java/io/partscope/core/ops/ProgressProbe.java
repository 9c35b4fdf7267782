package io.partscope.core.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads the progress of a running step from a second session (e.g. pg_stat_progress_vacuum), so a long VACUUM
 * shows its phase and how far it got. The runner calls it about every 500 ms while a statement of the step runs.
 */
@FunctionalInterface
public interface ProgressProbe {
    /**
     * A reading: a phase or sentence and a fraction in [0, 1], or a negative fraction when unknown; {@code blockers}
     * the sessions the step waits for (empty: it is not waiting), or null when the probe does not look.
     */
    record Reading(String text, double fraction, java.util.List<Blocker> blockers) {
        public Reading(String text, double fraction) {
            this(text, fraction, null);
        }
    }

    /**
     * @param monitor a session of its own (not the one running the step), autocommit
     * @param backendPid pg_backend_pid() of the session running the step
     */
    Optional<Reading> poll(Connection monitor, int backendPid, Step step) throws SQLException;
}
