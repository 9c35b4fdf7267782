package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemTest {
    private static final OffsetDateTime ANALYZED = OffsetDateTime.parse("2026-11-01T00:00:00Z");

    private static PartitionMember member(boolean isDefault, boolean pending, long live, Long xidAge, Double bloatPct,
            Long bloatBytes, BloatStatus status, OffsetDateTime lastAnalyze) {
        return new PartitionMember(1, "s", "p", "s", "parent", List.of(new RelationName("s", "parent")), 1, true,
                isDefault, isDefault ? "DEFAULT" : "FOR VALUES IN (1)", null, pending, RelKind.TABLE,
                Persistence.PERMANENT, null, List.of(), 8192L, 8192L, 0L, 0L, live, live, 0L, 0L, xidAge, 0L,
                200_000_000L, bloatBytes, bloatPct, status, null, null, lastAnalyze, null, null, false);
    }

    /** A healthy leaf with these ages against these limits (freeze max age 200M as the server's default). */
    private static PartitionMember aged(long xidAge, long mxidAge, long mxidFreezeMaxAge) {
        return new PartitionMember(1, "s", "p", "s", "parent", List.of(new RelationName("s", "parent")), 1, true,
                false, "FOR VALUES IN (1)", null, false, RelKind.TABLE, Persistence.PERMANENT, null, List.of(), 8192L,
                8192L, 0L, 0L, 10L, 10L, 0L, 0L, xidAge, mxidAge, 200_000_000L, mxidFreezeMaxAge, 0L, 0.0,
                BloatStatus.ESTIMATED, null, null, ANALYZED, null, null, false);
    }

    private static PartitionMember healthy() {
        return member(false, false, 10, 1000L, 5.0, 8192L, BloatStatus.ESTIMATED, ANALYZED);
    }

    @Test
    void aHealthyPartitionHasNoProblem() {
        assertThat(Problem.of(healthy(), Problem.Thresholds.DEFAULTS)).isEmpty();
    }

    @Test
    void defaultPartitionIsAProblemOnlyWhenItHoldsRows() {
        PartitionMember empty = member(true, false, 0, 1000L, 0.0, 0L, BloatStatus.ESTIMATED, ANALYZED);
        PartitionMember holding = member(true, false, 42, 1000L, 0.0, 0L, BloatStatus.ESTIMATED, ANALYZED);
        assertThat(Problem.of(empty, Problem.Thresholds.DEFAULTS)).isEmpty();
        assertThat(Problem.of(holding, Problem.Thresholds.DEFAULTS)).containsExactly(Problem.DEFAULT_WITH_ROWS);
    }

    @Test
    void xidAgeCountsAgainstTheMembersOwnFreezeMaxAge() {
        PartitionMember old = member(false, false, 10, 170_000_000L, 0.0, 0L, BloatStatus.ESTIMATED, ANALYZED);
        assertThat(Problem.of(old, Problem.Thresholds.DEFAULTS)).containsExactly(Problem.XID_AGE_HIGH);
        assertThat(Problem.of(old, new Problem.Thresholds(0.9, 30, 0))).isEmpty();
    }

    @Test
    void bloatNeedsBothTheShareAndTheBytes() {
        PartitionMember smallBloat = member(false, false, 10, 1000L, 60.0, 16_384L, BloatStatus.ESTIMATED, ANALYZED);
        PartitionMember bigBloat = member(false, false, 10, 1000L, 60.0, 50_000_000L, BloatStatus.ESTIMATED,
                ANALYZED);
        assertThat(Problem.of(smallBloat, Problem.Thresholds.DEFAULTS)).isEmpty();
        assertThat(Problem.of(bigBloat, Problem.Thresholds.DEFAULTS)).containsExactly(Problem.BLOAT_HIGH);
    }

    @Test
    void pendingDetachAndStaleOrMissingStatisticsAreProblems() {
        assertThat(Problem.of(member(false, true, 10, 1000L, 0.0, 0L, BloatStatus.ESTIMATED, ANALYZED),
                Problem.Thresholds.DEFAULTS)).containsExactly(Problem.DETACH_PENDING);
        assertThat(Problem.of(member(false, false, 10, 1000L, null, null, BloatStatus.STALE_STATISTICS, ANALYZED),
                Problem.Thresholds.DEFAULTS)).containsExactly(Problem.STALE_STATISTICS);
        assertThat(Problem.of(member(false, false, 10, 1000L, null, null, BloatStatus.NO_STATISTICS, null),
                Problem.Thresholds.DEFAULTS)).containsExactly(Problem.STALE_STATISTICS);
    }

    @Test
    void mxidAgeBelowItsOwnLimitIsNoProblemEvenPastTheXidLimitsShare() {
        // 170M multixacts: 85% of autovacuum_freeze_max_age (200M) but only 42% of the multixact limit (400M).
        assertThat(Problem.of(aged(1000L, 170_000_000L, 400_000_000L), Problem.Thresholds.DEFAULTS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "330000000, 400000000, true",  // 82% of the server's 400M
        "310000000, 400000000, false", // 77%
        "130000000, 150000000, true",  // 87% of a reloption's 150M
        "110000000, 150000000, false"})
    void mxidAgeCountsAgainstTheEffectiveMultixactFreezeMaxAge(long mxidAge, long limit, boolean flagged) {
        assertThat(Problem.of(aged(1000L, mxidAge, limit), Problem.Thresholds.DEFAULTS).contains(Problem.XID_AGE_HIGH))
                .isEqualTo(flagged);
    }

    @Test
    void mxidAgeFractionIsAgainstItsOwnLimit() {
        assertThat(aged(1000L, 100_000_000L, 400_000_000L).mxidAgeFraction()).isEqualTo(0.25);
        assertThat(aged(1000L, 100_000_000L, 400_000_000L).xidAgeFraction()).isEqualTo(1000 / 2e8);
    }
}
