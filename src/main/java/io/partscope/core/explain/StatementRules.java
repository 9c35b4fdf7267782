package io.partscope.core.explain;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.SqlLexer.Kind;
import io.partscope.core.explain.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a setup statement or a query may be, decided by its leading words before anything runs. Setup and query share
 * one transaction that is always rolled back and that turns read-only before anything can run a function
 * ({@link ExplainSession}); these rules refuse, by name, what could end that transaction early, what cannot run in
 * one, and what could switch it back to read-write.
 */
final class StatementRules {
    /** How a setup statement takes part in the transaction. */
    enum SetupKind {
        /** SET, RESET, BEGIN, START TRANSACTION: run nothing; fine before and after the switch to read-only. */
        SESSION,
        /** CREATE TEMPORARY ... without a query to run: needs the read-write part, before anything else. */
        CREATE_TEMPORARY,
        /** PREPARE, DEALLOCATE, DISCARD: run no query (a PREPARE only parses), work read-only too. */
        PASSIVE,
        /** Anything else (INSERT into a temp table, SELECT, DO, LOAD...): may run code, so runs read-only. */
        ACTIVE
    }

    private static final Set<String> ENDS_TRANSACTION = Set.of("COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT",
            "RELEASE");
    private static final Set<String> NOT_IN_TRANSACTION = Set.of("VACUUM", "ALTER SYSTEM", "CREATE DATABASE",
            "DROP DATABASE", "CREATE TABLESPACE", "DROP TABLESPACE", "DISCARD ALL", "REINDEX SYSTEM",
            "REINDEX DATABASE", "CREATE SUBSCRIPTION", "DROP SUBSCRIPTION", "ALTER SUBSCRIPTION");
    /** Words that take parentheses in a partition bound without calling anything. */
    private static final Set<String> BOUND_WORDS = Set.of("IN", "FROM", "TO", "WITH", "VALUES");

    private StatementRules() {
    }

    /**
     * @throws PartscopeException BAD_INPUT naming the statement and why it cannot be setup
     */
    static SetupKind classifySetup(StatementText statement, String what) throws PartscopeException {
        requireNoReadWriteSwitch(statement, what);
        List<String> words = statement.words();
        String first = words.isEmpty() ? "" : words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        String two = first + " " + second;
        if (ENDS_TRANSACTION.contains(first) || two.equals("PREPARE TRANSACTION")) {
            throw refused(what + " would end the transaction Partscope rolls back (" + two.strip() + ")", statement,
                    "Setup and query run in one transaction that is always rolled back; COMMIT, ROLLBACK, END, "
                            + "ABORT, SAVEPOINT, RELEASE and PREPARE TRANSACTION are refused there.");
        }
        if (notInTransaction(words)) {
            throw refused(what + " cannot run inside a transaction block", statement,
                    "Setup runs inside the transaction that is rolled back at the end; VACUUM, CREATE/DROP DATABASE, "
                            + "ALTER SYSTEM, tablespaces, ... CONCURRENTLY, DISCARD ALL and the like cannot.");
        }
        switch (first) {
            case "SET", "RESET", "BEGIN", "START" -> {
                return SetupKind.SESSION;
            }
            case "PREPARE", "DEALLOCATE", "DISCARD" -> {
                return SetupKind.PASSIVE;
            }
            default -> {
            }
        }
        if (isCreateTemporary(words)) {
            requireNoQueryInCreate(statement, what);
            return SetupKind.CREATE_TEMPORARY;
        }
        return SetupKind.ACTIVE;
    }

    /** The query itself: the same refusals of a read-write switch (it runs in the read-only transaction too). */
    static void checkQuery(StatementText query) throws PartscopeException {
        requireNoReadWriteSwitch(query, "the query");
    }

    private static boolean notInTransaction(List<String> words) {
        String first = words.isEmpty() ? "" : words.get(0);
        String two = words.size() > 1 ? first + " " + words.get(1) : first;
        if (NOT_IN_TRANSACTION.contains(first) || NOT_IN_TRANSACTION.contains(two)) {
            return true;
        }
        // CLUSTER without a table (CLUSTER; CLUSTER VERBOSE) reclusters the whole database, one transaction per table
        if (first.equals("CLUSTER") && (words.size() == 1 || (words.size() == 2 && words.get(1).equals("VERBOSE")))) {
            return true;
        }
        return words.contains("CONCURRENTLY");
    }

