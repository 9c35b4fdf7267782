package io.partscope.core.explain;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.ServerInfo;
import io.partscope.core.db.SqlErrors;
import io.partscope.core.explain.lint.KeyPart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One explain on a dedicated session, in one transaction that is always rolled back (so an ANALYZE of an UPDATE
 * changes no row) holding the setup statements, the probe, the EXPLAIN and the catalog questions. The transaction is
 * read-write only for the leading setup statements that run no function (SET, RESET, PREPARE, CREATE TEMPORARY ...)
 * and, on a profile that is not read-only, for an ANALYZE of a data-modifying query; everything else runs read-only,
 * so that nothing the rollback cannot undo (a sequence, a dead tuple) happens.
 *
 * <p>Which partition sets the query names is asked of the server, not parsed from the SQL: a PREPARE of the query
 * (parse analysis only) locks every relation the query names, views expanded, and nothing else; the locks it adds
 * are the named relations. The EXPLAIN that follows adds the partitions the planner kept.
 */
final class ExplainSession {
    private static final Logger LOG = LoggerFactory.getLogger(ExplainSession.class);

    private final Connection connection;
    private final ServerInfo server;
    private final DatabaseOptions options;
    private final Cancellation cancel;
    private final ExplainCatalog catalog;
    private final ConnectionSettings settings;

    ExplainSession(Connection connection, ConnectionSettings settings, ServerInfo server, DatabaseOptions options,
            Cancellation cancel) {
        this.connection = connection;
        this.settings = settings;
        this.server = server;
        this.options = options;
        this.cancel = cancel;
        this.catalog = new ExplainCatalog(connection, cancel, server.major());
    }

