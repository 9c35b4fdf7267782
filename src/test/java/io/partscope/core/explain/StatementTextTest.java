package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.SqlLexer.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lexer reads SQL as PostgreSQL's scanner does, where the statement ends and what its words are. */
class StatementTextTest {

    private static List<Kind> kinds(String sql, boolean standardConformingStrings) {
        return SqlLexer.tokens(sql, standardConformingStrings).stream().map(SqlLexer.Token::kind).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1 AS x€$$; COMMIT; DROP TABLE canary; --$$",
        "SELECT 1 AS é$$;$$",
        "SELECT 1$$x$$; DROP TABLE t",
        "SELECT $€$ $$ $€$; DROP TABLE t",
        "SELECT /* /* nested */ still comment */ 1; DROP TABLE t",
        "SELECT U&'\\' ; DROP TABLE t; --'",
        "SELECT e'\\\\'; DROP TABLE t"})
    void aSemicolonThePostgresScannerSeesMakesASecondStatement(String sql) {
        assertThatThrownBy(() -> StatementText.of(sql, "query")).isInstanceOfSatisfying(PartscopeException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo("the query holds more than one statement");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT $€$;$€$",
        "SELECT $a€b$ ; $a€b$",
        "SELECT E'\\';'",
        "SELECT 'a'\n';'",
        "SELECT E'\\''\n'\\';'",
        "SELECT \";\" FROM t",
        "SELECT /* ; /* ; */ ; */ 1",
        "SELECT 1 -- ;",
        "SELECT B';', X';', N';'"})
    void aSemicolonInsideALiteralOrCommentIsNoSecondStatement(String sql) throws PartscopeException {
        assertThat(StatementText.of(sql, "query").sql()).isEqualTo(sql.replace(" -- ;", ""));
    }

    @Test
    void aBackslashEscapesAQuoteOnlyWhenStandardConformingStringsIsOff() throws PartscopeException {
        String sql = "SELECT '\\'' ; COMMIT; DROP TABLE canary; --'";
        assertThat(StatementText.of(sql, "query", true).sql()).isEqualTo(sql);
        assertThatThrownBy(() -> StatementText.of(sql, "query", false))
                .hasMessage("the query holds more than one statement");
        assertThat(kinds("N'\\'' ;'", false)).containsExactly(Kind.STRING, Kind.OTHER, Kind.STRING);
        assertThat(kinds("U&'\\' ;'", false)).containsExactly(Kind.STRING, Kind.OTHER, Kind.STRING);
    }

    @Test
    void nonAsciiCharactersAreIdentifierCharacters() {
        assertThat(SqlLexer.tokens("x€$$ ö_1 $€$body$€$", true)).extracting(SqlLexer.Token::text)
                .containsExactly("x€$$", "ö_1", "$€$body$€$");
        assertThat(kinds("$1 $a $", true)).containsExactly(Kind.OTHER, Kind.WORD, Kind.OTHER, Kind.WORD,
                Kind.OTHER);
    }

    @Test
    void theTrailingSemicolonAndCommentsGo() throws PartscopeException {
        assertThat(StatementText.of("-- lead\n SELECT 1 /* tail */ ; -- after\n;", "query").sql())
                .isEqualTo("SELECT 1");
        assertThatThrownBy(() -> StatementText.of("/* only */ ;", "setup statement 2"))
                .hasMessage("setup statement 2 is empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EXECUTE q(1)|q",
        "execute Q2 (1)|q2",
        "EXECUTE \"My\"\"Q\"(1)|My\"Q",
        "/* c */ EXECUTE ÄQ|Äq"})
    void theExecutedStatementIsNamedAsTheServerStoresIt(String sql, String name) throws PartscopeException {
        assertThat(StatementText.of(sql, "query").executedStatementName()).contains(name);
    }

    @Test
    void thePreparedQueryIsTheTextAfterAs() {
        assertThat(StatementText.preparedQuery("PREPARE q(int, numeric(10, 2)) AS SELECT * FROM t WHERE k = $1;"))
                .contains("SELECT * FROM t WHERE k = $1");
        assertThat(StatementText.preparedQuery("PREPARE \"as\" AS DELETE FROM t")).contains("DELETE FROM t");
        assertThat(StatementText.preparedQuery("PREPARE TRANSACTION 'x'")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM t|false",
        "SELECT 'delete' AS \"update\", updated_at FROM t|false",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d|true",
        "SELECT * FROM t FOR UPDATE|true",
        "SELECT * FROM t FOR KEY SHARE|true",
        "SELECT 1 INTO x|true",
        "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE|true",
        "CREATE TABLE x AS SELECT 1|true"})
    void dataModifyingStatementsAreToldByTheirWords(String sql, boolean modifies) throws PartscopeException {
        assertThat(StatementText.of(sql, "query").mayModifyData()).isEqualTo(modifies);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SET work_mem = '1MB'|SESSION",
        "BEGIN|SESSION",
        "PREPARE q AS SELECT 1|PASSIVE",
        "CREATE TEMP TABLE z (k int)|CREATE_TEMPORARY",
        "CREATE LOCAL TEMPORARY TABLE z AS SELECT 1 WITH NO DATA|CREATE_TEMPORARY",
        "CREATE TEMP VIEW v AS SELECT nextval('s')|CREATE_TEMPORARY",
        "CREATE TEMP SEQUENCE s AS bigint|CREATE_TEMPORARY",
        "CREATE TEMP TABLE p1 PARTITION OF p FOR VALUES FROM (MINVALUE) TO (10)|CREATE_TEMPORARY",
        "INSERT INTO z SELECT 1|ACTIVE",
        "LOAD 'auto_explain'|ACTIVE"})
    void setupStatementsAreClassifiedByTheirLeadingWords(String sql, StatementRules.SetupKind kind)
            throws PartscopeException {
        assertThat(StatementRules.classifySetup(StatementText.of(sql, "setup statement 1"), "setup statement 1"))
                .isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TEMP TABLE z AS SELECT setval('s', 1)|would run a query",
        "CREATE TEMP TABLE z AS EXECUTE q WITH NO DATA|would run a query",
        "CREATE TEMP TABLE p1 PARTITION OF p FOR VALUES IN (f())|calls a function in its partition bound",
        "rollback to savepoint a|would end the transaction",
        "REINDEX TABLE CONCURRENTLY t|cannot run inside a transaction block",
        "SET LOCAL \"transaction_read_only\" = off|names transaction_read_only",
        "SELECT pg_catalog.set_config('work_mem', '1MB', true)|names transaction_read_only or set_config",
        "DO $$ BEGIN RESET transaction_read_only; END $$|names transaction_read_only"})
    void refusedSetupSaysWhy(String sql, String reason) {
        assertThatThrownBy(() -> StatementRules.classifySetup(StatementText.of(sql, "setup statement 1"),
                "setup statement 1")).isInstanceOfSatisfying(PartscopeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("setup statement 1 ").contains(reason);
                });
    }
}
