package io.partscope.core.explain;

import java.time.Duration;
import java.util.List;

/**
 * What to explain: the query, the setup statements that run before it in the same fresh session (SET, PREPARE,
 * CREATE TEMP TABLE...), whether to run it (ANALYZE, with BUFFERS), and how long it may take.
 *
 * @param statementTimeout limit for the EXPLAIN (and the setup statements); null or zero for none
 */
public record ExplainRequest(String query, List<String> setup, boolean analyze, Duration statementTimeout) {
    public ExplainRequest {
        setup = List.copyOf(setup);
    }

    public static ExplainRequest of(String query) {
        return new ExplainRequest(query, List.of(), false, null);
    }

    public ExplainRequest withSetup(List<String> statements) {
        return new ExplainRequest(query, statements, analyze, statementTimeout);
    }

    public ExplainRequest withAnalyze(boolean on) {
        return new ExplainRequest(query, setup, on, statementTimeout);
    }

    public ExplainRequest withStatementTimeout(Duration timeout) {
        return new ExplainRequest(query, setup, analyze, timeout);
    }
}
