package io.partscope.ui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partscope.core.explain.ExplainRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From the toggles and the setup text to the statements that run before the query. */
class ExplainSetupTest {

    @Test
    void togglesBecomeSetsBeforeTheUsersStatements() {
        ExplainSetup setup = new ExplainSetup(ExplainSetup.PlanCacheMode.FORCE_GENERIC_PLAN, false, true,
                "PREPARE q(date) AS\n  SELECT * FROM events\n  WHERE at = $1;\nSET work_mem = '64MB';");
        ExplainRequest request = setup.request("EXECUTE q('2026-05-03')");
        assertEquals(List.of("SET plan_cache_mode = force_generic_plan", "SET enable_partition_pruning = off",
                "PREPARE q(date) AS\n  SELECT * FROM events\n  WHERE at = $1", "SET work_mem = '64MB'"),
                request.setup());
        assertEquals(true, request.analyze());
        assertEquals("force_generic_plan · pruning off · ANALYZE · 2 setup statements", setup.summary());
    }

    @Test
    void withoutSemicolonsEveryLineIsAStatement() {
        assertEquals(List.of("SET a = 1", "SET b = 2"), ExplainSetup.split("SET a = 1\n\n  SET b = 2  \n"));
    }

    @Test
    void theDefaultsAddNothing() {
        assertEquals(List.of(), new ExplainSetup(ExplainSetup.PlanCacheMode.AUTO, true, false, "  ").statements());
    }
}
