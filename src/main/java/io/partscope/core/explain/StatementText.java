package io.partscope.core.explain;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.SqlLexer.Kind;
import io.partscope.core.explain.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One SQL statement as the user typed it, checked before anything is sent: not empty, one statement (a second one
 * after a semicolon would run outside EXPLAIN), the trailing semicolon and comments removed. It is read with
 * {@link SqlLexer}, as PostgreSQL reads it under the given {@code standard_conforming_strings}.
 *
 * <p>This check is the friendly one, made before anything runs. The binding one is made on the text as it is sent:
 * the driver's own parser must see one statement, and the server's single Parse message refuses a second command
 * (see {@link ExplainSession}), so a disagreement between this lexer and the server can only refuse a statement.
 */
public final class StatementText {
    /** Words that make a query change data or lock rows (also inside a WITH), or create a table (SELECT INTO). */
    private static final Set<String> MODIFYING_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "INTO");

    private final String sql;
    private final List<Token> tokens;

    private StatementText(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** As {@link #of(String, String, boolean)} with {@code standard_conforming_strings = on} (the default). */
    public static StatementText of(String text, String what) throws PartscopeException {
        return of(text, what, true);
    }

    /**
     * @param what how to name the text in a message ("query", "setup statement 2")
     * @param standardConformingStrings the session's setting: when off, a backslash escapes a quote in '...'
     * @throws PartscopeException BAD_INPUT for an empty text or more than one statement
     */
    public static StatementText of(String text, String what, boolean standardConformingStrings)
            throws PartscopeException {
        if (text == null || text.isBlank()) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, subject(what) + " is empty");
        }
        List<Token> all = SqlLexer.tokens(text, standardConformingStrings);
        int semicolon = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isChar(';')) {
                semicolon = i;
                break;
            }
        }
        if (semicolon >= 0) {
            for (int i = semicolon + 1; i < all.size(); i++) {
                Token t = all.get(i);
                if (t.kind() != Kind.COMMENT && !t.isChar(';')) {
                    throw new PartscopeException(ErrorKind.BAD_INPUT, subject(what) + " holds more than one statement",
                            null, null, "Give one statement; put SET or PREPARE statements in the setup list, one per "
                                    + "entry.", null);
                }
            }
        }
        List<Token> statement = semicolon >= 0 ? all.subList(0, semicolon) : all;
        // Trailing comments go too: the text is sent with more appended (EXPLAIN ... / PREPARE ... AS), and a comment
        // is nothing the server needs.
        int last = statement.size() - 1;
        while (last >= 0 && statement.get(last).kind() == Kind.COMMENT) {
            last--;
        }
        if (last < 0) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, subject(what) + " is empty");
        }
        int first = 0;
        while (statement.get(first).kind() == Kind.COMMENT) {
            first++;
        }
        String sql = text.substring(statement.get(first).start(), statement.get(last).end());
        int offset = statement.get(first).start();
        List<Token> kept = new ArrayList<>();
        for (Token t : statement.subList(first, last + 1)) {
            kept.add(new Token(t.kind(), t.start() - offset, t.end() - offset, t.text()));
        }
        return new StatementText(sql, List.copyOf(kept));
    }

    /** "the query", "setup statement 2". */
    private static String subject(String what) {
        return what.startsWith("setup statement") ? what : "the " + what;
    }

    /** The statement without its trailing semicolon and without leading and trailing comments. */
    public String sql() {
        return sql;
    }

    /** The tokens of {@link #sql()}, comments included, positions relative to it. */
    List<Token> tokens() {
        return tokens;
    }

    /** The bare words (keywords and unquoted identifiers), upper case, in order. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.WORD) {
                words.add(t.text().toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** The first {@code count} words of the statement (comments and literals skipped), upper case. */
    public List<String> leadingWords(int count) {
        List<String> words = words();
        return words.subList(0, Math.min(count, words.size()));
    }

    /** The prepared statement's name when this is {@code EXECUTE name(...)}, as the server stores it. */
    public Optional<String> executedStatementName() {
        List<Token> code = code();
        if (code.size() < 2 || !code.get(0).isWord("EXECUTE")) {
            return Optional.empty();
        }
        return name(code.get(1));
    }

    /** The name of a {@code PREPARE name ...} statement, as the server stores it. */
    Optional<String> preparedStatementName() {
        List<Token> code = code();
        if (code.size() < 2 || !code.get(0).isWord("PREPARE") || code.get(1).isWord("TRANSACTION")) {
            return Optional.empty();
        }
        return name(code.get(1));
    }

    /** An identifier as the server stores it: quoted as written, unquoted folded to lower case (ASCII only). */
    private static Optional<String> name(Token t) {
        if (t.kind() == Kind.QUOTED_IDENTIFIER && t.text().startsWith("\"")) {
            return Optional.of(t.body().replace("\"\"", "\""));
        }
        if (t.kind() == Kind.WORD && SqlLexer.isIdentifierStart(t.text().charAt(0))) {
            StringBuilder folded = new StringBuilder(t.text().length());
            for (char c : t.text().toCharArray()) {
                folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
            return Optional.of(folded.toString());
        }
        return Optional.empty();
    }

    /**
     * Whether the statement may change data or lock rows: INSERT/UPDATE/DELETE/MERGE (also inside a WITH), SELECT
     * ... INTO, FOR UPDATE/SHARE, CREATE TABLE AS. A function that writes is not seen here; the read-only transaction
     * the query runs in catches it.
     */
    public boolean mayModifyData() {
        List<String> words = words();
        if (!words.isEmpty() && words.get(0).equals("CREATE")) {
            return true;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (MODIFYING_WORDS.contains(w) || (w.equals("SHARE") && i > 0
                    && (words.get(i - 1).equals("FOR") || words.get(i - 1).equals("KEY")))) {
                return true;
            }
        }
        return false;
    }

    /** The statement's tokens without comments. */
    List<Token> code() {
        List<Token> code = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (t.kind() != Kind.COMMENT) {
                code.add(t);
            }
        }
        return code;
    }

    /**
     * The query of a {@code PREPARE name [(types)] AS query} command, as pg_prepared_statements shows it, or empty
     * when the text is not such a command.
     */
    static Optional<String> preparedQuery(String prepareCommand) {
        return preparedQuery(prepareCommand, true);
    }

    static Optional<String> preparedQuery(String prepareCommand, boolean standardConformingStrings) {
        StatementText statement;
        try {
            statement = of(prepareCommand, "prepared statement", standardConformingStrings);
        } catch (PartscopeException e) {
            return Optional.empty();
        }
        List<Token> code = statement.code();
        if (code.size() < 4 || !code.get(0).isWord("PREPARE")) {
            return Optional.empty();
        }
        int i = 2;
        if (code.get(i).isChar('(')) {
            int depth = 0;
            do {
                depth += code.get(i).isChar('(') ? 1 : code.get(i).isChar(')') ? -1 : 0;
                i++;
            } while (i < code.size() && depth > 0);
        }
        if (i + 1 >= code.size() || !code.get(i).isWord("AS")) {
            return Optional.empty();
        }
        return Optional.of(statement.sql().substring(code.get(i + 1).start()).strip());
    }
}
