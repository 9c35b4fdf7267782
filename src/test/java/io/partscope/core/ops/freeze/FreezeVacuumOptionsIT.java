package io.partscope.core.ops.freeze;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationRunner;
import io.partscope.support.RequiresServerVersion;
import io.partscope.support.TestPostgres;
import org.junit.jupiter.api.Test;

/** The freeze options a DBA sets for a big freeze run as the server expects them. */
class FreezeVacuumOptionsIT {
    private static final TestPostgres PG = TestPostgres.get();

    private static OperationOutcome planAndRun(String db, FreezePlanner.VacuumOptions options,
            String expectedStatements) throws Exception {
        try (Database d = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            FreezePlanner.FreezePlan plan = new FreezePlanner(d)
                    .plan("public.events", new FreezePlanner.MinAge(0), options, false, null);
            assertThat(plan.plan().steps()).anySatisfy(step -> assertThat(String.join("; ", step.statements()))
                    .isEqualTo(expectedStatements));
            OperationOutcome outcome = new OperationRunner(d, ExecutionOptions.DEFAULTS, null, null)
                    .run(plan.plan());
            assertThat(plan.verifier().changes()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.after()).isLessThan(c.before()));
            return outcome;
        }
    }

    @Test
    void skipLockedParallelAndACostDelayRunOnEveryPartition() throws Exception {
        String db = PG.newDatabase("freeze_options");
        FreezePlannerIT.createFixture(db);
        OperationOutcome outcome = planAndRun(db, new FreezePlanner.VacuumOptions(false, true, 2, null, 1.5),
                "SET vacuum_cost_delay = '1.5ms'; VACUUM (FREEZE, SKIP_LOCKED, PARALLEL 2)"
                        + " \"public\".\"events_2025_01\"");
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    @RequiresServerVersion(min = 16)
    void bufferUsageLimitRunsOnPostgres16AndNewer() throws Exception {
        String db = PG.newDatabase("freeze_buffer");
        FreezePlannerIT.createFixture(db);
        OperationOutcome outcome = planAndRun(db, new FreezePlanner.VacuumOptions(true, false, null, "256kB", null),
                "VACUUM (FREEZE, ANALYZE, BUFFER_USAGE_LIMIT '256kB') \"public\".\"events_2025_01\"");
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.SUCCEEDED);
    }
}
