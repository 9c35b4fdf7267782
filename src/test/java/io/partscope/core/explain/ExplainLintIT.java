package io.partscope.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.PruningFinding.Kind;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pruning lint against real plans, one case per finding kind, each asserting the kind, the expression at fault
 * and the proposed rewrite; and the cases that must stay silent. Runs on PostgreSQL 18 and 14; the sets are in
 * lint-corpus.sql. Every query runs with TimeZone UTC, so timestamp literals deparse the same everywhere.
 */
class ExplainLintIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static Database db;

    @BeforeAll
    static void loadCorpus() throws PartscopeException {
        String database = PG.newDatabase("lint");
        Fixtures.load(PG, database, ExplainLintIT.class, "lint-corpus.sql");
        db = Database.open(PG.superuserSettings(database), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<PruningFinding> lint(String query, String... setup) throws PartscopeException {
        List<String> statements = new ArrayList<>();
        statements.add("SET TimeZone = 'UTC'");
        statements.addAll(List.of(setup));
        return Explainer.explain(db, new ExplainRequest(query, statements, false, null), new Cancellation())
                .findings();
    }

    /** The one finding the query gets; fails when there are none or several. */
    private static PruningFinding only(String query, String... setup) throws PartscopeException {
        List<PruningFinding> findings = lint(query, setup);
        assertThat(findings).as("findings of %s", query).hasSize(1);
        return findings.get(0);
    }

    // ---- one case per kind ----

    @Test
    void dateTruncOnTheKeyProposesTheMonthAsARange() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE date_trunc('month', occurred_at) = '2026-05-01'");
        assertThat(f.target()).isEqualTo("public.events");
        assertThat(f.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(f.expression()).isEqualTo("date_trunc('month'::text, occurred_at) = "
                + "'2026-05-01 00:00:00+00'::timestamp with time zone");
        assertThat(f.message()).contains("date_trunc()").contains("4 of 4 partitions");
        assertThat(f.suggestion()).isEqualTo(
                "occurred_at >= '2026-05-01 00:00:00+00' AND occurred_at < '2026-06-01 00:00:00+00'");
    }

    @Test
    void extractYearProposesTheYearAsARange() throws Exception {
        PruningFinding f = only("SELECT * FROM readings WHERE extract(year FROM taken_at) = 2026");
        assertThat(f.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(f.expression()).containsPattern("(EXTRACT\\(year FROM taken_at\\)|date_part\\('year'::text, "
                + "taken_at\\)) = '2026'::(numeric|double precision)");
        assertThat(f.suggestion()).isEqualTo("taken_at >= '2026-01-01' AND taken_at < '2027-01-01'");
    }

    @Test
    void aFunctionOtherThanTheKeyExpressionIsAFunctionOnTheKey() throws Exception {
        PruningFinding f = only("SELECT * FROM people WHERE upper(name) = 'BOB'");
        assertThat(f.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(f.expression()).isEqualTo("upper(name) = 'BOB'::text");
        assertThat(f.suggestion()).contains("lower(name) = <value>");
    }

    @Test
    void castToDateProposesTheDayAsARange() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE occurred_at::date = '2026-05-03'");
        assertThat(f.kind()).isEqualTo(Kind.CAST_ON_KEY);
        assertThat(f.expression()).isEqualTo("(occurred_at)::date = '2026-05-03'::date");
        assertThat(f.suggestion()).isEqualTo("occurred_at >= '2026-05-03' AND occurred_at < '2026-05-04'");
    }

    @Test
    void castOfAQuotedKeyToTextProposesTheKeysType() throws Exception {
        PruningFinding f = only("SELECT * FROM \"Tenants\" WHERE \"TenantId\"::text = '2'");
        assertThat(f.target()).isEqualTo("public.\"Tenants\"");
        assertThat(f.kind()).isEqualTo(Kind.CAST_ON_KEY);
        assertThat(f.expression()).isEqualTo("(\"TenantId\")::text = '2'::text");
        assertThat(f.suggestion()).isEqualTo("\"TenantId\" = 2");
    }

    @Test
    void aNumericConstantOnAnIntegerKeyIsACrossTypeComparison() throws Exception {
        PruningFinding f = only("SELECT * FROM nums WHERE k = 150.0");
        assertThat(f.kind()).isEqualTo(Kind.CROSS_TYPE_COMPARISON);
        assertThat(f.expression()).isEqualTo("(k)::numeric = 150.0");
        assertThat(f.message()).contains("integer_ops");
        assertThat(f.suggestion()).isEqualTo("k = 150");
    }

    @Test
    void theColumnsCollationIsNotTheKeys() throws Exception {
        PruningFinding f = only("SELECT * FROM words WHERE w = 'x'");
        assertThat(f.kind()).isEqualTo(Kind.COLLATION_MISMATCH);
        assertThat(f.expression()).isEqualTo("w = 'x'::text");
        assertThat(f.suggestion()).isEqualTo("w COLLATE \"C\" = 'x'::text");
    }

    @Test
    void anExplicitCollationOtherThanTheKeys() throws Exception {
        PruningFinding f = only("SELECT * FROM words WHERE w = 'x' COLLATE \"POSIX\"");
        assertThat(f.kind()).isEqualTo(Kind.COLLATION_MISMATCH);
        assertThat(f.expression()).isEqualTo("w = 'x'::text COLLATE \"POSIX\"");
        assertThat(f.message()).contains("\"POSIX\"").contains("\"C\"");
        assertThat(f.suggestion()).isEqualTo("w = 'x'::text COLLATE \"C\"");
    }

    @Test
    void orWithANonKeyColumn() throws Exception {
        PruningFinding f = only("SELECT * FROM nums WHERE k = 1 OR v = 'x'");
        assertThat(f.kind()).isEqualTo(Kind.OR_WITH_NON_KEY);
        assertThat(f.expression()).isEqualTo("(k = 1) OR (v = 'x'::text)");
        assertThat(f.suggestion()).startsWith("Split the query: SELECT ... WHERE k = 1 UNION ALL SELECT ... WHERE "
                + "(v = 'x'::text) AND NOT (k = 1)");
    }

    @Test
    void randomIsVolatile() throws Exception {
        PruningFinding f = only("SELECT * FROM nums WHERE k > random() * 100");
        assertThat(f.kind()).isEqualTo(Kind.VOLATILE_FUNCTION);
        assertThat(f.expression()).isEqualTo("(k)::double precision > (random() * '100'::double precision)");
        assertThat(f.suggestion()).startsWith("k > (SELECT random() * '100'::double precision)");
    }

    @Test
    void clockTimestampIsVolatileAndNowIsTheFix() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE occurred_at > clock_timestamp()");
        assertThat(f.kind()).isEqualTo(Kind.VOLATILE_FUNCTION);
        assertThat(f.expression()).isEqualTo("occurred_at > clock_timestamp()");
        assertThat(f.suggestion()).startsWith("occurred_at > now()");
    }

    @Test
    void aStableFunctionPrunesAtExecutorStart() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE occurred_at >= lint_cutoff()");
        assertThat(f.kind()).isEqualTo(Kind.STABLE_FUNCTION);
        assertThat(f.expression()).isEqualTo("occurred_at >= lint_cutoff()");
        assertThat(f.message()).contains("lint_cutoff()").contains("2 of 4 partitions were removed at executor start");
        assertThat(f.suggestion()).startsWith("Nothing to fix.");
    }

    @Test
    void aStableCrossTypeComparisonPrunesAtExecutorStart() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE occurred_at >= '2026-05-15'::date");
        assertThat(f.kind()).isEqualTo(Kind.STABLE_FUNCTION);
        assertThat(f.expression()).isEqualTo("occurred_at >= '2026-05-15'::date");
        assertThat(f.message()).contains("comparison across types");
    }

    @Test
    void pruningTurnedOff() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE occurred_at >= '2026-06-01'",
                "SET enable_partition_pruning = off");
        assertThat(f.kind()).isEqualTo(Kind.PRUNING_DISABLED);
        assertThat(f.expression()).isNull();
        assertThat(f.message()).contains("enable_partition_pruning is off").contains("4 of 4");
        assertThat(f.suggestion()).startsWith("SET enable_partition_pruning = on;");
    }

    @Test
    void constraintExclusionTurnedOffForAnInheritanceSet() throws Exception {
        PruningFinding f = only("SELECT * FROM legacy WHERE k < 50", "SET constraint_exclusion = off");
        assertThat(f.target()).isEqualTo("public.legacy");
        assertThat(f.kind()).isEqualTo(Kind.PRUNING_DISABLED);
        assertThat(f.suggestion()).startsWith("SET constraint_exclusion = partition;");
    }

    @Test
    void aGenericPlanPrunesAtExecutorStart() throws Exception {
        PruningFinding f = only("EXECUTE recent('2026-06-01')",
                "PREPARE recent(timestamptz) AS SELECT * FROM events WHERE occurred_at >= $1",
                "SET plan_cache_mode = force_generic_plan");
        assertThat(f.kind()).isEqualTo(Kind.GENERIC_PLAN);
        assertThat(f.expression()).isEqualTo("occurred_at >= $1");
        assertThat(f.message()).contains("3 of 4 partitions were removed at executor start");
        assertThat(f.suggestion()).contains("force_custom_plan").contains("prepareThreshold");
    }

    @Test
    void noConditionOnTheKey() throws Exception {
        PruningFinding f = only("SELECT * FROM events WHERE kind = 'x'");
        assertThat(f.kind()).isEqualTo(Kind.NO_KEY_FILTER);
        assertThat(f.expression()).isEqualTo("kind = 'x'::text");
        assertThat(f.suggestion()).isEqualTo("If the rows you need lie in a known period, say so, e.g. for "
                + "public.events_2026_06: AND occurred_at >= '2026-06-01 00:00:00+00' AND occurred_at < "
                + "'2026-07-01 00:00:00+00'");
    }

    @Test
    void aCastOnTheCheckedColumnOfAnInheritanceSet() throws Exception {
        PruningFinding f = only("SELECT * FROM legacy WHERE k::text = '150'");
        assertThat(f.target()).isEqualTo("public.legacy");
        assertThat(f.kind()).isEqualTo(Kind.CAST_ON_KEY);
        assertThat(f.expression()).isEqualTo("(k)::text = '150'::text");
        assertThat(f.suggestion()).isEqualTo("k = 150");
    }

    @Test
    void onlyTheArmThatWrapsTheKeyIsReported() throws Exception {
        PruningFinding f = only("SELECT * FROM nums WHERE k = 5 UNION ALL SELECT * FROM nums WHERE k::text = '150'");
        assertThat(f.kind()).isEqualTo(Kind.CAST_ON_KEY);
        assertThat(f.expression()).isEqualTo("(k)::text = '150'::text");
    }

    // ---- silence where pruning did its best ----

    @Test
    void runTimePruningInANestedLoopHasNoFinding() throws Exception {
        List<PruningFinding> findings = Explainer.explain(db, new ExplainRequest(
                "SELECT * FROM (VALUES (5), (150)) AS v(x) JOIN nums ON nums.k = v.x",
                List.of("SET enable_hashjoin = off", "SET enable_mergejoin = off"), true, null),
                new Cancellation()).findings();
        assertThat(findings).isEmpty();
    }

    @Test
    void perfectPruningHasNoFinding() throws Exception {
        assertThat(lint("SELECT * FROM events WHERE occurred_at >= '2026-05-01' AND occurred_at < '2026-06-01'"))
                .isEmpty();
    }

    @Test
    void aWrappedKeyNextToAPrunedRangeHasNoFinding() throws Exception {
        assertThat(lint("SELECT * FROM events WHERE occurred_at >= '2026-05-01' AND occurred_at < '2026-06-01' "
                + "AND occurred_at::date <> '2026-05-03'")).isEmpty();
    }

    @Test
    void anIndexLookupOnAnotherColumnHasNoFinding() throws Exception {
        assertThat(lint("SELECT * FROM events WHERE id = 5")).isEmpty();
    }

    @Test
    void theSubPartitionKeyCorrectlyUsedHasNoFinding() throws Exception {
        assertThat(lint("SELECT * FROM sales WHERE d >= '2026-01-01' AND d < '2027-01-01' AND region = 'eu'"))
                .isEmpty();
    }

    @Test
    void theExpressionKeyUsedAsItIsHasNoFinding() throws Exception {
        assertThat(lint("SELECT * FROM people WHERE lower(name) = 'bob'")).isEmpty();
    }

    @Test
    void aCustomPlanOfAPreparedStatementHasNoFinding() throws Exception {
        assertThat(lint("EXECUTE recent('2026-06-01')",
                "PREPARE recent(timestamptz) AS SELECT * FROM events WHERE occurred_at >= $1")).isEmpty();
    }

    @Test
    void aFilterOnAnotherColumnWithAJoinOnTheKeyHasNoFinding() throws Exception {
        assertThat(lint("SELECT * FROM events e JOIN readings r ON r.taken_at = e.occurred_at WHERE e.kind = 'x'"))
                .isEmpty();
    }

    @Test
    void aQueryWithoutConditionsHasNoFinding() throws Exception {
        assertThat(lint("SELECT count(*) FROM events")).isEmpty();
    }

    @Test
    void aWrappedSubPartitionKeyIsFound() throws Exception {
        PruningFinding f = only("SELECT * FROM sales WHERE d >= '2026-01-01' AND d < '2027-01-01' "
                + "AND lower(region) = 'eu'");
        assertThat(f.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(f.expression()).isEqualTo("lower(region) = 'eu'::text");
        assertThat(f.message()).contains("2 of 4 partitions");
    }
}
