package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.SetKind;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pruning corpus: for each query shape, the exact leaves scanned, pruned at plan time, removed at executor
 * start and (with ANALYZE) never executed. Runs on PostgreSQL 18 and 14 (see pom.xml); the sets are in
 * pruning-corpus.sql.
 */
class ExplainPruningCorpusIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String database;
    private static Database db;

    @BeforeAll
    static void loadCorpus() throws PartscopeException {
        database = PG.newDatabase("pruning");
        Fixtures.load(PG, database, ExplainPruningCorpusIT.class, "pruning-corpus.sql");
        db = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static ExplainResult explain(String query, String... setup) throws PartscopeException {
        return Explainer.explain(db, new ExplainRequest(query, List.of(setup), false, null), new Cancellation());
    }

    static ExplainResult analyze(String query, String... setup) throws PartscopeException {
        return Explainer.explain(db, new ExplainRequest(query, List.of(setup), true, null), new Cancellation());
    }

    static PruningTarget target(ExplainResult result, String qualifiedName) {
        return result.targets().stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + qualifiedName + " in " + result.targets()));
    }

    /** The expected outcome for one set: its leaves, and which of them end in each state. */
    static final class Expect {
        private final List<String> leaves;
        private List<String> scanned = List.of();
        private List<String> removed = List.of();
        private List<String> never = List.of();

        private Expect(String... leaves) {
            this.leaves = List.of(leaves);
        }

        static Expect leaves(String... names) {
            return new Expect(names);
        }

        Expect scanned(String... names) {
            scanned = List.of(names);
            return this;
        }

        Expect removed(String... names) {
            removed = List.of(names);
            return this;
        }

        Expect neverExecuted(String... names) {
            never = List.of(names);
            return this;
        }

        void check(PruningTarget target) {
            List<String> pruned = new ArrayList<>(leaves);
            pruned.removeAll(scanned);
            pruned.removeAll(removed);
            assertThat(target.leafCount()).as("leaf count of %s", target.qualifiedName()).isEqualTo(leaves.size());
            assertThat(target.scanned()).as("scanned of %s", target.qualifiedName()).isEqualTo(sorted(scanned));
            assertThat(target.pruned()).as("pruned at plan time of %s", target.qualifiedName())
                    .isEqualTo(sorted(pruned));
            assertThat(target.removedAtExecutorStart()).as("removed at executor start of %s",
                    target.qualifiedName()).isEqualTo(sorted(removed));
            assertThat(target.subplansRemoved()).isEqualTo(removed.size());
            assertThat(target.neverExecuted()).as("never executed of %s", target.qualifiedName())
                    .isEqualTo(sorted(never));
        }

        private static List<String> sorted(List<String> names) {
            return names.stream().sorted().collect(Collectors.toList());
        }
    }

    private static final String[] LP = {"public.lp_ad", "public.lp_bc", "public.lp_default", "public.lp_ef",
            "public.lp_null"};
    private static final String[] RP = {"public.rp_0", "public.rp_100", "public.rp_max", "public.rp_min"};

    // ---- list, NULL and DEFAULT ----

    @Test
    void listEqualityScansTheOnePartitionHoldingTheValue() throws Exception {
        Expect.leaves(LP).scanned("public.lp_bc").check(target(explain("SELECT * FROM lp WHERE a = 'b'"), "public.lp"));
    }

    @Test
    void isNullScansOnlyTheNullPartition() throws Exception {
        Expect.leaves(LP).scanned("public.lp_null").check(target(explain("SELECT * FROM lp WHERE a IS NULL"),
                "public.lp"));
    }

    @Test
    void aValueNoPartitionListsGoesToTheDefault() throws Exception {
        Expect.leaves(LP).scanned("public.lp_default").check(target(explain("SELECT * FROM lp WHERE a = 'z'"),
                "public.lp"));
    }

    @Test
    void inListScansEachPartitionHoldingAValue() throws Exception {
        Expect.leaves(LP).scanned("public.lp_ad", "public.lp_ef")
                .check(target(explain("SELECT * FROM lp WHERE a IN ('a', 'e')"), "public.lp"));
    }

    @Test
    void isNotNullPrunesOnlyTheNullPartition() throws Exception {
        Expect.leaves(LP).scanned("public.lp_ad", "public.lp_bc", "public.lp_default", "public.lp_ef")
                .check(target(explain("SELECT * FROM lp WHERE a IS NOT NULL"), "public.lp"));
    }

    @Test
    void notInPrunesAPartitionWhoseValuesAreAllExcluded() throws Exception {
        Expect.leaves(LP).scanned("public.lp_bc", "public.lp_default", "public.lp_ef")
                .check(target(explain("SELECT * FROM lp WHERE a NOT IN ('a', 'd')"), "public.lp"));
    }

    @Test
    void notEqualCannotPruneAPartitionThatHoldsOtherValuesToo() throws Exception {
        Expect.leaves(LP).scanned("public.lp_ad", "public.lp_bc", "public.lp_default", "public.lp_ef")
                .check(target(explain("SELECT * FROM lp WHERE a <> 'a'"), "public.lp"));
    }

    // ---- range ----

    @Test
    void belowTheFirstBoundIsTheMinvaluePartition() throws Exception {
        Expect.leaves(RP).scanned("public.rp_min").check(target(explain("SELECT * FROM rp WHERE k < 0"), "public.rp"));
    }

    @Test
    void anOpenRangeReachesTheMaxvaluePartition() throws Exception {
        Expect.leaves(RP).scanned("public.rp_100", "public.rp_max")
                .check(target(explain("SELECT * FROM rp WHERE k >= 150"), "public.rp"));
    }

    @Test
    void nullIsInNoRangePartitionSoEverythingIsPrunedAndThePlanNamesNoRelation() throws Exception {
        ExplainResult result = explain("SELECT * FROM rp WHERE k IS NULL");
        Expect.leaves(RP).check(target(result, "public.rp"));
        assertThat(result.plans().get(0).nodes()).noneMatch(PlanNode::isRelationScan);
    }

    @Test
    void multiColumnRangePrunesOnTheLeadingColumnAndOnBoth() throws Exception {
        String[] mr = {"public.mr_1", "public.mr_2", "public.mr_3"};
        Expect.leaves(mr).scanned("public.mr_1", "public.mr_2")
                .check(target(explain("SELECT * FROM mr WHERE a = 0"), "public.mr"));
        Expect.leaves(mr).scanned("public.mr_1")
                .check(target(explain("SELECT * FROM mr WHERE a = 0 AND b < 50"), "public.mr"));
        Expect.leaves(mr).scanned(mr).check(target(explain("SELECT * FROM mr WHERE b = 5"), "public.mr"));
    }

    // ---- hash, multi-level, boolean, expression ----

    @Test
    void hashEqualityScansTheRemainderHoldingTheValue() throws Exception {
        String holder = "public." + PG.queryString(database, "SELECT tableoid::regclass::text FROM hp WHERE id = 42");
        Expect.leaves("public.hp_0", "public.hp_1", "public.hp_2", "public.hp_3").scanned(holder)
                .check(target(explain("SELECT * FROM hp WHERE id = 42"), "public.hp"));
    }

    @Test
    void twoLevelsPruneOnBothKeysAndNameTheRootOnce() throws Exception {
        ExplainResult result = explain("SELECT * FROM ml WHERE d >= '2025-01-01' AND r = 'eu'");
        assertThat(result.targets()).extracting(PruningTarget::qualifiedName).containsExactly("public.ml");
        Expect.leaves("public.ml_2024_eu", "public.ml_2024_us", "public.ml_2025_eu", "public.ml_2025_us")
                .scanned("public.ml_2025_eu").check(target(result, "public.ml"));
    }

    @Test
    void aSubPartitionedMemberNamedDirectlyIsItsOwnTarget() throws Exception {
        ExplainResult result = explain("SELECT * FROM ml_2024 WHERE r = 'eu'");
        assertThat(result.targets()).extracting(PruningTarget::qualifiedName).containsExactly("public.ml_2024");
        Expect.leaves("public.ml_2024_eu", "public.ml_2024_us").scanned("public.ml_2024_eu")
                .check(target(result, "public.ml_2024"));
    }

    @Test
    void booleanKeyPrunesOnTheBareColumnAndItsNegation() throws Exception {
        Expect.leaves("public.bp_false", "public.bp_true").scanned("public.bp_true")
                .check(target(explain("SELECT * FROM bp WHERE flag"), "public.bp"));
        Expect.leaves("public.bp_false", "public.bp_true").scanned("public.bp_false")
                .check(target(explain("SELECT * FROM bp WHERE NOT flag"), "public.bp"));
    }

    @Test
    void expressionKeyPrunesOnlyWhenTheQueryUsesTheSameExpression() throws Exception {
        Expect.leaves("public.ep_alice", "public.ep_bob").scanned("public.ep_bob")
                .check(target(explain("SELECT * FROM ep WHERE lower(name) = 'bob'"), "public.ep"));
        Expect.leaves("public.ep_alice", "public.ep_bob").scanned("public.ep_alice", "public.ep_bob")
                .check(target(explain("SELECT * FROM ep WHERE name = 'bob'"), "public.ep"));
    }

    // ---- executor-start and run-time pruning ----

    @Test
    void aStableFunctionPrunesWhenTheExecutorStarts() throws Exception {
        Expect.leaves(RP).scanned("public.rp_0").removed("public.rp_100", "public.rp_max", "public.rp_min")
                .check(target(explain("SELECT * FROM rp WHERE k = stable_five_plpgsql()"), "public.rp"));
    }

    @Test
    void anInlinedSqlFunctionIsAConstantAndPrunesAtPlanTime() throws Exception {
        Expect.leaves(RP).scanned("public.rp_0").check(target(explain("SELECT * FROM rp WHERE k = stable_five()"),
                "public.rp"));
    }

    @Test
    void aGenericPlanPrunesAtExecutorStartACustomPlanAtPlanTime() throws Exception {
        String prepare = "PREPARE q(int) AS SELECT * FROM rp WHERE k = $1";
        Expect.leaves(RP).scanned("public.rp_100").removed("public.rp_0", "public.rp_max", "public.rp_min")
                .check(target(explain("EXECUTE q(150)", "SET plan_cache_mode = force_generic_plan", prepare),
                        "public.rp"));
        Expect.leaves(RP).scanned("public.rp_100")
                .check(target(explain("EXECUTE q(150)", "SET plan_cache_mode = force_custom_plan", prepare),
                        "public.rp"));
    }

    @Test
    void aSetReferencedTwiceCountsTheSubplansRemovedOfBothReferences() throws Exception {
        String prepare = "PREPARE q2(int, int) AS SELECT * FROM rp WHERE k = $1 UNION ALL SELECT * FROM rp WHERE k = $2";
        PruningTarget t = target(explain("EXECUTE q2(150, 50)", "SET plan_cache_mode = force_generic_plan", prepare),
                "public.rp");
        // each reference keeps one of four leaves: 3 + 3 subplans removed, though only rp_min and rp_max are
        // removed from both (rp_0 and rp_100 are each scanned by one reference)
        assertThat(t.scanned()).containsExactly("public.rp_0", "public.rp_100");
        assertThat(t.removedAtExecutorStart()).containsExactly("public.rp_max", "public.rp_min");
        assertThat(t.subplansRemoved()).isEqualTo(6);
    }

    @Test
    void anInitPlanValuePrunesAtRunTimeLeavingNeverExecutedScans() throws Exception {
        Expect.leaves(RP).scanned(RP).neverExecuted("public.rp_0", "public.rp_max", "public.rp_min")
                .check(target(analyze("SELECT * FROM rp WHERE k = (SELECT 150)"), "public.rp"));
    }

    @Test
    void aNestedLoopPrunesTheInnerSidePerOuterRow() throws Exception {
        Expect.leaves(RP).scanned(RP).neverExecuted("public.rp_max", "public.rp_min")
                .check(target(analyze("SELECT * FROM plain JOIN rp ON rp.k = plain.k", "SET enable_hashjoin = off",
                        "SET enable_mergejoin = off", "SET enable_seqscan = off"), "public.rp"));
    }

    @Test
    void withoutAnalyzeNothingIsNeverExecuted() throws Exception {
        Expect.leaves(RP).scanned(RP).check(target(explain("SELECT * FROM rp WHERE k = (SELECT 150)"), "public.rp"));
    }

    @Test
    void pruningDisabledScansEverything() throws Exception {
        Expect.leaves(LP).scanned(LP).check(target(explain("SELECT * FROM lp WHERE a = 'b'",
                "SET enable_partition_pruning = off"), "public.lp"));
    }

    // ---- query shapes ----

    @Test
    void aPartitionwiseJoinAttributesEachScanToItsOwnSet() throws Exception {
        ExplainResult result = explain("SELECT * FROM pj1 JOIN pj2 USING (k) WHERE k < 100",
                "SET enable_partitionwise_join = on");
        Expect.leaves("public.pj1_0", "public.pj1_1").scanned("public.pj1_0").check(target(result, "public.pj1"));
        Expect.leaves("public.pj2_0", "public.pj2_1").scanned("public.pj2_0").check(target(result, "public.pj2"));
    }

    @Test
    void unionAllAndASelfJoinCountEveryReference() throws Exception {
        Expect.leaves(LP).scanned(LP).check(target(explain(
                "SELECT * FROM lp WHERE a = 'b' UNION ALL SELECT * FROM lp WHERE a IS NULL UNION ALL "
                        + "SELECT * FROM lp WHERE a IN ('a', 'e', 'z')"), "public.lp"));
        Expect.leaves(RP).scanned("public.rp_0", "public.rp_min").check(target(explain(
                "WITH low AS MATERIALIZED (SELECT * FROM rp WHERE k < 0) "
                        + "SELECT * FROM low JOIN rp r2 ON r2.k = 5 AND r2.v = low.v"), "public.rp"));
    }

    @Test
    void aViewIsExpandedToTheSetItReads() throws Exception {
        Expect.leaves(RP).scanned("public.rp_100").check(target(explain("SELECT * FROM rp_view WHERE k < 150"),
                "public.rp"));
    }

    @Test
    void updateAndDeleteTargetsArePrunedLikeScans() throws Exception {
        Expect.leaves(RP).scanned("public.rp_0").check(target(explain("UPDATE rp SET v = v WHERE k = 5"),
                "public.rp"));
        Expect.leaves(RP).scanned("public.rp_100", "public.rp_max")
                .check(target(explain("DELETE FROM rp WHERE k >= 100"), "public.rp"));
    }

    @Test
    void anInsertTargetIsNotAPartitionSetTheQueryReads() throws Exception {
        assertThat(explain("INSERT INTO rp SELECT k FROM plain").targets()).isEmpty();
    }

    @Test
    void anInheritanceParentCountsAsALeafAndConstraintExclusionPrunesChildren() throws Exception {
        ExplainResult result = explain("SELECT * FROM ip WHERE k = 150");
        PruningTarget ip = target(result, "public.ip");
        assertThat(ip.kind()).isEqualTo(SetKind.INHERITANCE);
        Expect.leaves("public.ip", "public.ip_high", "public.ip_low").scanned("public.ip", "public.ip_high").check(ip);
    }

    @Test
    void aQuotedNameIsQuotedInTheResult() throws Exception {
        Expect.leaves("\"Odd \"\"Schema\"\"\".\"My Set 1\"", "\"Odd \"\"Schema\"\"\".\"My Set 2\"")
                .scanned("\"Odd \"\"Schema\"\"\".\"My Set 2\"")
                .check(target(explain("SELECT * FROM \"Odd \"\"Schema\"\"\".\"My Set\" WHERE k = 12"),
                        "\"Odd \"\"Schema\"\"\".\"My Set\""));
    }

    @Test
    void aTemporarySetIsNamedPgTemp() throws Exception {
        ExplainResult result = explain("SELECT * FROM tt WHERE k = 1",
                "CREATE TEMP TABLE tt (k int) PARTITION BY LIST (k)",
                "CREATE TEMP TABLE tt_1 PARTITION OF tt FOR VALUES IN (1)",
                "CREATE TEMP TABLE tt_2 PARTITION OF tt FOR VALUES IN (2)");
        Expect.leaves("pg_temp.tt_1", "pg_temp.tt_2").scanned("pg_temp.tt_1").check(target(result, "pg_temp.tt"));
    }

    @Test
    void aQueryThatTouchesNoPartitionSetHasNoTargets() throws Exception {
        assertThat(explain("SELECT * FROM plain").targets()).isEmpty();
    }

}
