package io.partscope.core.explain;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Explains a query and names the partitions it reads: the entry point of {@code core.explain} for the CLI and the
 * app. Each call opens a session of its own (setup statements change session state), closed at the end.
 */
public final class Explainer {
    /** The statements a setup list may hold: they change this session only, never the database. */
    static final Set<String> SETUP_KEYWORDS = Set.of("SET", "RESET", "PREPARE", "DEALLOCATE", "DISCARD", "LOAD");

    private Explainer() {
    }

    /**
     * @throws PartscopeException BAD_INPUT for a query that is not one statement or a setup statement that could
     *     change the database; the server's error (with its message, detail and hint) when the EXPLAIN fails;
     *     QUERY_CANCELLED when cancelled
     */
    public static ExplainResult explain(Database db, ExplainRequest request, Cancellation cancel)
            throws PartscopeException {
        StatementText query = StatementText.of(request.query(), "query");
        List<StatementText> setup = new ArrayList<>();
        for (int i = 0; i < request.setup().size(); i++) {
            String what = "setup statement " + (i + 1);
            StatementText statement = StatementText.of(request.setup().get(i), what);
            requireSessionOnly(statement, what);
            setup.add(statement);
        }
        cancel.throwIfCancelled();
        try (Connection connection = db.dedicatedConnection()) {
            return new ExplainSession(connection, db.settings(), db.server(), db.options(), cancel).run(query, setup, request);
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(),
                        null, null, e);
            }
            throw SqlErrors.translate(e, db.settings());
        }
    }

    /**
     * Setup runs before the protective transaction (a PREPARE or a temp table must outlive it), so it may only
     * change the session: SET, RESET, PREPARE, DEALLOCATE, DISCARD, LOAD, and CREATE TEMPORARY objects.
     */
    static void requireSessionOnly(StatementText statement, String what) throws PartscopeException {
        List<String> words = statement.leadingWords(3);
        String first = words.isEmpty() ? "" : words.get(0);
        boolean temporary = first.equals("CREATE") && words.size() > 1
                && (words.get(1).startsWith("TEMP") || (words.get(1).equals("LOCAL") && words.size() > 2
                        && words.get(2).startsWith("TEMP")));
        if (!SETUP_KEYWORDS.contains(first) && !temporary) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, what + " would change the database: "
                    + abbreviate(statement.sql()), null, null,
                    "Setup takes SET, RESET, PREPARE, DEALLOCATE, DISCARD, LOAD and CREATE TEMPORARY ...; it runs "
                            + "outside the transaction that is rolled back, so nothing else is allowed there.",
                    null);
        }
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
