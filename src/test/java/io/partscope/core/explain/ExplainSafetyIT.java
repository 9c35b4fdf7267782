package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security promises of explain, each exploit of the issue as it was reported: exactly one statement reaches the
 * server per text, setup and query share one transaction that is rolled back and runs read-only wherever a function
 * could run, and a read-only profile never runs a data-modifying statement. Each test checks the database afterwards:
 * the canary table, the sequence, the row counts.
 */
class ExplainSafetyIT {
    private static final TestPostgres PG = TestPostgres.get();
    private String database;
    private Database db;

    @BeforeEach
    void createDatabase() throws PartscopeException {
        database = PG.newDatabase("explainsafety");
        PG.exec(database, "CREATE TABLE canary (id int)",
                "CREATE SEQUENCE s1",
                "SELECT setval('s1', 42)",
                "CREATE TABLE t (id serial PRIMARY KEY, v int)",
                "INSERT INTO t (v) SELECT g FROM generate_series(1, 100) g",
                "CREATE TABLE m (k int NOT NULL, v text) PARTITION BY RANGE (k)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20)",
                "INSERT INTO m SELECT g % 20, 'x' FROM generate_series(1, 1000) g",
                "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS $$ INSERT INTO t (v) VALUES (0) RETURNING v $$");
        db = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ExplainResult explain(ExplainRequest request) throws PartscopeException {
        return Explainer.explain(db, request, new Cancellation());
    }

    private static ExplainRequest query(String sql, String... setup) {
        return new ExplainRequest(sql, List.of(setup), false, null);
    }

    /** Nothing changed: the canary is there, the sequences did not move, no row went or came. */
    private void assertUnchanged() {
        assertUnchanged(database);
    }

    static void assertUnchanged(String database) {
        assertThat(PG.queryString(database, "SELECT to_regclass('canary') IS NOT NULL")).as("canary").isEqualTo("t");
        assertThat(PG.queryString(database, "SELECT last_value FROM s1")).as("sequence s1").isEqualTo("42");
        assertThat(PG.queryString(database, "SELECT last_value FROM t_id_seq")).as("sequence of t").isEqualTo("100");
        assertThat(PG.queryString(database, "SELECT count(*) FROM t")).as("rows of t").isEqualTo("100");
        assertThat(PG.queryString(database, "SELECT count(*) FROM m")).as("rows of m").isEqualTo("1000");
    }

    private void assertRefused(ExplainRequest request, ErrorKind kind, String message) {
        assertThatThrownBy(() -> explain(request)).isInstanceOfSatisfying(PartscopeException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
        });
        assertUnchanged();
    }

    @Test
    void aDollarAfterANonAsciiIdentifierHidesNoSecondStatement() {
        assertRefused(query("SELECT 1 AS x€$$; COMMIT; DROP TABLE canary; --$$"), ErrorKind.BAD_INPUT,
                "the query holds more than one statement");
    }

    @Test
    void aBackslashQuoteUnderStandardConformingStringsOffHidesNoSecondStatement() {
        assertRefused(query("SELECT '\\'' ; COMMIT; DROP TABLE canary; --'", "SET standard_conforming_strings = off"),
                ErrorKind.BAD_INPUT, "the query holds more than one statement");
    }

