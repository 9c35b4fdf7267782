package io.partscope.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.support.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the failsafe execution {@code it-pg12}, against a real PostgreSQL 12 (the other executions exclude
 * it; it also skips itself on any other major).
 */
class UnsupportedServerIT {

    @Test
    void postgres12IsRefusedAsServerTooOld() {
        TestPostgres pg = TestPostgres.get();
        Assumptions.assumeTrue(pg.major() == 12, "needs a PostgreSQL 12 server (failsafe execution it-pg12)");
        PartscopeException e = assertThrows(PartscopeException.class,
                () -> Database.open(pg.superuserSettings("postgres"), DatabaseOptions.DEFAULTS).close());
        assertEquals(ErrorKind.SERVER_TOO_OLD, e.kind());
        assertEquals(8, e.kind().exitCode());
        assertTrue(e.getMessage().startsWith("PostgreSQL 12."), e.getMessage());
        assertTrue(e.getMessage().contains("needs PostgreSQL 13 or newer"), e.getMessage());
        assertTrue(e.hint().contains("Upgrade"), e.hint());
    }
}