    ExplainResult run(Explainer.Checked checked, ExplainRequest request) throws SQLException, PartscopeException {
        requireExtendedProtocol();
        // One transaction for setup and query, always rolled back: pgjdbc opens it before the first statement.
        connection.setAutoCommit(false);
        try {
            applyTimeouts(request);
            boolean readOnly = false;
            if (request.readOnly()) {
                readOnly = turnReadOnly();
            }
            List<StatementText> setup = new ArrayList<>();
            Set<ExplainCatalog.LockPair> setupStart = request.setup().isEmpty() ? Set.of() : catalog.lockPairs();
            Map<String, Set<Long>> preparedLocks = new HashMap<>();
            for (int i = 0; i < request.setup().size(); i++) {
                String what = "setup statement " + (i + 1);
                // Read again under the session's standard_conforming_strings, which an earlier statement may have set.
                StatementText statement = StatementText.of(request.setup().get(i), what, standardConformingStrings());
                StatementRules.SetupKind kind = StatementRules.classifySetup(statement, what);
                if (kind == StatementRules.SetupKind.ACTIVE && !readOnly && !checked.readWriteQuery()) {
                    readOnly = turnReadOnly();
                }
                if (kind == StatementRules.SetupKind.CREATE_TEMPORARY && readOnly) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, what + " creates a temporary object after the "
                            + "transaction turned read-only", null, null, "Put CREATE TEMPORARY statements first.",
                            null);
                }
                Optional<String> prepared = statement.preparedStatementName();
                Set<ExplainCatalog.LockPair> beforePrepare = prepared.isPresent() ? catalog.lockPairs() : null;
                executeUser(statement.sql(), what);
                if (prepared.isPresent()) {
                    // The locks a PREPARE adds are the relations its query names: what the probe of an EXECUTE of it
                    // cannot see again, as they are held already.
                    preparedLocks.put(prepared.get(), ExplainCatalog.added(beforePrepare, catalog.lockPairs()));
                }
                setup.add(statement);
                if (readOnly) {
                    requireStillReadOnly(what);
                }
            }
            if (!checked.readWriteQuery() && !readOnly) {
                readOnly = turnReadOnly();
            }
            // A setup RESET ALL or SET statement_timeout = 0 must not lift our limits for the EXPLAIN.
            applyTimeouts(request);
            StatementText query = StatementText.of(request.query(), "query", standardConformingStrings());
            StatementRules.checkQuery(query);
            return explain(query, setup, request, readOnly, checked.readWriteQuery(), setupStart, preparedLocks);
        } finally {
            rollbackQuietly();
        }
    }

    private ExplainResult explain(StatementText query, List<StatementText> setup, ExplainRequest request,
            boolean readOnly, boolean readWriteQuery, Set<ExplainCatalog.LockPair> setupStart,
            Map<String, Set<Long>> preparedLocks) throws SQLException, PartscopeException {
        Set<ExplainCatalog.LockPair> before = catalog.lockPairs();
        Set<Long> named = probe(query, before, preparedLocks);
        String json = explainJson(query, request.analyze());
        if (readOnly) {
            requireStillReadOnly("the query");
        }
        Set<ExplainCatalog.LockPair> after = catalog.lockPairs();
        // What the EXPLAIN locked: the planner's partitions, not what the setup had locked already.
        Set<Long> locked = ExplainCatalog.added(before, after);
        Set<Long> allLocked = new HashSet<>();
        after.forEach(p -> allLocked.add(p.relation()));
        long started = System.nanoTime();
        List<ExplainPlan> plans = PlanReader.read(json);
        Map<PlanNode.RelationRef, Long> oids = catalog.resolve(planRelations(plans));
        Map<Long, ExplainCatalog.TargetInfo> targets = catalog.targets(named != null ? named : allLocked);
        if (named != null && !setupStart.isEmpty()) {
            addSetsTheSetupLocked(targets, ExplainCatalog.added(setupStart, before), named, plans, oids);
        }
        dropInsertOnlyTargets(targets, plans, oids);
        Map<Long, List<ExplainCatalog.LeafInfo>> leaves = catalog.leaves(targets.keySet());
        if (named == null) {
            targets = PruningAnalyzer.outermost(targets, leaves);
        }
        List<PruningTarget> analysed = PruningAnalyzer.analyze(new PruningAnalyzer.Inputs(plans, oids, targets,
                leaves, locked, request.analyze()));
        long analysisMillis = (System.nanoTime() - started) / 1_000_000;
        ExplainPlan first = plans.get(0);
        ExplainResult result = new ExplainResult(query.sql(), setup.stream().map(StatementText::sql).toList(),
                request.analyze(), server.version(), analysed, List.of(), first.planningTimeMs(),
                first.executionTimeMs(), request.analyze() && (query.mayModifyData() || readWriteQuery), readOnly,
                readWriteQuery ? Explainer.DATA_CHANGE_WARNING : null, plans, analysisMillis, json);
        return result.withFindings(lint(result, targets));
    }

    private void applyTimeouts(ExplainRequest request) throws SQLException, PartscopeException {
        Duration timeout = request.statementTimeout();
        execute("SET LOCAL statement_timeout = " + (timeout == null ? 0 : timeout.toMillis()), "statement_timeout");
        execute("SET LOCAL lock_timeout = " + options.lockTimeout().toMillis(), "lock_timeout");
    }

    /**
     * From here on the transaction is read-only: nothing can advance a sequence or write a row, except into temp
     * tables. The SELECT takes the transaction's snapshot, after which PostgreSQL refuses {@code SET
     * transaction_read_only = off} and {@code BEGIN READ WRITE} (25001); the resets it does not refuse are refused by
     * name ({@link StatementRules}) and caught afterwards ({@link #requireStillReadOnly}).
     */
    private boolean turnReadOnly() throws SQLException, PartscopeException {
        execute("SET LOCAL transaction_read_only = on", "read-only");
        execute("SELECT 1", "read-only");
        return true;
    }

    /** A statement that left read-only mode anyway (dynamic SQL resetting it) ends the explain, before the next one. */
    private void requireStillReadOnly(String what) throws SQLException, PartscopeException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('transaction_read_only')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!"on".equals(rs.getString(1))) {
                throw new PartscopeException(ErrorKind.OPERATION_REFUSED, what + " switched the transaction back to "
                        + "read-write; stopped and rolled back", null, null, "Nothing in the setup or the query may "
                        + "change transaction_read_only. What it did to sequences is not undone by the rollback.",
                        null);
            }
        }
    }

    /**
     * Each user text must reach the server as one statement: pgjdbc splits a text at the semicolons its own parser
     * sees and sends each piece (so it must see none), and over the extended protocol the server parses what it gets
     * in one Parse message, which refuses a second command. The simple protocol would run every command of a text.
     */
    private void requireExtendedProtocol() throws SQLException, PartscopeException {
        PreferQueryMode mode = connection.unwrap(BaseConnection.class).getQueryExecutor().getPreferQueryMode();
        if (mode == PreferQueryMode.SIMPLE || mode == PreferQueryMode.EXTENDED_FOR_PREPARED) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "explain needs the extended query protocol, and the "
                    + "connection settings say preferQueryMode=" + mode.value(), null, null, "Remove preferQueryMode "
                    + "from the connection URL: only over the extended protocol does the server itself refuse a "
                    + "second statement hidden in a query.", null);
        }
    }

    private boolean standardConformingStrings() throws SQLException {
        return connection.unwrap(BaseConnection.class).getStandardConformingStrings();
    }

    /** A statement for user text: checked to be one statement as the driver reads it, sent as written. */
    private Statement userStatement(String sql, String what) throws SQLException, PartscopeException {
        List<NativeQuery> pieces = Parser.parseJdbcSql(sql, standardConformingStrings(), false, true, false, false);
        if (pieces.size() != 1) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, what + " holds more than one statement as the JDBC "
                    + "driver reads it (standard_conforming_strings = " + (standardConformingStrings() ? "on" : "off")
                    + ")", null, null, "Give one statement; a quote, a dollar quote or a backslash may hide a ';' "
                    + "from one reader but not from another.", null);
        }
        Statement s = connection.createStatement();
        s.setEscapeProcessing(false);
        return s;
    }

    private void executeUser(String sql, String what) throws SQLException, PartscopeException {
        try (Statement s = userStatement(sql, what)) {
            cancel.running(s);
            try {
                s.execute(sql);
            } finally {
                cancel.finished(s);
            }
        } catch (SQLException e) {
            throw userStatementFailed(what, e);
        }
    }

    /** The pruning lint, with the partition keys and the functions' volatility from the catalog. */
    private List<PruningFinding> lint(ExplainResult result, Map<Long, ExplainCatalog.TargetInfo> targets)
            throws SQLException, PartscopeException {
        Map<Long, List<KeyPart>> keys = catalog.partitionKeys(targets.keySet());
        Map<String, List<KeyPart>> byName = new HashMap<>();
        targets.values().forEach(t -> byName.put(QualifiedNames.of(t.schema(), t.name()),
                keys.getOrDefault(t.oid(), List.of())));
        Map<String, Character> volatility = catalog.volatility(PruningLint.functionNames(result.plans()));
        return PruningLint.lint(result, byName, volatility::get);
    }

    /**
     * The relations the query names, from the locks a PREPARE of it adds. Null when the statement cannot be
     * prepared (then the caller falls back to the outermost locked sets).
     */
    private Set<Long> probe(StatementText query, Set<ExplainCatalog.LockPair> before,
            Map<String, Set<Long>> preparedLocks) throws SQLException, PartscopeException {
        Optional<String> probeSql = probeStatement(query);
        if (probeSql.isEmpty()) {
            return null;
        }
        String name = probeName();
        execute("SAVEPOINT partscope_probe", "savepoint");
        try (Statement s = userStatement("PREPARE " + name + probeSql.get(), "the query")) {
            s.execute("PREPARE " + name + probeSql.get());
        } catch (SQLException e) {
            LOG.debug("the query cannot be prepared ({}); finding its partition sets from the plan's locks",
                    e.getMessage());
            execute("ROLLBACK TO SAVEPOINT partscope_probe", "savepoint");
            return null;
        }
        Set<Long> named = ExplainCatalog.added(before, catalog.lockPairs());
        query.executedStatementName().map(preparedLocks::get).ifPresent(named::addAll);
        execute("DEALLOCATE " + name, "probe");
        execute("RELEASE SAVEPOINT partscope_probe", "savepoint");
        return named;
    }

    /** "(types) AS query" for PREPARE: the query itself, or for EXECUTE the prepared statement's own query. */
    private Optional<String> probeStatement(StatementText query) throws SQLException, PartscopeException {
        Optional<String> executed = query.executedStatementName();
        if (executed.isEmpty()) {
            return Optional.of(" AS " + query.sql());
        }
        ExplainCatalog.PreparedStatementText prepared = catalog.preparedStatement(executed.get());
        if (prepared == null) {
            return Optional.empty(); // the EXPLAIN will fail with the server's "does not exist"
        }
        Optional<String> body = StatementText.preparedQuery(prepared.statement(), standardConformingStrings());
        String types = prepared.parameterTypes().isEmpty() ? "" : "(" + String.join(", ",
                prepared.parameterTypes()) + ")";
        return body.map(b -> types + " AS " + b);
    }

    private static String probeName() {
        return "partscope_probe_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private String explainJson(StatementText query, boolean analyze) throws SQLException, PartscopeException {
        String options = "FORMAT JSON, VERBOSE, COSTS, SETTINGS, SUMMARY" + (analyze ? ", ANALYZE, BUFFERS" : "");
        String sql = "EXPLAIN (" + options + ") " + query.sql();
        try (Statement s = userStatement(sql, "the query")) {
            cancel.running(s);
            try (ResultSet rs = executeExplain(s, sql)) {
                StringBuilder json = new StringBuilder();
                while (rs.next()) {
                    json.append(rs.getString(1));
                }
                return json.toString();
            } finally {
                cancel.finished(s);
            }
        }
    }

    private ResultSet executeExplain(Statement s, String sql) throws PartscopeException {
        try {
            return s.executeQuery(sql);
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(),
                        null, null, e);
            }
            throw userStatementFailed("the query", e);
        }
    }

    /**
     * A set the setup had locked already in the probe's mode (an INSERT ... SELECT from it, a SELECT) adds no lock
     * when the probe names it again: such a set counts when the plan scans one of its leaves.
     */
    private void addSetsTheSetupLocked(Map<Long, ExplainCatalog.TargetInfo> targets, Set<Long> setupLocked,
            Set<Long> named, List<ExplainPlan> plans, Map<PlanNode.RelationRef, Long> oids)
            throws SQLException, PartscopeException {
        Set<Long> candidates = new HashSet<>(setupLocked);
        candidates.removeAll(named);
        if (candidates.isEmpty()) {
            return;
        }
        Map<Long, ExplainCatalog.TargetInfo> sets = catalog.targets(candidates);
        if (sets.isEmpty()) {
            return;
        }
        Set<Long> scanned = new HashSet<>();
        for (ExplainPlan plan : plans) {
            for (PlanNode node : plan.nodes()) {
                if (node.isRelationScan() && oids.containsKey(node.relation())) {
                    scanned.add(oids.get(node.relation()));
                }
            }
        }
        Map<Long, List<ExplainCatalog.LeafInfo>> leaves = catalog.leaves(sets.keySet());
        Map<Long, ExplainCatalog.TargetInfo> read = new HashMap<>();
        sets.forEach((oid, set) -> {
            if (leaves.getOrDefault(oid, List.of()).stream().anyMatch(l -> scanned.contains(l.oid()))) {
                read.put(oid, set);
            }
        });
        targets.putAll(PruningAnalyzer.outermost(read, leaves));
    }

    /** Every relation a scan or a ModifyTable names, to resolve in one query. */
    private static Set<PlanNode.RelationRef> planRelations(List<ExplainPlan> plans) {
        Set<PlanNode.RelationRef> relations = new HashSet<>();
        for (ExplainPlan plan : plans) {
            for (PlanNode node : plan.nodes()) {
                if (node.relation() != null) {
                    relations.add(node.relation());
                }
                relations.addAll(node.targetTables());
            }
        }
        return relations;
    }

    /**
     * An INSERT's target is routed at execution, not scanned: the planner touches none of its partitions, so it
     * would show as "all pruned". It is left out unless the query also reads it.
     */
    private static void dropInsertOnlyTargets(Map<Long, ExplainCatalog.TargetInfo> targets, List<ExplainPlan> plans,
            Map<PlanNode.RelationRef, Long> oids) {
        Set<Long> insertTargets = new HashSet<>();
        Set<Long> read = new HashSet<>();
        for (ExplainPlan plan : plans) {
            for (PlanNode node : plan.nodes()) {
                if ("ModifyTable".equals(node.nodeType()) && "Insert".equals(node.operation())
                        && node.relation() != null) {
                    Optional.ofNullable(oids.get(node.relation())).ifPresent(insertTargets::add);
                } else if (node.isRelationScan()) {
                    Optional.ofNullable(oids.get(node.relation())).ifPresent(read::add);
                }
            }
        }
        insertTargets.removeAll(read);
        targets.keySet().removeAll(insertTargets);
    }

    /** Our own statements. */
    private void execute(String sql, String what) throws SQLException, PartscopeException {
        try (Statement s = connection.createStatement()) {
            cancel.running(s);
            try {
                s.execute(sql);
            } finally {
                cancel.finished(s);
            }
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(),
                        null, null, e);
            }
            throw e;
        }
    }

    /**
     * An error in what the user wrote (syntax, unknown column, bad value, unsupported feature, unknown prepared
     * statement) is bad input, named after the statement it came from; anything else keeps its translation.
     */
    private PartscopeException userStatementFailed(String what, SQLException e) {
        if (cancel.isCancelled()) {
            return new PartscopeException(ErrorKind.QUERY_CANCELLED, "cancelled by the user", e.getSQLState(), null,
                    null, e);
        }
        PartscopeException translated = SqlErrors.translate(e, settings);
        String state = translated.sqlState() == null ? "" : translated.sqlState();
        if (state.equals("25006")) {
            // read_only_sql_transaction: a write the keywords did not show (a function that writes, setval, ...)
            return new PartscopeException(ErrorKind.BAD_INPUT, what + " tried to change the database, and explain runs "
                    + "it read-only: " + translated.getMessage(), state, translated.detail(), "Setup may change only "
                    + "temp tables; the query runs read-only unless it is an ANALYZE of an INSERT, UPDATE, DELETE or "
                    + "MERGE on a profile that is not read-only.", e);
        }
        if (state.equals("25001")) {
            return new PartscopeException(ErrorKind.BAD_INPUT, what + " cannot run inside a transaction block, and "
                    + "explain runs everything in one: " + translated.getMessage(), state, translated.detail(), null, e);
        }
        if (state.equals("42601") && translated.getMessage().contains("multiple commands")) {
            return new PartscopeException(ErrorKind.BAD_INPUT, what + " holds more than one statement (the server "
                    + "refused it: " + translated.getMessage() + ")", state, translated.detail(), "Give one "
                    + "statement.", e);
        }
        boolean usersFault = translated.kind() == ErrorKind.INTERNAL && (state.startsWith("42")
                || state.startsWith("22") || state.startsWith("0A") || state.startsWith("26")
                || state.startsWith("34") || state.startsWith("2B") || state.startsWith("21")
                || state.startsWith("25"));
        return new PartscopeException(usersFault ? ErrorKind.BAD_INPUT : translated.kind(),
                what + " failed: " + translated.getMessage(), translated.sqlState(), translated.detail(),
                translated.hint(), e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback after an explain failed; the session is closed next", e);
        }
    }

}