    @Test
    void standardConformingStringsOffForTheWholeDatabaseIsReadAsTheServerReadsIt() throws PartscopeException {
        PG.exec(database, "ALTER DATABASE " + database + " SET standard_conforming_strings = off");
        try (Database off = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS)) {
            assertThatThrownBy(() -> Explainer.explain(off, query("SELECT '\\'' ; COMMIT; DROP TABLE canary; --'"),
                    new Cancellation())).isInstanceOfSatisfying(PartscopeException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT));
        }
        assertUnchanged();
    }

    @Test
    void aSetupStatementHidesNoSecondStatement() {
        assertRefused(query("SELECT 1", "SET application_name = x€$$; DROP TABLE canary; --$$"), ErrorKind.BAD_INPUT,
                "setup statement 1 holds more than one statement");
    }

    @Test
    void aCreateTempTableAsQueryIsRefusedSoItsDeleteNeverRuns() {
        assertRefused(query("SELECT * FROM m", "CREATE TEMP TABLE z AS WITH d AS (DELETE FROM t WHERE id < 10 "
                + "RETURNING *) SELECT * FROM d"), ErrorKind.BAD_INPUT, "would run a query before the transaction");
        assertRefused(query("SELECT * FROM m", "CREATE TEMP TABLE z AS SELECT setval('s1', 1000)"), ErrorKind.BAD_INPUT,
                "would run a query before the transaction");
    }

    @Test
    void aCreateTempTableWithNoDataDoesNotRunItsQuery() throws PartscopeException {
        ExplainResult r = explain(query("SELECT * FROM z", "CREATE TEMP TABLE z AS SELECT setval('s1', 1000) AS n "
                + "WITH NO DATA"));
        assertThat(r.readOnly()).isTrue();
        assertUnchanged();
    }

    @Test
    void setvalInSetupIsRefusedByTheServerBecauseTheTransactionIsReadOnly() {
        assertRefused(query("SELECT * FROM m", "SELECT setval('s1', 1000)"), ErrorKind.BAD_INPUT,
                "setup statement 1 tried to change the database, and explain runs it read-only: cannot execute "
                        + "setval() in a read-only transaction");
    }

    @Test
    void aSetupInsertIntoATempTableWorksAndTheQueryReadsIt() throws PartscopeException {
        ExplainResult r = explain(query("SELECT * FROM m JOIN z USING (k)", "CREATE TEMP TABLE z (k int)",
                "INSERT INTO z SELECT g FROM generate_series(1, 5) g", "ANALYZE z"));
        assertThat(r.targets()).extracting(PruningTarget::name).containsExactly("m");
        assertUnchanged();
    }

    @Test
    void aSetupInsertIntoARealTableIsRefusedByTheServer() {
        assertRefused(query("SELECT count(*) FROM t", "INSERT INTO t (v) SELECT g FROM generate_series(1, 1000) g"),
                ErrorKind.BAD_INPUT, "cannot execute INSERT in a read-only transaction");
    }

    @Test
    void transactionControlInSetupIsRefusedByName() {
        for (String sql : List.of("COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT a", "RELEASE SAVEPOINT a",
                "ROLLBACK TO SAVEPOINT a", "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'")) {
            assertRefused(query("SELECT 1", sql), ErrorKind.BAD_INPUT, "would end the transaction Partscope rolls back");
        }
    }

    @Test
    void aBeginInSetupIsAcceptedAndChangesNothing() throws PartscopeException {
        explain(query("SELECT * FROM m", "BEGIN", "SET enable_seqscan = off"));
        assertUnchanged();
    }

    @Test
    void statementsThatCannotRunInATransactionAreRefusedByName() {
        for (String sql : List.of("VACUUM t", "CREATE INDEX CONCURRENTLY ON t (v)", "DISCARD ALL", "CLUSTER",
                "ALTER SYSTEM SET work_mem = '1MB'", "CREATE DATABASE nope", "REINDEX DATABASE x")) {
            assertRefused(query("SELECT 1", sql), ErrorKind.BAD_INPUT, "cannot run inside a transaction block");
        }
    }

    @Test
    void aCreateTempAfterAStatementThatRunsReadOnlyIsRefusedWithAdvice() {
        assertThatThrownBy(() -> explain(query("SELECT 1", "SELECT 1", "CREATE TEMP TABLE z (k int)")))
                .isInstanceOfSatisfying(PartscopeException.class, e -> {
                    assertThat(e.getMessage()).startsWith("setup statement 2 creates a temporary object after setup "
                            + "statement 1");
                    assertThat(e.hint()).contains("Put the CREATE TEMPORARY statements first");
                });
    }

    @Test
    void theTransactionCannotBeSwitchedBackToReadWrite() {
        // refused by the server once the snapshot is taken
        assertRefused(query("SELECT 1", "SELECT 1", "BEGIN READ WRITE"), ErrorKind.BAD_INPUT,
                "transaction read-write mode must be set before any query");
        assertRefused(query("SELECT 1", "SELECT 1", "SET TRANSACTION READ WRITE"), ErrorKind.BAD_INPUT,
                "transaction read-write mode must be set before any query");
        // RESET and set_config(..., NULL) skip the server's check: refused by name
        assertRefused(query("SELECT 1", "RESET transaction_read_only"), ErrorKind.BAD_INPUT,
                "names transaction_read_only or set_config");
        assertRefused(query("SELECT 1", "SET transaction_read_only TO DEFAULT"), ErrorKind.BAD_INPUT,
                "names transaction_read_only or set_config");
        assertRefused(query("SELECT set_config('transaction_read_only', NULL, true), setval('s1', 5000)")
                .withAnalyze(true), ErrorKind.BAD_INPUT, "names transaction_read_only or set_config");
    }

    @Test
    void aSetupThatResetsReadOnlyThroughDynamicSqlIsStoppedBeforeTheNextStatement() {
        ExplainRequest request = query("SELECT 1", "DO $do$ BEGIN EXECUTE 'RESET transaction' || '_read' || '_only'; "
                + "END $do$", "SELECT setval('s1', 5000)");
        if (PG.major() >= 16) {
            // PostgreSQL 16 made transaction_read_only impossible to reset
            assertRefused(request, ErrorKind.BAD_INPUT, "parameter \"transaction_read_only\" cannot be reset");
        } else {
            assertRefused(request, ErrorKind.OPERATION_REFUSED,
                    "setup statement 1 switched the transaction back to read-write");
        }
    }

    @Test
    void aWriteTheKeywordsMissIsRefusedByTheServerWithAClearMessage() {
        assertRefused(query("SELECT sneaky()").withAnalyze(true), ErrorKind.BAD_INPUT,
                "the query tried to change the database, and explain runs it read-only: cannot execute INSERT in a "
                        + "read-only transaction");
    }

    @Test
    void aReadOnlyProfileRefusesAnalyzeOfADataModifyingStatementBeforeAnythingRuns() {
        assertRefused(query("INSERT INTO t (v) SELECT g FROM generate_series(1, 1000) g").withAnalyze(true)
                .withReadOnly(true), ErrorKind.OPERATION_REFUSED, "the profile is read-only: EXPLAIN ANALYZE would run "
                + "this data-modifying statement");
        assertRefused(query("EXECUTE del", "PREPARE del AS DELETE FROM t WHERE id < 50").withAnalyze(true)
                .withReadOnly(true), ErrorKind.OPERATION_REFUSED, "the profile is read-only");
        assertRefused(query("SELECT * FROM t FOR UPDATE").withAnalyze(true).withReadOnly(true),
                ErrorKind.OPERATION_REFUSED, "the profile is read-only");
    }

    @Test
    void aReadOnlyProfileExplainsADataModifyingStatementWithoutAnalyzeReadOnly() throws PartscopeException {
        ExplainResult r = explain(query("INSERT INTO t (v) SELECT g FROM generate_series(1, 1000) g")
                .withReadOnly(true));
        assertThat(r.readOnly()).isTrue();
        assertThat(r.warning()).isNull();
        assertUnchanged();
    }

    @Test
    void aReadOnlyProfileRefusesCreateTemp() {
        assertRefused(query("SELECT 1", "CREATE TEMP TABLE z (k int)").withReadOnly(true), ErrorKind.OPERATION_REFUSED,
                "creates a temporary object, which the READ ONLY transaction of a read-only profile refuses");
    }

    @Test
    void analyzeOfADataModifyingStatementElsewhereSaysWhatStaysBehind() throws PartscopeException {
        ExplainRequest request = query("INSERT INTO t (v) SELECT g FROM generate_series(1, 1000) g").withAnalyze(true);
        assertThat(Explainer.dataChangeWarning(request)).isEqualTo(Explainer.DATA_CHANGE_WARNING)
                .contains("sequences it advances").contains("dead tuples");
        assertThat(Explainer.dataChangeWarning(query("SELECT * FROM t").withAnalyze(true))).isNull();
        ExplainResult r = explain(request);
        assertThat(r.readOnly()).isFalse();
        assertThat(r.rolledBack()).isTrue();
        assertThat(r.warning()).isEqualTo(Explainer.DATA_CHANGE_WARNING);
        // the rows are gone again; the sequence is not: that is what the warning says
        assertThat(PG.queryString(database, "SELECT count(*) FROM t")).isEqualTo("100");
        assertThat(PG.queryString(database, "SELECT last_value FROM t_id_seq")).isEqualTo("1100");
    }

    @Test
    void withAnalyzeOfADataModifyingStatementSetupThatMayRunFunctionsIsRefused() {
        assertRefused(query("DELETE FROM t").withAnalyze(true).withSetup(List.of("SELECT setval('s1', 1)")),
                ErrorKind.BAD_INPUT, "may run functions, and with ANALYZE of a data-modifying query the transaction "
                        + "stays read-write");
    }

    @Test
    void aSetupResetAllOrStatementTimeoutZeroKeepsOurStatementTimeout() {
        assertThatThrownBy(() -> explain(query("SELECT pg_sleep(30)", "RESET ALL", "SET statement_timeout = 0")
                .withAnalyze(true).withStatementTimeout(java.time.Duration.ofMillis(300))))
                .isInstanceOfSatisfying(PartscopeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.QUERY_CANCELLED));
    }

    @Test
    void theSimpleQueryProtocolIsRefused() throws PartscopeException {
        ConnectionSettings s = PG.superuserSettings(database);
        ConnectionSettings simple = new ConnectionSettings(s.host(), s.port(), s.database(), s.user(), s.password(),
                s.sslMode(), s.options(), Map.of("preferQueryMode", "simple"));
        try (Database viaSimple = Database.open(simple, DatabaseOptions.DEFAULTS)) {
            assertThatThrownBy(() -> Explainer.explain(viaSimple, query("SELECT 1"), new Cancellation()))
                    .isInstanceOfSatisfying(PartscopeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                        assertThat(e.getMessage()).contains("preferQueryMode=simple");
                    });
        }
    }

    @Test
    void theProbeStillNamesTheSetsInsideTheNewTransaction() throws PartscopeException {
        ExplainResult r = explain(query("SELECT * FROM m WHERE k = 3", "SET enable_seqscan = off"));
        assertThat(r.targets()).singleElement().satisfies(t -> assertThat(t.scanned()).containsExactly("public.m_1"));
        assertThat(r.readOnly()).isTrue();
    }
}
