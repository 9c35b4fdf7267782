package io.partscope.core.explain;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.SqlErrors;
import io.partscope.core.explain.StatementRules.SetupKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains a query and names the partitions it reads: the entry point of {@code core.explain} for the CLI and the
 * app. Each call opens a session of its own (setup statements change session state), closed at the end.
 */
public final class Explainer {
    /** Said before an ANALYZE that runs a data-modifying statement on a profile that is not read-only. */
    public static final String DATA_CHANGE_WARNING = "EXPLAIN ANALYZE runs this data-modifying statement in a "
            + "transaction that is rolled back: its rows are restored, but the sequences it advances (nextval, serial "
            + "and identity defaults) stay advanced, the dead tuples it leaves stay until VACUUM, and the rows it "
            + "touches stay locked until the rollback.";

    private Explainer() {
    }

    /**
     * What was decided before anything runs.
     *
     * @param readWriteQuery the query is an ANALYZE of a data-modifying statement on a profile that is not read-only:
     *     the transaction stays read-write for it
     */
    record Checked(StatementText query, List<StatementText> setup, List<SetupKind> kinds, boolean readWriteQuery) {
    }

    /**
     * @throws PartscopeException BAD_INPUT for a query that is not one statement or a setup statement that is refused
     *     (see docs/cli.md); OPERATION_REFUSED for an ANALYZE of a data-modifying statement on a read-only profile; the
     *     server's error (with its message, detail and hint) when the EXPLAIN fails; QUERY_CANCELLED when cancelled
     */
    public static ExplainResult explain(Database db, ExplainRequest request, Cancellation cancel)
            throws PartscopeException {
        Checked checked = check(request);
        cancel.throwIfCancelled();
        try (Connection connection = db.dedicatedConnection()) {
            return new ExplainSession(connection, db.settings(), db.server(), db.options(), cancel).run(checked,
                    request);
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(),
                        null, null, e);
            }
            throw SqlErrors.translate(e, db.settings());
        }
    }

    /**
     * The warning to show before this request runs ({@link #DATA_CHANGE_WARNING}), or null when it leaves nothing
     * behind. The same checks as {@link #explain} run first, so a refused request fails here already.
     */
    public static String dataChangeWarning(ExplainRequest request) throws PartscopeException {
        return check(request).readWriteQuery() ? DATA_CHANGE_WARNING : null;
    }

    static Checked check(ExplainRequest request) throws PartscopeException {
        StatementText query = StatementText.of(request.query(), "query");
        StatementRules.checkQuery(query);
        List<StatementText> setup = new ArrayList<>();
        List<SetupKind> kinds = new ArrayList<>();
        for (int i = 0; i < request.setup().size(); i++) {
            String what = "setup statement " + (i + 1);
            StatementText statement = StatementText.of(request.setup().get(i), what);
            kinds.add(StatementRules.classifySetup(statement, what));
            setup.add(statement);
        }
        boolean modifies = request.analyze() && modifiesData(query, setup);
        if (modifies && request.readOnly()) {
            throw new PartscopeException(ErrorKind.OPERATION_REFUSED, "the profile is read-only: EXPLAIN ANALYZE "
                    + "would run this data-modifying statement: " + abbreviate(query.sql()), null, null,
                    "Run EXPLAIN without ANALYZE (the plan only; nothing runs), or ANALYZE it on a copy of the "
                            + "database. Rolling back does not undo sequences or dead tuples.", null);
        }
        boolean readWriteQuery = modifies;
        int firstActive = -1;
        for (int i = 0; i < kinds.size(); i++) {
            String what = "setup statement " + (i + 1);
            SetupKind kind = kinds.get(i);
            if (kind == SetupKind.CREATE_TEMPORARY && request.readOnly()) {
                throw new PartscopeException(ErrorKind.OPERATION_REFUSED, what + " creates a temporary object, which "
                        + "the READ ONLY transaction of a read-only profile refuses: " + abbreviate(setup.get(i).sql()),
                        null, null, "Put the rows into the query instead (a WITH ... AS (VALUES ...)).", null);
            }
            if (kind == SetupKind.ACTIVE && readWriteQuery) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, what + " may run functions, and with ANALYZE of a "
                        + "data-modifying query the transaction stays read-write: " + abbreviate(setup.get(i).sql()),
                        null, null, "With ANALYZE of an INSERT, UPDATE, DELETE or MERGE, setup takes SET, RESET, "
                                + "PREPARE, DEALLOCATE, DISCARD and CREATE TEMPORARY ... only; put the rest into the "
                                + "query (a WITH).", null);
            }
            if (kind == SetupKind.ACTIVE && firstActive < 0) {
                firstActive = i;
            }
            if (kind == SetupKind.CREATE_TEMPORARY && firstActive >= 0) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, what + " creates a temporary object after setup "
                        + "statement " + (firstActive + 1) + ", which already runs read-only: "
                        + abbreviate(setup.get(i).sql()), null, null, "Put the CREATE TEMPORARY statements first: the "
                        + "transaction turns read-only at the first setup statement that may run a function.", null);
            }
        }
        return new Checked(query, setup, kinds, readWriteQuery);
    }

    /** The query's own words, or for EXECUTE name those of the PREPARE in the setup that made it. */
    static boolean modifiesData(StatementText query, List<StatementText> setup) {
        if (query.mayModifyData()) {
            return true;
        }
        Optional<String> executed = query.executedStatementName();
        if (executed.isEmpty()) {
            return false;
        }
        for (StatementText s : setup) {
            if (s.preparedStatementName().equals(executed)) {
                Optional<String> body = StatementText.preparedQuery(s.sql());
                try {
                    if (body.isPresent() && StatementText.of(body.get(), "prepared statement").mayModifyData()) {
                        return true;
                    }
                } catch (PartscopeException e) {
                    return false; // an empty body: the server refuses the PREPARE
                }
            }
        }
        return false;
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
