package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.PlanComparison.LeafChange;
import io.partscope.core.explain.PlanComparison.NodeTypeCount;
import io.partscope.core.explain.PlanComparison.SetComparison;
import io.partscope.core.explain.PlanComparison.SetSide;
import io.partscope.support.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PlanComparison} built from real plans: partitions, states, node types, costs and actual figures. */
class PlanComparisonIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static Database db;

    @BeforeAll
    static void load() throws PartscopeException {
        String database = PG.newDatabase("plancompare");
        PG.exec(database, "CREATE TABLE m (k int NOT NULL, v text) PARTITION BY RANGE (k)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20)",
                "CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
                "CREATE TABLE m_4 PARTITION OF m FOR VALUES FROM (30) TO (40)",
                "INSERT INTO m SELECT g % 40, 'x' FROM generate_series(1, 400) g",
                "CREATE TABLE l (c text) PARTITION BY LIST (c)",
                "CREATE TABLE l_a PARTITION OF l FOR VALUES IN ('a')",
                "CREATE TABLE l_b PARTITION OF l FOR VALUES IN ('b')",
                "ANALYZE");
        db = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static ExplainResult explain(String query, boolean analyze) throws PartscopeException {
        return Explainer.explain(db, new ExplainRequest(query, List.of(), analyze, null), new Cancellation());
    }

    @Test
    void aPrunedRewriteReadsFewerPartitionsWithFewerNodesRowsAndBuffers() throws Exception {
        ExplainResult a = explain("SELECT * FROM m", true);
        ExplainResult b = explain("SELECT * FROM m WHERE k = 5", true);
        PlanComparison c = PlanComparison.of(a, b);

        assertThat(c.sets()).hasSize(1);
        SetComparison m = c.sets().get(0);
        assertThat(m.qualifiedName()).isEqualTo("public.m");
        assertThat(m.leafCount()).isEqualTo(4);
        assertThat(m.a()).isEqualTo(new SetSide(4, 0, 0, 0));
        assertThat(m.b()).isEqualTo(new SetSide(1, 3, 0, 0));
        assertThat(m.changed()).containsExactly(
                new LeafChange("public.m_2", LeafState.SCANNED, LeafState.PRUNED_AT_PLAN_TIME),
                new LeafChange("public.m_3", LeafState.SCANNED, LeafState.PRUNED_AT_PLAN_TIME),
                new LeafChange("public.m_4", LeafState.SCANNED, LeafState.PRUNED_AT_PLAN_TIME));

        assertThat(c.nodeTypes()).containsExactly(new NodeTypeCount("Append", 1, 0),
                new NodeTypeCount("Seq Scan", 4, 1));
        assertThat(c.a().nodeCount()).isEqualTo(5);
        assertThat(c.b().nodeCount()).isEqualTo(1);
        assertThat(c.a().partitionsScanned()).isEqualTo(4);
        assertThat(c.b().partitionsScanned()).isEqualTo(1);
        assertThat(c.a().totalCost()).isEqualTo(a.plans().get(0).root().totalCost()).isGreaterThan(c.b().totalCost());
        assertThat(c.a().actualRows()).isEqualTo(400.0);
        assertThat(c.b().actualRows()).isEqualTo(10.0);
        assertThat(c.a().scanRows()).isEqualTo(400.0);
        // Each partition is one page: the whole scan touches four, the pruned one one.
        assertThat(c.a().sharedBlocks()).isEqualTo(4L);
        assertThat(c.b().sharedBlocks()).isEqualTo(1L);
        assertThat(c.a().scanSharedHitBlocks() + c.a().scanSharedReadBlocks()).isEqualTo(4L);
        assertThat(c.a().executionTimeMs()).isEqualTo(a.executionTimeMs());

        assertThat(c.verdict()).startsWith("B reads 1 of 4 partitions instead of 4; estimated cost ")
                .contains("; execution ").contains("; shared buffers 4 -> 1").doesNotContain("never executed");
        assertThat(c.changedSets()).containsExactly(m);
    }

    @Test
    void runTimePruningShowsAsNeverExecutedLeavesThatTheRewritePrunesAtPlanTime() throws Exception {
        PlanComparison c = PlanComparison.of(explain("SELECT * FROM m WHERE k = (SELECT 25)", true),
                explain("SELECT * FROM m WHERE k = 25", true));
        SetComparison m = c.sets().get(0);
        assertThat(m.a()).isEqualTo(new SetSide(4, 0, 0, 3));
        assertThat(m.b()).isEqualTo(new SetSide(1, 3, 0, 0));
        assertThat(m.changed()).extracting(LeafChange::name).containsExactly("public.m_1", "public.m_2",
                "public.m_4");
        assertThat(m.changed()).allSatisfy(ch -> {
            assertThat(ch.a()).isEqualTo(LeafState.NEVER_EXECUTED);
            assertThat(ch.b()).isEqualTo(LeafState.PRUNED_AT_PLAN_TIME);
        });
        assertThat(c.verdict()).startsWith("B reads 1 of 4 partitions instead of 4; never executed 3 -> 0; ");
    }

    @Test
    void aSetOnlyOneSideReadsHasNoLeafChangesAndCountsInTheTotal() throws Exception {
        PlanComparison c = PlanComparison.of(explain("SELECT * FROM m WHERE k < 15", false),
                explain("SELECT * FROM l", false));
        assertThat(c.sets()).extracting(SetComparison::qualifiedName).containsExactly("public.l", "public.m");
        SetComparison l = c.sets().get(0);
        assertThat(l.a()).isNull();
        assertThat(l.b()).isEqualTo(new SetSide(2, 0, 0, 0));
        assertThat(l.changed()).isEmpty();
        SetComparison m = c.sets().get(1);
        assertThat(m.a()).isEqualTo(new SetSide(2, 2, 0, 0));
        assertThat(m.b()).isNull();
        assertThat(c.a().actualRows()).isNull();
        assertThat(c.a().sharedHitBlocks()).isNull();
        assertThat(c.verdict()).startsWith("A reads 2 of 4 partitions, B reads 2 of 2 (not the same sets); estimated cost ")
                .doesNotContain("execution");
    }

    @Test
    void aTemporarySetIsTheSameSetOnBothSidesThoughEachSessionHasItsOwnTempSchema() throws Exception {
        List<String> setup = List.of("CREATE TEMP TABLE t (k int) PARTITION BY LIST (k)",
                "CREATE TEMP TABLE t_1 PARTITION OF t FOR VALUES IN (1)",
                "CREATE TEMP TABLE t_2 PARTITION OF t FOR VALUES IN (2)");
        try (var other = PG.superuserConnection("postgres"); var s = other.createStatement()) {
            ExplainResult a = Explainer.explain(db, new ExplainRequest("SELECT * FROM t", setup, false, null),
                    new Cancellation());
            s.execute("CREATE TEMP TABLE keep_a_temp_schema_busy (x int)");
            ExplainResult b = Explainer.explain(db, new ExplainRequest("SELECT * FROM t WHERE k = 1", setup, false,
                    null), new Cancellation());
            PlanComparison c = PlanComparison.of(a, b);
            assertThat(c.sets()).extracting(SetComparison::qualifiedName).containsExactly("pg_temp.t");
            assertThat(c.sets().get(0).changed()).containsExactly(
                    new LeafChange("pg_temp.t_2", LeafState.SCANNED, LeafState.PRUNED_AT_PLAN_TIME));
        }
    }

    @Test
    void theSameQueryTwiceHasNoDifferences() throws Exception {
        PlanComparison c = PlanComparison.of(explain("SELECT * FROM m WHERE k < 15", false),
                explain("SELECT * FROM m WHERE k < 15", false));
        assertThat(c.changedSets()).isEmpty();
        assertThat(c.nodeTypes()).noneMatch(NodeTypeCount::differs);
        String cost = PlanComparison.number(c.a().totalCost());
        assertThat(c.verdict()).isEqualTo("both read 2 of 4 partitions; estimated cost " + cost + " -> " + cost);
    }
}