    private static boolean isCreateTemporary(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("CREATE")) {
            return false;
        }
        int i = 1;
        if (words.get(i).equals("OR") && words.size() > 3) {
            i = 3; // CREATE OR REPLACE TEMP VIEW
        }
        if (words.get(i).equals("LOCAL") || words.get(i).equals("GLOBAL")) {
            i++;
        }
        return i < words.size() && (words.get(i).equals("TEMP") || words.get(i).equals("TEMPORARY"));
    }

    /**
     * A CREATE TEMPORARY runs in the read-write part of the transaction, so it must not run anything: {@code AS
     * query} runs its query (unless WITH NO DATA: then PostgreSQL 13+ neither plans nor runs it), and a partition
     * bound is evaluated when the partition is created.
     */
    private static void requireNoQueryInCreate(StatementText statement, String what) throws PartscopeException {
        List<Token> code = statement.code();
        List<String> words = statement.words();
        boolean withNoData = words.size() >= 3 && words.subList(words.size() - 3, words.size())
                .equals(List.of("WITH", "NO", "DATA"));
        int as = -1;
        int depth = 0;
        for (int i = 0; i < code.size(); i++) {
            Token t = code.get(i);
            depth += t.isChar('(') ? 1 : t.isChar(')') ? -1 : 0;
            if (depth == 0 && t.isWord("AS") && as < 0) {
                as = i;
            }
        }
        // Only a table runs its AS query; a temp view stores its query, a temp sequence's AS names a type.
        int temp = Math.max(words.indexOf("TEMP"), words.indexOf("TEMPORARY"));
        boolean table = temp + 1 < words.size() && words.get(temp + 1).equals("TABLE");
        if (as >= 0 && table) {
            boolean executes = as + 1 < code.size() && code.get(as + 1).isWord("EXECUTE");
            if (!withNoData || executes) {
                throw refused(what + " would run a query before the transaction turns read-only", statement,
                        "Write CREATE TEMP TABLE z AS ... WITH NO DATA (or a column list), then INSERT INTO z SELECT "
                                + "... as a later setup statement: inserting into a temp table works in the read-only "
                                + "transaction.");
            }
        }
        int bound = -1;
        for (int i = 0; i + 1 < code.size(); i++) {
            if (code.get(i).isWord("FOR") && code.get(i + 1).isWord("VALUES")) {
                bound = i + 2;
            }
        }
        if (bound >= 0) {
            for (int i = bound; i + 1 < code.size(); i++) {
                Token t = code.get(i);
                if (t.kind() == Kind.WORD && code.get(i + 1).isChar('(')
                        && !BOUND_WORDS.contains(t.text().toUpperCase(Locale.ROOT))) {
                    throw refused(what + " calls a function in its partition bound, which runs before the "
                            + "transaction turns read-only", statement, "Write the bound as constants.");
                }
            }
        }
    }

    /**
     * PostgreSQL refuses {@code SET transaction_read_only = off} once a query ran, but not {@code RESET
     * transaction_read_only}, {@code SET ... TO DEFAULT} or {@code set_config('transaction_read_only', NULL, ...)}
     * (a reset skips the check; seen on 15). So any mention of the setting, and set_config, is refused.
     */
    private static void requireNoReadWriteSwitch(StatementText statement, String what) throws PartscopeException {
        for (Token t : statement.tokens()) {
            boolean mentions = switch (t.kind()) {
                case WORD -> t.text().equalsIgnoreCase("transaction_read_only")
                        || t.text().equalsIgnoreCase("set_config");
                case STRING, DOLLAR_STRING, QUOTED_IDENTIFIER -> {
                    String body = t.body().toLowerCase(Locale.ROOT);
                    yield body.contains("transaction_read_only") || body.contains("set_config");
                }
                default -> false;
            };
            if (mentions) {
                throw refused(what + " names transaction_read_only or set_config", statement,
                        "The explain transaction is read-only and stays so; use SET for other settings.");
            }
        }
    }

    private static PartscopeException refused(String message, StatementText statement, String hint) {
        return new PartscopeException(ErrorKind.BAD_INPUT, message + ": " + Explainer.abbreviate(statement.sql()),
                null, null, hint, null);
    }
}
