package io.partscope.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        List<SqlScript.Statement> statements = SqlScript.split("""
                CREATE TABLE "a;b" (x text DEFAULT 'it''s; here');
                /* a comment; /* nested; */ still comment */ SELECT E'back\\'slash;', 1;
                DO $body$ BEGIN PERFORM 1; RAISE NOTICE '$$;'; END $body$;
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
                SELECT 'x' -- trailing comment; not a separator
                ;
                SELECT $1, a$b FROM t
                """);
        assertEquals(6, statements.size(), statements.toString());
        assertEquals("CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; here')", statements.get(0).sql());
        assertTrue(statements.get(1).sql().endsWith("SELECT E'back\\'slash;', 1"), statements.get(1).sql());
        assertTrue(statements.get(2).sql().startsWith("DO $body$"));
        assertTrue(statements.get(2).sql().endsWith("END $body$"));
        assertTrue(statements.get(3).sql().endsWith("$$ SELECT 1; $$"));
        assertEquals("SELECT $1, a$b FROM t", statements.get(5).sql());
    }

    @Test
    void stepAndGexecCommentsApplyToTheNextStatementOnly() {
        List<SqlScript.Statement> statements = SqlScript.split("""
                -- step: Making things
                -- gexec
                SELECT 'VACUUM t';
                SELECT 2;
                -- step: Second step
                SELECT 3;
                """);
        assertEquals(3, statements.size());
        assertEquals("Making things", statements.get(0).step());
        assertTrue(statements.get(0).gexec());
        assertNull(statements.get(1).step());
        assertFalse(statements.get(1).gexec());
        assertEquals("Second step", statements.get(2).step());
    }

    @Test
    void everyDemoScriptIsOnTheClassPathAndSplitsIntoStatements() {
        for (String script : DemoLoader.SCRIPTS) {
            List<SqlScript.Statement> statements = SqlScript.load(script);
            assertFalse(statements.isEmpty(), script);
            assertTrue(statements.get(0).step() != null, script + " starts with a step: the GUI shows it");
        }
    }

    @Test
    void defaultFolderFollowsXdgDataHomeElseTheHomeFolder() {
        Path home = Path.of("/home/dba");
        assertEquals(Path.of("/home/dba/.local/share/partscope/demo"),
                DemoDatabase.defaultBaseDirectory(new Environment(Map.of(), home)));
        assertEquals(Path.of("/data/xdg/partscope/demo"),
                DemoDatabase.defaultBaseDirectory(new Environment(Map.of("XDG_DATA_HOME", "/data/xdg"), home)));
        assertEquals(Path.of("/home/dba/.local/share/partscope/demo"),
                DemoDatabase.defaultBaseDirectory(new Environment(Map.of("XDG_DATA_HOME", "relative"), home)),
                "a relative XDG_DATA_HOME is ignored, as the XDG spec says");
    }
}
