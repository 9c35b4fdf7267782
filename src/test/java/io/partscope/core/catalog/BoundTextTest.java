package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00') | FROM ('2025-02-01') TO ('2025-03-01')",
        "FOR VALUES FROM ('2025-02-01 00:00:00+05:30') TO (MAXVALUE) | FROM ('2025-02-01') TO (MAXVALUE)",
        "FOR VALUES FROM ('2025-02-01 12:00:00+00') TO ('2025-02-02 00:00:00') | FROM ('2025-02-01 12:00:00+00') TO ('2025-02-02')",
        "FOR VALUES IN ('eu') | IN ('eu')",
        "FOR VALUES FROM ('9999-12-01 00:00:00') TO ('10000-01-01 00:00:00') | FROM ('9999-12-01') TO ('10000-01-01')",
        "DEFAULT | DEFAULT"})
    void boundsLoseTheirPrefixAndMidnightTimes(String bound, String shown) {
        assertThat(BoundText.shorten(bound)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "FOR VALUES FROM ('2025-03-01') TO ('2025-04-01') | 2025-03-01 → 2025-04-01",
        "FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00') | 2025-02-01 → 2025-03-01",
        "FOR VALUES FROM ('2025-02-01 12:30:00+05:30') TO ('2025-02-02 00:00:00+05:30') | 2025-02-01 12:30:00+05:30 → 2025-02-02",
        "FOR VALUES FROM ('2025-02-01 06:00:00') TO ('2025-02-01 12:00:00') | 2025-02-01 06:00:00 → 2025-02-01 12:00:00",
        "FOR VALUES FROM (MINVALUE) TO ('2025-01-01') | −∞ → 2025-01-01",
        "FOR VALUES FROM ('2025-01-01') TO (MAXVALUE) | 2025-01-01 → +∞",
        "FOR VALUES FROM (0) TO (1000000) | 0 → 1000000",
        "FOR VALUES FROM ('-5.5') TO ('10.25') | -5.5 → 10.25",
        "FOR VALUES FROM (2025, 1) TO (2025, 2) | (2025, 1) → (2025, 2)",
        "FOR VALUES FROM ('eu', MINVALUE) TO ('eu', MAXVALUE) | (eu, −∞) → (eu, +∞)",
        "FOR VALUES FROM ('a') TO ('m') | a → m",
        "FOR VALUES FROM ('O''Brien') TO ('a, b') | 'O''Brien' → 'a, b'",
        "FOR VALUES FROM ('MAXVALUE') TO ('zz') | 'MAXVALUE' → zz",
        "FOR VALUES FROM ('x → y') TO ('') | 'x → y' → ''",
        "FOR VALUES IN ('eu', 'us') | eu, us",
        "FOR VALUES IN (NULL, 'N''A') | NULL, 'N''A'",
        "FOR VALUES IN (1, 2, 3) | 1, 2, 3",
        "FOR VALUES WITH (modulus 4, remainder 1) | mod 4 = 1",
        "DEFAULT | DEFAULT",
        "FOR VALUES SOMETHING ELSE | SOMETHING ELSE"})
    void compactBoundsKeepBothEndsOfARangeInView(String bound, String shown) {
        assertThat(BoundText.compact(bound)).isEqualTo(shown);
    }
}
