package io.partscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0 bytes",
        "1023, 1023 bytes",
        "8192, 8.0 kB",
        "1572864, 1.5 MB",
        "157286400, 150 MB",
        "5368709120, 5.0 GB",
        "2199023255552, 2.0 TB"})
    void bytesAreWrittenLikePgSizePretty(long bytes, String expected) {
        assertEquals(expected, Formats.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({"950, 950", "12345, 12.3k", "151234567, 151.2M"})
    void agesAreShort(long age, String expected) {
        assertEquals(expected, Formats.age(age));
    }

    @ParameterizedTest
    @CsvSource({"0.753, 75%", "0.004, 0.4%", "0.0001, <0.1%", "0, 0%", "1.2, 120%"})
    void fractionsAreWholePercentages(double fraction, String expected) {
        assertEquals(expected, Formats.percent(fraction));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "2026-11-22T10:00:00Z, 2026-11-22T10:00:30Z, 30 s ago",
        "2026-11-22T10:00:00Z, 2026-11-22T10:12:00Z, 12 min ago",
        "2026-11-22T10:00:00Z, 2026-11-23T13:00:00Z, 27 h ago",
        "2026-11-12T10:00:00Z, 2026-11-22T10:00:00Z, 10 d ago"})
    void sinceSaysHowLongAgoInTheLargestSensibleUnit(String when, String now, String shown) {
        org.assertj.core.api.Assertions.assertThat(Formats.since(java.time.OffsetDateTime.parse(when),
                java.time.OffsetDateTime.parse(now))).isEqualTo(shown);
    }
}
