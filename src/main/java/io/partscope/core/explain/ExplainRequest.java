package io.partscope.core.explain;

import java.time.Duration;
import java.util.List;

/**
 * What to explain: the query, the setup statements that run before it in the same fresh session and the same
 * rolled-back transaction (SET, PREPARE, CREATE TEMP TABLE, INSERT into a temp table...), whether to run it (ANALYZE,
 * with BUFFERS), and how long it may take.
 *
 * @param statementTimeout limit for the EXPLAIN (and the setup statements); null or zero for none
 * @param readOnly the connection's profile is marked read-only (production): everything runs in a READ ONLY
 *     transaction, and ANALYZE of a data-modifying statement is refused before anything runs
 */
public record ExplainRequest(String query, List<String> setup, boolean analyze, Duration statementTimeout,
        boolean readOnly) {
    public ExplainRequest {
        setup = List.copyOf(setup);
    }

    /** A request on a profile that is not read-only. */
    public ExplainRequest(String query, List<String> setup, boolean analyze, Duration statementTimeout) {
        this(query, setup, analyze, statementTimeout, false);
    }

    public static ExplainRequest of(String query) {
        return new ExplainRequest(query, List.of(), false, null, false);
    }

    public ExplainRequest withSetup(List<String> statements) {
        return new ExplainRequest(query, statements, analyze, statementTimeout, readOnly);
    }

    public ExplainRequest withAnalyze(boolean on) {
        return new ExplainRequest(query, setup, on, statementTimeout, readOnly);
    }

    public ExplainRequest withStatementTimeout(Duration timeout) {
        return new ExplainRequest(query, setup, analyze, timeout, readOnly);
    }

    public ExplainRequest withReadOnly(boolean on) {
        return new ExplainRequest(query, setup, analyze, statementTimeout, on);
    }
}
