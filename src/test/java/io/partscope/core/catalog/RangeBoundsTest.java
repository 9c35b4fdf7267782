package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.catalog.RangeBounds.Coverage;
import io.partscope.core.catalog.RangeBounds.DateValue;
import io.partscope.core.catalog.RangeBounds.Gap;
import io.partscope.core.catalog.RangeBounds.InstantValue;
import io.partscope.core.catalog.RangeBounds.KeyType;
import io.partscope.core.catalog.RangeBounds.LongValue;
import io.partscope.core.catalog.RangeBounds.TimestampValue;
import io.partscope.core.catalog.RangeBounds.Unbounded;
import io.partscope.core.catalog.RangeBounds.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class RangeBoundsTest {

    /** Test-side notation for a value: MINVALUE, MAXVALUE, tz:INSTANT, ts:LOCALDATETIME, date:DATE, int:N. */
    private static Value value(String notation) {
        if (notation.equals("MINVALUE")) {
            return Unbounded.MINVALUE;
        }
        if (notation.equals("MAXVALUE")) {
            return Unbounded.MAXVALUE;
        }
        String[] parts = notation.split(":", 2);
        return switch (parts[0]) {
            case "tz" -> new InstantValue(Instant.parse(parts[1]));
            case "ts" -> new TimestampValue(LocalDateTime.parse(parts[1]));
            case "date" -> new DateValue(LocalDate.parse(parts[1]));
            case "int" -> new LongValue(Long.parseLong(parts[1]));
            default -> throw new IllegalArgumentException(notation);
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00') | tz:2026-01-01T00:00:00Z | tz:2026-02-01T00:00:00Z",
        "FOR VALUES FROM ('2026-01-01 00:00:00+05:30') TO ('2026-01-02 00:00:00-08') | tz:2025-12-31T18:30:00Z | tz:2026-01-02T08:00:00Z",
        "FOR VALUES FROM ('2026-01-01 12:30:15.25+00') TO ('2026-01-01 13:00:00+00') | tz:2026-01-01T12:30:15.250Z | tz:2026-01-01T13:00:00Z",
        "FOR VALUES FROM ('1999-12-31 23:00:00+03:30:15') TO (MAXVALUE) | tz:1999-12-31T19:29:45Z | MAXVALUE",
        "FOR VALUES FROM ('2026-01-01 00:00:00') TO ('2026-01-08 00:00:00') | ts:2026-01-01T00:00:00 | ts:2026-01-08T00:00:00",
        "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01') | date:2026-01-01 | date:2026-02-01",
        "FOR VALUES FROM (MINVALUE) TO ('2026-01-01') | MINVALUE | date:2026-01-01",
        "FOR VALUES FROM ('2026-01-01') TO (MAXVALUE) | date:2026-01-01 | MAXVALUE",
        "FOR VALUES FROM ('-infinity') TO ('2026-01-01 00:00:00+00') | MINVALUE | tz:2026-01-01T00:00:00Z",
        "FOR VALUES FROM ('2026-01-01') TO ('infinity') | date:2026-01-01 | MAXVALUE",
        "FOR VALUES FROM (MINVALUE) TO (MAXVALUE) | MINVALUE | MAXVALUE",
        "FOR VALUES FROM (0) TO (1000) | int:0 | int:1000",
        "FOR VALUES FROM (-500) TO (-1) | int:-500 | int:-1",
        "FOR VALUES FROM (9000000000) TO (9223372036854775807) | int:9000000000 | int:9223372036854775807",
        "for values from ( 10 ) to ( 20 ) | int:10 | int:20",
        "FOR VALUES FROM ('2026-01-01'::date) TO ('2026-02-01'::date) | date:2026-01-01 | date:2026-02-01",
        "FOR VALUES FROM ('9999-12-01') TO ('10000-01-01') | date:9999-12-01 | date:+10000-01-01",
        "FOR VALUES FROM ('10000-01-01 00:00:00') TO ('10000-02-01 00:00:00') | ts:+10000-01-01T00:00:00 | ts:+10000-02-01T00:00:00",
        "FOR VALUES FROM ('10000-01-01 00:00:00+00') TO ('10000-02-01 00:00:00+00') | tz:+10000-01-01T00:00:00Z | tz:+10000-02-01T00:00:00Z"})
    void readsTheEndsOfABound(String bound, String lower, String upper) {
        RangeBounds parsed = RangeBounds.parse(bound).orElseThrow();

        assertThat(parsed.lower()).isEqualTo(value(lower));
        assertThat(parsed.upper()).isEqualTo(value(upper));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00') | TIMESTAMPTZ",
        "FOR VALUES FROM (MINVALUE) TO ('2026-01-01 00:00:00') | TIMESTAMP",
        "FOR VALUES FROM ('2026-01-01') TO (MAXVALUE) | DATE",
        "FOR VALUES FROM (1) TO (2) | INTEGER"})
    void knowsTheKeyTypeFromEitherEnd(String bound, KeyType type) {
        assertThat(RangeBounds.parse(bound).orElseThrow().keyType()).isEqualTo(type);
    }

    @ParameterizedTest
    @NullSource
    @CsvSource(delimiter = '|', value = {
        "DEFAULT",
        "FOR VALUES IN ('eu', 'us')",
        "FOR VALUES WITH (modulus 4, remainder 1)",
        "FOR VALUES FROM ('2026-01-01', 1) TO ('2026-02-01', 1)",
        "FOR VALUES FROM (MINVALUE, MINVALUE) TO (10, MAXVALUE)",
        "FOR VALUES FROM ('a') TO ('m')",
        "FOR VALUES FROM ('it''s') TO ('z) TO (')",
        "FOR VALUES FROM (1.5) TO (2.5)",
        "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01 00:00:00+00')",
        "FOR VALUES FROM ('0044-03-15 BC') TO ('0001-01-01')",
        "FOR VALUES FROM ('2026-02-30') TO ('2026-03-01')",
        "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01'",
        "FOR VALUES FROM ('2026-01-01) TO (2026-02-01)",
        "FOR VALUES FROM (1) TO (2) trailing",
        "''"})
    void leavesWhatItCannotDrawUnread(String bound) {
        assertThat(RangeBounds.parse(bound)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MINVALUE          | date:2026-01-01   | -1",
        "date:2026-01-01   | MAXVALUE          | -1",
        "MAXVALUE          | MAXVALUE          | 0",
        "date:2026-01-02   | date:2026-01-01   | 1",
        "int:-3            | int:2             | -1",
        "tz:2026-01-01T00:00:00Z | tz:2026-01-01T00:00:00Z | 0"})
    void ordersValuesWithTheUnboundedEndsOutside(String a, String b, int sign) {
        assertThat(Integer.signum(RangeBounds.ORDER.compare(value(a.strip()), value(b.strip())))).isEqualTo(sign);
    }

    @Test
    void refusesToCompareKeysOfDifferentTypes() {
        assertThatThrownBy(() -> RangeBounds.ORDER.compare(value("int:1"), value("date:2026-01-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "date:2026-01-01 | true",
        "date:2026-01-31 | true",
        "date:2026-02-01 | false",
        "date:2025-12-31 | false"})
    void theLowerBoundIsInclusiveAndTheUpperExclusive(String key, boolean contained) {
        RangeBounds january = RangeBounds.parse("FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')").orElseThrow();

        assertThat(january.contains(value(key))).isEqualTo(contained);
    }

    // ---------------------------------------------------------------------------------------------- coverage

    private static PartitionMember member(String name, String bound) {
        return new PartitionMember(2, "public", name, "public", "t", List.of(), 1, true, "DEFAULT".equals(bound), bound,
                null, false, RelKind.TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                0L, 0L, 200_000_000L, 0L, 0.0, BloatStatus.ESTIMATED, null, null, null, null, null, false);
    }

    private static String range(String from, String to) {
        return "FOR VALUES FROM (" + from + ") TO (" + to + ")";
    }

    @Test
    void contiguousRangesHaveNoGaps() {
        Coverage coverage = RangeBounds.coverage(List.of(
                member("m2", range("'2026-02-01'", "'2026-03-01'")),
                member("m1", range("'2026-01-01'", "'2026-02-01'"))));

        assertThat(coverage.gaps()).isEmpty();
        assertThat(coverage.overlaps()).isEmpty();
        assertThat(coverage.ranges()).extracting(c -> c.member().name()).containsExactly("m1", "m2");
        assertThat(coverage.keyType()).isEqualTo(KeyType.DATE);
    }

    @Test
    void aMissingMonthIsAGapBetweenItsNeighbours() {
        Coverage coverage = RangeBounds.coverage(List.of(
                member("m1", range("'2026-01-01 00:00:00+00'", "'2026-02-01 00:00:00+00'")),
                member("m3", range("'2026-03-01 00:00:00+00'", "'2026-04-01 00:00:00+00'")),
                member("def", "DEFAULT")));

        assertThat(coverage.gaps()).hasSize(1);
        Gap gap = coverage.gaps().get(0);
        assertThat(gap.from()).isEqualTo(value("tz:2026-02-01T00:00:00Z"));
        assertThat(gap.to()).isEqualTo(value("tz:2026-03-01T00:00:00Z"));
        assertThat(gap.before().name()).isEqualTo("m1");
        assertThat(gap.after().name()).isEqualTo("m3");
        assertThat(coverage.defaultPartition().name()).isEqualTo("def");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // bounds of three partitions                                  | gaps | overlaps
        "0,10 ; 10,20 ; 20,30                                          | 0    | 0",
        "0,10 ; 11,20 ; 25,30                                          | 2    | 0",
        "0,10 ; 5,20 ; 20,30                                           | 0    | 1",
        "0,100 ; 10,20 ; 150,200                                       | 1    | 1",
        "MINVALUE,0 ; 0,10 ; 10,MAXVALUE                               | 0    | 0",
        "MINVALUE,0 ; 5,10 ; 20,MAXVALUE                               | 2    | 0"})
    void countsGapsAndOverlapsWhateverTheOrderGiven(String bounds, int gaps, int overlaps) {
        List<String> ranges = List.of(bounds.split(";"));
        List<PartitionMember> members = new java.util.ArrayList<>();
        for (int i = ranges.size() - 1; i >= 0; i--) {
            String[] ends = ranges.get(i).strip().split(",");
            members.add(member("p" + i, range(ends[0], ends[1])));
        }

        Coverage coverage = RangeBounds.coverage(members);

        assertThat(coverage.gaps()).hasSize(gaps);
        assertThat(coverage.overlaps()).hasSize(overlaps);
    }

    @Test
    void aRangeInsideALargerOneOverlapsOnlyItsOwnSpan() {
        Coverage coverage = RangeBounds.coverage(List.of(
                member("big", range("0", "100")), member("inner", range("10", "20"))));

        assertThat(coverage.overlaps()).singleElement().satisfies(o -> {
            assertThat(o.from()).isEqualTo(value("int:10"));
            assertThat(o.to()).isEqualTo(value("int:20"));
            assertThat(o.first().name()).isEqualTo("big");
            assertThat(o.second().name()).isEqualTo("inner");
        });
    }

    @Test
    void theOpenEndsAreUncoveredUnlessMinOrMaxValueCloseThem() {
        Coverage open = RangeBounds.coverage(List.of(member("a", range("0", "10"))));
        Coverage closed = RangeBounds.coverage(List.of(
                member("low", range("MINVALUE", "0")), member("high", range("0", "MAXVALUE"))));

        assertThat(open.uncoveredBelow()).isTrue();
        assertThat(open.uncoveredAbove()).isTrue();
        assertThat(closed.uncoveredBelow()).isFalse();
        assertThat(closed.uncoveredAbove()).isFalse();
    }

    @Test
    void theHighestUpperBoundIsTheFurthestReachNotTheLastRange() {
        Coverage coverage = RangeBounds.coverage(List.of(
                member("big", range("0", "100")), member("inner", range("10", "20"))));

        assertThat(coverage.highest()).contains(value("int:100"));
        assertThat(coverage.lowest()).contains(value("int:0"));
    }

    @Test
    void membersOfAnotherKeyTypeOrUnreadableBoundsAreSetAside() {
        Coverage coverage = RangeBounds.coverage(List.of(
                member("d", range("'2026-01-01'", "'2026-02-01'")),
                member("i", range("1", "2")),
                member("l", "FOR VALUES IN (1)")));

        assertThat(coverage.ranges()).extracting(c -> c.member().name()).containsExactly("d");
        assertThat(coverage.unread()).extracting(PartitionMember::name).containsExactly("i", "l");
    }

    @Test
    void findsThePartitionThatHoldsAKey() {
        Coverage coverage = RangeBounds.coverage(List.of(
                member("a", range("0", "10")), member("b", range("10", "20"))));

        assertThat(coverage.partitionFor(value("int:10"))).map(PartitionMember::name).contains("b");
        assertThat(coverage.partitionFor(value("int:20"))).isEmpty();
    }

    @Test
    void aSubPartitionedSetIsJudgedByItsLevelOneBounds() {
        PartitionMember jan = member("jan", range("'2026-01-01'", "'2026-02-01'"));
        PartitionMember janEu = new PartitionMember(3, "public", "jan_eu", "public", "jan", List.of(), 2, true, false,
                "FOR VALUES IN ('eu')", null, false, RelKind.TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L, 0L,
                0L, 0L, 0L, 0L, 0L, 0L, 0L, 200_000_000L, 0L, 0.0, BloatStatus.ESTIMATED, null, null, null, null, null,
                false);
        PartitionMember mar = member("mar", range("'2026-03-01'", "'2026-04-01'"));
        PartitionSet set = new PartitionSet(member("t", null), SetKind.DECLARATIVE, Strategy.RANGE, "RANGE (day)",
                List.of(jan, janEu, mar), new Totals(3, 2, 0, 0, 0, 0, 0, 0, 0, null, null, 0, 0, 0, 0));

        Coverage coverage = RangeBounds.coverage(set);

        assertThat(coverage.ranges()).extracting(c -> c.member().name()).containsExactly("jan", "mar");
        assertThat(coverage.unread()).isEmpty();
        assertThat(coverage.gaps()).hasSize(1);
    }
}
