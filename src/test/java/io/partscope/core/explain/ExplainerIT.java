package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What explaining promises beyond pruning: nothing changes, bad input is refused clearly, it can be stopped. */
class ExplainerIT {
    private static final TestPostgres PG = TestPostgres.get();
    private String database;
    private Database db;

    @BeforeEach
    void createSet() throws PartscopeException {
        database = PG.newDatabase("explainer");
        PG.exec(database, "CREATE TABLE m (k int NOT NULL, v text) PARTITION BY RANGE (k)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20)",
                "INSERT INTO m SELECT g % 20, 'x' FROM generate_series(1, 1000) g");
        db = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ExplainResult explain(ExplainRequest request) throws PartscopeException {
        return Explainer.explain(db, request, new Cancellation());
    }

    @Test
    void analyzeOfADeleteRunsItAndChangesNothing() throws Exception {
        ExplainResult result = explain(ExplainRequest.of("DELETE FROM m WHERE k < 10").withAnalyze(true));

        assertThat(result.rolledBack()).isTrue();
        assertThat(result.executionTimeMs()).isNotNull();
        PlanNode modify = result.plans().get(0).root();
        assertThat(modify.nodeType()).isEqualTo("ModifyTable");
        // The DELETE really ran: the scan under it found the 500 rows it deleted...
        assertThat(result.plans().get(0).nodes()).filteredOn(PlanNode::isRelationScan)
                .extracting(PlanNode::actualRows).containsExactly(500.0);
        // ...and they are all still there.
        assertThat(PG.queryString(database, "SELECT count(*) FROM m")).isEqualTo("1000");
    }

    @Test
    void analyzeOfADataModifyingCteChangesNothing() throws Exception {
        explain(ExplainRequest.of("WITH gone AS (DELETE FROM m RETURNING *) SELECT count(*) FROM gone")
                .withAnalyze(true));
        assertThat(PG.queryString(database, "SELECT count(*) FROM m")).isEqualTo("1000");
    }

    @Test
    void theServersJsonIsKeptUnchanged() throws Exception {
        ExplainResult result = explain(ExplainRequest.of("SELECT * FROM m WHERE k = 3"));
        assertThat(result.plan()).startsWith("[").contains("\"Relation Name\": \"m_1\"");
    }

    @Test
    void aSecondStatementIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> explain(ExplainRequest.of("SELECT 1; DROP TABLE m")))
                .isInstanceOfSatisfying(PartscopeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                    assertThat(e.getMessage()).contains("more than one statement");
                });
        assertThat(PG.queryString(database, "SELECT to_regclass('m') IS NOT NULL")).isEqualTo("t");
    }

    @Test
    void aSemicolonInsideALiteralOrCommentIsNotASecondStatement() throws Exception {
        ExplainResult result = explain(ExplainRequest.of("SELECT * FROM m WHERE v = ';' -- ; a comment\n;"));
        assertThat(result.targets()).hasSize(1);
    }

    @Test
    void aSetupStatementThatWouldChangeTheDatabaseIsRefused() {
        assertThatThrownBy(() -> explain(ExplainRequest.of("SELECT * FROM m").withSetup(List.of(
                "SET enable_seqscan = off", "DELETE FROM m"))))
                .isInstanceOfSatisfying(PartscopeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("setup statement 2 tried to change the database, and explain "
                            + "runs it read-only: cannot execute DELETE in a read-only transaction");
                });
        assertThat(PG.queryString(database, "SELECT count(*) FROM m")).isEqualTo("1000");
    }

    @Test
    void anErrorInTheQueryIsBadInputWithTheServersMessage() {
        assertThatThrownBy(() -> explain(ExplainRequest.of("SELECT nope FROM m")))
                .isInstanceOfSatisfying(PartscopeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo("the query failed: column \"nope\" does not exist");
                    assertThat(e.sqlState()).isEqualTo("42703");
                });
    }

    @Test
    void anErrorInASetupStatementNamesIt() {
        assertThatThrownBy(() -> explain(ExplainRequest.of("SELECT * FROM m").withSetup(List.of(
                "SET enable_seqscan = off", "SET no_such_setting = 1"))))
                .isInstanceOfSatisfying(PartscopeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("setup statement 2 failed: ");
                });
    }

    @Test
    void theStatementTimeoutStopsASlowAnalyze() {
        assertThatThrownBy(() -> explain(ExplainRequest.of("SELECT pg_sleep(30), * FROM m WHERE k = 1 LIMIT 1")
                .withAnalyze(true).withStatementTimeout(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(PartscopeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.QUERY_CANCELLED));
    }

    @Test
    void cancelStopsARunningAnalyzeOnTheServer() throws Exception {
        Cancellation cancel = new Cancellation();
        CompletableFuture<ExplainResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return Explainer.explain(db, ExplainRequest.of("SELECT pg_sleep(60), * FROM m LIMIT 1")
                        .withAnalyze(true), cancel);
            } catch (PartscopeException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        PG.awaitTrue(database, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'EXPLAIN%pg_sleep(60)%'"
                + " AND state = 'active')");
        cancel.cancel();
        assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(PartscopeException.class)
                .cause().satisfies(e -> assertThat(((PartscopeException) e).kind())
                        .isEqualTo(ErrorKind.QUERY_CANCELLED));
    }

    @Test
    void theSessionIsClosedAfterwardsSoSetupLeavesNothingBehind() throws Exception {
        explain(ExplainRequest.of("EXECUTE q(3)").withSetup(List.of("PREPARE q(int) AS SELECT * FROM m WHERE k = $1",
                "CREATE TEMP TABLE scratch (x int)")));
        // The explain's session is closed at the end, and its temp table goes with it (the backend drops it on exit).
        PG.awaitTrue(database, "SELECT NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'scratch')");
    }
}
