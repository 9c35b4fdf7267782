package io.partscope.core.explain.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.explain.PruningFinding.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition reader on conditions as PostgreSQL 14 and 18 deparse them (see ExplainLintIT for the real thing). */
class ConditionLintTest {
    private static final KeyPart OCCURRED_AT = KeyParts.of(0, "r", 1, "occurred_at", "timestamp with time zone",
            "RANGE (occurred_at)", "timestamp with time zone", "datetime_ops", null, null, List.of());
    private static final KeyPart K = KeyParts.of(0, "r", 1, "k", "integer", "RANGE (k)", "integer", "integer_ops",
            null, null, List.of());
    private static final KeyPart W_C = KeyParts.of(0, "r", 1, "w", "text", "RANGE (w COLLATE \"C\")", "text",
            "text_ops", "C", "default", List.of());
    private static final KeyPart LOWER_NAME = KeyParts.of(0, "l", 1, null, null, "LIST (lower(name))", "text",
            "text_ops", "default", null, List.of("name"));
    private static final Map<String, Character> VOLATILITY = Map.of("random", 'v', "clock_timestamp", 'v', "now",
            's', "date_trunc", 's', "lower", 'i', "upper", 'i');

    private static ConditionLint.Result lint(String condition, String alias, KeyPart key) {
        return ConditionLint.analyze(condition, alias, List.of(key), VOLATILITY::get);
    }

    private static ConditionLint.Issue only(String condition, String alias, KeyPart key) {
        ConditionLint.Result r = lint(condition, alias, key);
        assertThat(r.issues()).hasSize(1);
        return r.issues().get(0);
    }

