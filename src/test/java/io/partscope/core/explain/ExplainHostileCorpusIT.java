package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of hostile texts: every combination of an opener that some reader may take as the start of a
 * literal or comment (quotes, E'' and U&'' with backslashes, dollar tags with non-ASCII tags, x€$$ identifiers,
 * nested comments) with a payload of semicolons and COMMIT / DROP / setval / DELETE, and a closer. Each runs as the
 * query and as a setup statement, with standard_conforming_strings on, set off by a setup statement, and off for the
 * whole database. Whatever each does, it must change nothing; and a refusal is the user's (bad input), never an
 * internal error.
 */
class ExplainHostileCorpusIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final List<String> OPENERS = List.of("'", "E'", "e'\\\\", "E'\\'", "U&'", "N'", "'\\'", "\\'",
            "$$", "$€$", "$a€$", "x€$$", "1$$", "$_$", "\"", "/*", "/* /*", "--");
    private static final String PAYLOAD = "; COMMIT; DROP TABLE canary; SELECT setval('s1', 999); DELETE FROM t; --";
    private static final List<String> CLOSERS = List.of("", "'", "$$", "$€$", "*/ */", "\"", "\n;");
    private static final Set<ErrorKind> USERS_FAULT = Set.of(ErrorKind.BAD_INPUT, ErrorKind.OPERATION_REFUSED);

    private static String on;
    private static String off;

    @BeforeAll
    static void createDatabases() {
        on = PG.newDatabase("hostile_on");
        off = PG.newDatabase("hostile_off");
        for (String database : List.of(on, off)) {
            PG.exec(database, "CREATE TABLE canary (id int)", "CREATE SEQUENCE s1", "SELECT setval('s1', 42)",
                    "CREATE TABLE t (id serial, v int)", "INSERT INTO t (v) SELECT g FROM generate_series(1, 100) g");
        }
        PG.exec(off, "ALTER DATABASE " + off + " SET standard_conforming_strings = off");
    }

    static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (String opener : OPENERS) {
            for (String closer : CLOSERS) {
                texts.add(opener + PAYLOAD + closer);
            }
        }
        return texts;
    }

    @Test
    void withStandardConformingStringsOnNothingChanges() throws Exception {
        run(on, List.of());
    }

    @Test
    void withStandardConformingStringsSetOffInSetupNothingChanges() throws Exception {
        run(on, List.of("SET standard_conforming_strings = off"));
    }

    @Test
    void withStandardConformingStringsOffForTheDatabaseNothingChanges() throws Exception {
        assertThat(PG.queryString(off, "SHOW standard_conforming_strings")).isEqualTo("off");
        run(off, List.of());
    }

    private static void run(String database, List<String> leadingSetup) throws Exception {
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int ran = 0;
        try (Database db = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS);
                Connection check = PG.superuserConnection(database)) {
            for (String text : texts()) {
                for (boolean asSetup : new boolean[] {false, true}) {
                    List<String> setup = new ArrayList<>(leadingSetup);
                    String query = "SELECT 1 AS a " + text;
                    if (asSetup) {
                        setup.add("SET application_name = " + text);
                        query = "SELECT 1";
                    }
                    String where = (asSetup ? "setup " : "query ") + text.replace("\n", "\\n");
                    try {
                        Explainer.explain(db, new ExplainRequest(query, setup, true, null), new Cancellation());
                        ran++;
                    } catch (PartscopeException e) {
                        refused++;
                        if (!USERS_FAULT.contains(e.kind())) {
                            failures.add(where + ": " + e.kind() + " " + e.getMessage());
                        }
                    }
                    if (!unchanged(check)) {
                        failures.add(where + ": CHANGED THE DATABASE");
                        return;
                    }
                }
            }
        } finally {
            assertThat(failures).isEmpty();
        }
        assertThat(ran + refused).isEqualTo(2 * OPENERS.size() * CLOSERS.size());
    }

    private static boolean unchanged(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('canary') IS NOT NULL"
                + " AND (SELECT last_value FROM s1) = 42 AND (SELECT count(*) FROM t) = 100"
                + " AND (SELECT last_value FROM t_id_seq) = 100")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
