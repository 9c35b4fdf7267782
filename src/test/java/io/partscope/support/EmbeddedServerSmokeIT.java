package io.partscope.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbeddedServerSmokeIT {
    @Test
    void runsTheMajorThisFailsafeExecutionAskedFor() {
        int expected = Integer.parseInt(System.getProperty("partscope.pg.major", "18"));
        assertEquals(expected, TestPostgres.get().major());
    }
}
