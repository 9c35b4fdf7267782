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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One explain on a dedicated session: the setup statements, then one transaction that is always rolled back (so an
 * ANALYZE of an UPDATE changes nothing) holding the probe, the EXPLAIN and the catalog questions.
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

    ExplainResult run(StatementText query, List<StatementText> setup, ExplainRequest request)
            throws SQLException, PartscopeException {
        connection.setAutoCommit(true);
        Duration timeout = request.statementTimeout();
        execute("SET statement_timeout = " + (timeout == null ? 0 : timeout.toMillis()), "statement_timeout");
        for (int i = 0; i < setup.size(); i++) {
            execute(setup.get(i).sql(), "setup statement " + (i + 1));
        }
        connection.setAutoCommit(false);
        try {
            execute("SET LOCAL lock_timeout = " + options.lockTimeout().toMillis(), "lock_timeout");
            Set<Long> before = catalog.lockedRelations();
            Set<Long> named = probe(query, before);
            String json = explainJson(query, request.analyze());
            Set<Long> locked = catalog.lockedRelations();
            long started = System.nanoTime();
            List<ExplainPlan> plans = PlanReader.read(json);
            Map<PlanNode.RelationRef, Long> oids = catalog.resolve(planRelations(plans));
            Map<Long, ExplainCatalog.TargetInfo> targets = catalog.targets(named != null ? named : locked);
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
                    first.executionTimeMs(), request.analyze() && query.mayModifyData(), plans, analysisMillis, json);
            return result.withFindings(lint(result, targets));
        } finally {
            rollbackQuietly();
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
    private Set<Long> probe(StatementText query, Set<Long> before) throws SQLException, PartscopeException {
        Optional<String> probeSql = probeStatement(query);
        if (probeSql.isEmpty()) {
            return null;
        }
        String name = probeName();
        execute("SAVEPOINT partscope_probe", "savepoint");
        try {
            execute("PREPARE " + name + probeSql.get(), "probe");
        } catch (SQLException e) {
            LOG.debug("the query cannot be prepared ({}); finding its partition sets from the plan's locks",
                    e.getMessage());
            execute("ROLLBACK TO SAVEPOINT partscope_probe", "savepoint");
            return null;
        }
        Set<Long> named = new HashSet<>(catalog.lockedRelations());
        named.removeAll(before);
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
        Optional<String> body = StatementText.preparedQuery(prepared.statement());
        String types = prepared.parameterTypes().isEmpty() ? "" : "(" + String.join(", ",
                prepared.parameterTypes()) + ")";
        return body.map(b -> types + " AS " + b);
    }

    private static String probeName() {
        return "partscope_probe_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private String explainJson(StatementText query, boolean analyze) throws SQLException, PartscopeException {
        String options = "FORMAT JSON, VERBOSE, COSTS, SETTINGS, SUMMARY" + (analyze ? ", ANALYZE, BUFFERS" : "");
        try (Statement s = connection.createStatement()) {
            cancel.running(s);
            try (ResultSet rs = executeExplain(s, "EXPLAIN (" + options + ") " + query.sql())) {
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

    private void execute(String sql, String what) throws SQLException, PartscopeException {
        try (Statement s = connection.createStatement()) {
            cancel.running(s);
            try {
                s.execute(sql);
            } finally {
                cancel.finished(s);
            }
        } catch (SQLException e) {
            if (what.startsWith("setup statement")) {
                throw userStatementFailed(what, e);
            }
            throw e;
        }
    }

    /**
     * An error in what the user wrote (syntax, unknown column, bad value, unsupported feature, unknown prepared
     * statement) is bad input, named after the statement it came from; anything else keeps its translation.
     */
    private PartscopeException userStatementFailed(String what, SQLException e) {
        PartscopeException translated = SqlErrors.translate(e, settings);
        String state = translated.sqlState() == null ? "" : translated.sqlState();
        boolean usersFault = translated.kind() == ErrorKind.INTERNAL && (state.startsWith("42")
                || state.startsWith("22") || state.startsWith("0A") || state.startsWith("26")
                || state.startsWith("34") || state.startsWith("2B") || state.startsWith("21"));
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
