package io.partscope.core.ops.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.ops.create.NamePattern.Label;
import io.partscope.core.ops.create.NamePattern.Sample;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Name patterns inferred from existing names and bounds; intervals; literals. */
class NamePatternTest {
    private static final Cadence MONTH = new Cadence(Cadence.Unit.MONTH, 1);
    private static final Cadence YEAR = new Cadence(Cadence.Unit.YEAR, 1);

    private static Sample day(String name, String date) {
        return new Sample(name, Label.of(LocalDate.parse(date).atStartOfDay()));
    }

    private static String next(List<Sample> samples, Cadence cadence, String date) {
        return NamePattern.infer(samples, cadence).orElseThrow().render(Label.of(LocalDate.parse(date).atStartOfDay()));
    }

    @Test
    void monthlyNamesKeepTheirSeparator() {
        assertThat(next(List.of(day("events_2026_03", "2026-03-01"), day("events_2026_04", "2026-04-01")), MONTH,
                "2026-05-01")).isEqualTo("events_2026_05");
        // one sample: the longer token wins over yyyy with a suffix "_04"
        assertThat(next(List.of(day("events_2026_04", "2026-04-01")), MONTH, "2026-05-01")).isEqualTo("events_2026_05");
        assertThat(next(List.of(day("ev202604", "2026-04-01")), MONTH, "2026-05-01")).isEqualTo("ev202605");
    }

    @Test
    void isoWeeksQuartersDaysAndYears() {
        assertThat(next(List.of(day("call_logs_2026w18", "2026-04-27")), new Cadence(Cadence.Unit.WEEK, 1),
                "2026-12-28")).isEqualTo("call_logs_2026w53");
        assertThat(next(List.of(day("call_logs_2026w18", "2026-04-27")), new Cadence(Cadence.Unit.WEEK, 1),
                "2027-01-04")).isEqualTo("call_logs_2027w01");
        assertThat(next(List.of(day("p2026q1", "2026-01-01")), new Cadence(Cadence.Unit.QUARTER, 1), "2026-10-01"))
                .isEqualTo("p2026q4");
        assertThat(next(List.of(day("metrics_daily_2026_05_03", "2026-05-03")), new Cadence(Cadence.Unit.DAY, 1),
                "2026-05-04")).isEqualTo("metrics_daily_2026_05_04");
        assertThat(NamePattern.infer(List.of(new Sample("ticks_2026050322",
                Label.of(LocalDateTime.parse("2026-05-03T22:00")))), new Cadence(Cadence.Unit.HOUR, 1)).orElseThrow()
                .render(Label.of(LocalDateTime.parse("2026-05-04T00:00")))).isEqualTo("ticks_2026050400");
    }

    @Test
    void theDemoOddNamesFollowTheMajority() {
        List<Sample> odd = List.of(day("My Events 2024", "2024-01-01"), day("My Events 2025", "2025-01-01"),
                day("my events \"2026\"", "2026-01-01"));
        assertThat(next(odd, YEAR, "2027-01-01")).isEqualTo("My Events 2027");
    }

    @Test
    void integerStepsAndIndexes() {
        Cadence step = new Cadence(Cadence.Unit.INTEGER, 1000);
        List<Sample> t = List.of(new Sample("t_0_1000", Label.of(0, 1000)), new Sample("t_1000_2000",
                Label.of(1000, 2000)));
        assertThat(NamePattern.infer(t, step).orElseThrow().render(Label.of(2000, 3000))).isEqualTo("t_2000_3000");
        List<Sample> p = List.of(new Sample("t_p1", Label.of(1000, 2000)), new Sample("t_p2", Label.of(2000, 3000)));
        assertThat(NamePattern.infer(p, step).orElseThrow().render(Label.of(3000, 4000))).isEqualTo("t_p3");
    }

    @Test
    void namesWithoutTheirBoundGiveNoPattern() {
        assertThat(NamePattern.infer(List.of(day("logs_old", "2026-01-01")), MONTH)).isEmpty();
    }

    @Test
    void intervalsFromLocalBoundsAndFromTheUser() {
        assertThat(Cadence.between(LocalDateTime.parse("2026-03-29T00:00"), LocalDateTime.parse("2026-03-30T00:00")))
                .contains(new Cadence(Cadence.Unit.DAY, 1));
        assertThat(Cadence.between(LocalDateTime.parse("2026-01-31T00:00"), LocalDateTime.parse("2026-02-28T00:00")))
                .contains(MONTH);
        assertThat(Cadence.between(LocalDateTime.parse("2026-01-01T00:00"), LocalDateTime.parse("2026-01-03T00:00")))
                .isEmpty();
        assertThat(Cadence.parse("Quarter")).isEqualTo(new Cadence(Cadence.Unit.QUARTER, 1));
        assertThat(Cadence.parse("500")).isEqualTo(new Cadence(Cadence.Unit.INTEGER, 500));
        assertThatThrownBy(() -> Cadence.parse("fortnight")).hasMessageContaining("hour, day, week");
    }

    @Test
    void literalsAreQuotedAndReadAsTheServerPrintsThem() {
        assertThat(SqlText.quoteLiteral("it's")).isEqualTo("'it''s'");
        assertThat(SqlText.quoteLiteral("a\\b")).isEqualTo("E'a\\\\b'");
        assertThat(SqlText.listValues("FOR VALUES IN ('US', 'it''s, ok', NULL)")).contains(
                java.util.Arrays.asList("US", "it's, ok", null));
        assertThat(SqlText.localDateTime("'2026-05-01 00:00:00+02'")).contains(LocalDateTime.parse("2026-05-01T00:00"));
        assertThat(SqlText.hash("FOR VALUES WITH (modulus 8, remainder 3)")).hasValueSatisfying(
                h -> assertThat(h).containsExactly(8, 3));
        assertThat(SqlText.sanitise("Ünïcode & Co.")).isEqualTo("n_code_co");
    }
}
