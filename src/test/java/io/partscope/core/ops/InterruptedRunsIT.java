package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.ops.create.CreatePartitionsPlanner;
import io.partscope.core.ops.create.CreateRequest;
import io.partscope.core.ops.freeze.FreezePlanner;
import io.partscope.core.ops.split.SplitDefaultPlanner;
import io.partscope.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the catalog says after a run of each planner ended part-way, and the advice. The run is stopped after a
 * chosen step (cancelled before the next one: what a kill at that moment leaves) and its finished line is taken
 * out of the journal, as a killed process never writes it; the process is taken for dead.
 */
class InterruptedRunsIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final ExecutionOptions FAST = new ExecutionOptions(Duration.ofMillis(500), 2,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ZERO);
    private static final Predicate<JournalEntry.RunProcess> DEAD = p -> false;
    private static String db;
    private static Database database;

    @TempDir
    Path temp;

    @BeforeAll
    static void setUp() throws Exception {
        db = PG.newDatabase("interruptedruns");
        PG.exec(db, "CREATE TABLE sales (id bigint, country text NOT NULL, amount int, PRIMARY KEY (id, country))"
                        + " PARTITION BY LIST (country)",
                "CREATE TABLE sales_nl PARTITION OF sales FOR VALUES IN ('NL')",
                "CREATE TABLE sales_default PARTITION OF sales DEFAULT",
                "INSERT INTO sales SELECT g, (ARRAY['NL', 'DE', 'FR', 'BE'])[1 + g % 4], g FROM generate_series(1, 400) g",
                "CREATE TABLE readings (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE readings_2025_01 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE readings_2025_02 PARTITION OF readings FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')",
                "CREATE TABLE readings_2025_03 PARTITION OF readings FOR VALUES FROM ('2025-03-01') TO ('2025-04-01')",
                "INSERT INTO readings SELECT g, date '2025-01-01' + (g % 89) FROM generate_series(1, 900) g",
                "CREATE TABLE metrics (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE metrics_2025_01 PARTITION OF metrics FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')",
                "CREATE TABLE metrics_2025_02 PARTITION OF metrics FOR VALUES FROM ('2025-02-01') TO ('2025-03-01')");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    /** Runs the plan, cancelled once {@code stopAfter} (a step's index) ends; the finished line is removed. */
    private Journal runUntil(OperationPlan plan, int stopAfter, List<String> command) throws Exception {
        Journal journal = new Journal(temp.resolve("journal.jsonl"));
        Cancellation cancellation = new Cancellation();
        OperationRunner runner = new OperationRunner(database, FAST, new OperationListener() {
            @Override
            public void stepFinished(int index, StepOutcome outcome) {
                if (index == stopAfter) {
                    cancellation.cancel();
                }
            }
        }, cancellation).journal(journal).command(command);
        OperationOutcome outcome = runner.run(plan);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OperationOutcome.Status.CANCELLED);
        List<String> kept = Files.readAllLines(journal.file()).stream()
                .filter(l -> !l.contains("\"type\":\"finished\"")).toList();
        Files.write(journal.file(), kept);
        return journal;
    }

    private static InterruptedRuns.Report only(Journal journal) throws Exception {
        List<InterruptedRuns.Report> reports = InterruptedRuns.read(database, journal, DEAD);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    @Test
    void aSplitStoppedAfterItsFirstMoveShowsWhichNewPartitionsAreAttachedAndSaysToPlanAgain() throws Exception {
        OperationPlan plan = new SplitDefaultPlanner(database).plan("public.sales",
                SplitDefaultPlanner.Request.defaults(), false, new Cancellation());
        int firstMove = -1;
        for (int i = 0; i < plan.steps().size(); i++) {
            if (plan.steps().get(i).title().startsWith("Move")) {
                firstMove = i;
                break;
            }
        }
        assertThat(firstMove).as(plan.steps().toString()).isNotNegative();
        Journal journal = runUntil(plan, firstMove, null);

        InterruptedRuns.Report report = only(journal);
        assertThat(report.title()).startsWith("Interrupted: split-default of public.sales, started ");
        assertThat(report.steps()).contains((firstMove + 1) + " of " + plan.steps().size() + " steps done; step "
                + (firstMove + 2) + " (");
        String attached = PG.queryString(db, "SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'sales'::regclass"
                + " AND c.relname NOT IN ('sales_nl', 'sales_default')");
        assertThat(attached).doesNotContain(",");
        assertThat(report.state()).anySatisfy(s -> assertThat(s)
                .isEqualTo("new partitions attached to public.sales: public." + attached));
        assertThat(report.state()).anySatisfy(s -> assertThat(s).startsWith("not created: public.sales_"));
        assertThat(report.state()).anySatisfy(s -> assertThat(s)
                .startsWith("the DEFAULT partition public.sales_default holds "));
        assertThat(report.next()).contains(
                "partscope op split-default --url URL --table public.sales --dry-run",
                "partscope op split-default --url URL --table public.sales --yes");
        assertThat(report.text()).contains("Dismiss it: partscope op interrupted --url URL --dismiss "
                + report.run().runId());
    }

    @Test
    void aFreezeStoppedAfterItsFirstVacuumNamesThePartitionsLeftWithTheirAge() throws Exception {
        FreezePlanner.FreezePlan plan = new FreezePlanner(database).plan("public.readings",
                new FreezePlanner.MinAge(0), false, false, null);
        assertThat(plan.plan().steps()).hasSize(3);
        Journal journal = runUntil(plan.plan(), 0, List.of("op", "freeze", "--table", "public.readings",
                "--min-age", "0"));

        InterruptedRuns.Report report = only(journal);
        assertThat(report.state()).contains("1 of 3 chosen partitions were frozen");
        assertThat(report.state()).anySatisfy(s -> assertThat(s)
                .matches("not frozen by this run: public\\.readings_2025_0\\d \\(XID age \\d+\\),"
                        + " public\\.readings_2025_0\\d \\(XID age \\d+\\)"));
        // The CLI's own command comes back, with the connection left to the user.
        assertThat(report.next()).contains("partscope op freeze --url URL --table public.readings --min-age 0 --yes");
        assertThat(report.next()).anySatisfy(s -> assertThat(s).startsWith("VACUUM (FREEZE"));
    }

    @Test
    void aCreateStoppedAfterItsFirstPartitionNamesTheMissingOnes() throws Exception {
        OperationPlan plan = new CreatePartitionsPlanner(database).plan("public.metrics",
                CreateRequest.next(3, CreateRequest.Method.CREATE), null);
        assertThat(plan.steps()).hasSize(3);
        Journal journal = runUntil(plan, 0, List.of("op", "create", "--table", "public.metrics", "--next", "3"));

        InterruptedRuns.Report report = only(journal);
        assertThat(report.state()).containsExactly("partitions of public.metrics that exist: public.metrics_2025_03",
                "not created: public.metrics_2025_04, public.metrics_2025_05");
        assertThat(report.next()).containsExactly(
                "partscope op create --url URL --table public.metrics --next 3 --dry-run",
                "partscope op create --url URL --table public.metrics --next 3 --yes");

        // Dismissed, it is not shown again.
        journal.acknowledge(report.run().runId(), "test");
        assertThat(InterruptedRuns.read(database, journal, DEAD)).isEmpty();
    }
}