    @Test
    void dateTruncOnTheKeyBecomesAMonthRange() {
        ConditionLint.Issue issue = only("(date_trunc('month'::text, events_1.occurred_at) = '2026-05-01 00:00:00+00'"
                + "::timestamp with time zone)", "events_1", OCCURRED_AT);
        assertThat(issue.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(issue.expression()).isEqualTo("date_trunc('month'::text, occurred_at) = '2026-05-01 00:00:00+00'"
                + "::timestamp with time zone");
        assertThat(issue.suggestion()).isEqualTo(
                "occurred_at >= '2026-05-01 00:00:00+00' AND occurred_at < '2026-06-01 00:00:00+00'");
    }

    @Test
    void extractYearBecomesAYearRangeInBothDeparsings() {
        assertThat(only("(EXTRACT(year FROM events_3.occurred_at) = '2026'::numeric)", "events_3", OCCURRED_AT)
                .suggestion()).isEqualTo("occurred_at >= '2026-01-01' AND occurred_at < '2027-01-01'");
        assertThat(only("(date_part('year'::text, events_3.occurred_at) = '2026'::double precision)", "events_3",
                OCCURRED_AT).suggestion()).isEqualTo("occurred_at >= '2026-01-01' AND occurred_at < '2027-01-01'");
        assertThat(only("(date_part('year'::text, events_3.occurred_at) >= '2026'::double precision)", "events_3",
                OCCURRED_AT).suggestion()).isEqualTo("occurred_at >= '2026-01-01'");
    }

    @Test
    void castToDateBecomesADayRange() {
        ConditionLint.Issue issue = only("((e_1.occurred_at)::date = '2026-05-03'::date)", "e_1", OCCURRED_AT);
        assertThat(issue.kind()).isEqualTo(Kind.CAST_ON_KEY);
        assertThat(issue.expression()).isEqualTo("(occurred_at)::date = '2026-05-03'::date");
        assertThat(issue.suggestion()).isEqualTo("occurred_at >= '2026-05-03' AND occurred_at < '2026-05-04'");
    }

    @Test
    void castToTextComparesTheKeyInItsType() {
        ConditionLint.Issue issue = only("((nums_1.k)::text = '5'::text)", "nums_1", K);
        assertThat(issue.kind()).isEqualTo(Kind.CAST_ON_KEY);
        assertThat(issue.suggestion()).isEqualTo("k = 5");
    }

    @Test
    void numericConstantOnAnIntegerKeyIsCrossType() {
        ConditionLint.Issue issue = only("((nums_1.k)::numeric = 150.0)", "nums_1", K);
        assertThat(issue.kind()).isEqualTo(Kind.CROSS_TYPE_COMPARISON);
        assertThat(issue.suggestion()).isEqualTo("k = 150");
        assertThat(only("((nums_1.k)::numeric < 150.5)", "nums_1", K).suggestion()).isEqualTo("k < 151");
        assertThat(only("(150.5 < (nums_1.k)::numeric)", "nums_1", K).suggestion()).isEqualTo("k > 150");
    }

    @Test
    void orWithANonKeyColumn() {
        ConditionLint.Issue issue = only("((nums_1.k = 1) OR (nums_1.v = 'x'::text))", "nums_1", K);
        assertThat(issue.kind()).isEqualTo(Kind.OR_WITH_NON_KEY);
        assertThat(issue.expression()).isEqualTo("(k = 1) OR (v = 'x'::text)");
        assertThat(issue.suggestion()).contains("WHERE k = 1 UNION ALL");
        assertThat(lint("((nums_1.k = 1) OR (nums_1.k = 250))", "nums_1", K).issues()).isEmpty();
    }

    @Test
    void volatileFunctions() {
        ConditionLint.Issue issue = only("((nums_1.k)::double precision > (random() * '100'::double precision))",
                "nums_1", K);
        assertThat(issue.kind()).isEqualTo(Kind.VOLATILE_FUNCTION);
        assertThat(issue.suggestion()).startsWith("k > (SELECT random() * '100'::double precision)");
        assertThat(only("(events_1.occurred_at > clock_timestamp())", "events_1", OCCURRED_AT).suggestion())
                .startsWith("occurred_at > now()");
    }

    @Test
    void collationOtherThanTheKeys() {
        ConditionLint.Issue hidden = only("(words_1.w = 'x'::text)", "words_1", W_C);
        assertThat(hidden.kind()).isEqualTo(Kind.COLLATION_MISMATCH);
        assertThat(hidden.suggestion()).isEqualTo("w COLLATE \"C\" = 'x'::text");
        ConditionLint.Issue explicit = only("(words_1.w = 'x'::text COLLATE \"POSIX\")", "words_1", W_C);
        assertThat(explicit.kind()).isEqualTo(Kind.COLLATION_MISMATCH);
        assertThat(explicit.suggestion()).isEqualTo("w = 'x'::text COLLATE \"C\"");
        assertThat(lint("((words.w)::text = 'x'::text)", "words", W_C).issues()).isEmpty();
    }

    @Test
    void theExpressionKeyItselfIsNoProblem() {
        ConditionLint.Result r = lint("(lower(people.name) = 'bob'::text)", "people", LOWER_NAME);
        assertThat(r.issues()).isEmpty();
        assertThat(r.mentionsKey()).isTrue();
        ConditionLint.Issue upper = only("(upper(people_1.name) = 'BOB'::text)", "people_1", LOWER_NAME);
        assertThat(upper.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(upper.suggestion()).contains("lower(name)");
        ConditionLint.Issue bare = only("(people_1.name = 'bob'::text)", "people_1", LOWER_NAME);
        assertThat(bare.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(bare.message()).contains("partitioned by the expression lower(name), not by the column name");
        assertThat(bare.suggestion()).startsWith("name = 'bob'::text AND lower(name) = lower('bob'::text)  --");
        assertThat(only("(people_1.name > 'bob'::text)", "people_1", LOWER_NAME).suggestion())
                .startsWith("Filter on the key expression itself: lower(name) = <value>");
    }

    @Test
    void arithmeticOnTheKeyAndHarmlessCasts() {
        ConditionLint.Issue plus = only("((nums_1.k + 1) = 151)", "nums_1", K);
        assertThat(plus.kind()).isEqualTo(Kind.FUNCTION_ON_KEY);
        assertThat(plus.message()).contains("calculation (k + 1)");
        KeyPart varchar = KeyParts.of(0, "l", 1, "code", "character varying(10)", "LIST (code)",
                "text", "text_ops", "default", "default", List.of());
        assertThat(lint("((t_1.code)::text = 'x'::text)", "t_1", varchar).issues()).isEmpty();
        assertThat(lint("(nums_1.k = ANY ('{1,2}'::integer[]))", "nums_1", K).issues()).isEmpty();
    }

    @Test
    void quotedAndQualifiedNamesMatchWholeWordsOnly() {
        KeyPart tenant = KeyParts.of(0, "l", 1, "TenantId", "integer", "LIST (\"TenantId\")", "integer",
                "integer_ops", null, null, List.of());
        ConditionLint.Issue issue = only("((\"Tenants_1\".\"TenantId\")::text = '2'::text)", "Tenants_1", tenant);
        assertThat(issue.expression()).isEqualTo("(\"TenantId\")::text = '2'::text");
        assertThat(issue.suggestion()).isEqualTo("\"TenantId\" = 2");
        // k_other is not k, and o.k is another relation's column
        assertThat(lint("((nums_1.k_other)::text = '5'::text)", "nums_1", K).mentionsKey()).isFalse();
        assertThat(lint("((o.k)::text = (nums_1.v))", "nums_1", K).mentionsKey()).isFalse();
    }

    @Test
    void stableFunctionsAndParametersAreNotedForExecutorStart() {
        ConditionLint.Result r = lint("(events_1.occurred_at > (now() - '7 days'::interval))", "events_1",
                OCCURRED_AT);
        assertThat(r.issues()).isEmpty();
        assertThat(r.runtime()).singleElement().satisfies(rt -> {
            assertThat(rt.parameter()).isFalse();
            assertThat(rt.stableFunctions()).containsExactly("now");
        });
        assertThat(lint("(events_1.occurred_at >= $1)", "events_1", OCCURRED_AT).runtime().get(0).parameter())
                .isTrue();
    }

    @Test
    void keyElementsOfADefinition() {
        assertThat(KeyParts.elements("RANGE (a, lower(b) COLLATE \"C\", (a + b) text_ops)"))
                .containsExactly("a", "lower(b)", "(a + b)");
    }
}
