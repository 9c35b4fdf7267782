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
}
