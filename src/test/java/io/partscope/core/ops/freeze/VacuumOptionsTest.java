package io.partscope.core.ops.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The VACUUM option list the freeze steps run, and the values refused before anything is planned. */
class VacuumOptionsTest {
    @Test
    void everyOptionInTheOrderTheDocumentationWritesIt() {
        FreezePlanner.VacuumOptions o = new FreezePlanner.VacuumOptions(true, true, 2, "256MB", 2.5);
        assertThat(o.optionList()).isEqualTo("FREEZE, ANALYZE, SKIP_LOCKED, PARALLEL 2, BUFFER_USAGE_LIMIT '256MB'");
        assertThat(o.costDelayStatement()).isEqualTo("SET vacuum_cost_delay = '2.5ms'");
    }

    @Test
    void noOptionIsPlainFreeze() {
        assertThat(FreezePlanner.VacuumOptions.of(false).optionList()).isEqualTo("FREEZE");
        assertThat(FreezePlanner.VacuumOptions.of(false).costDelayStatement()).isNull();
        assertThat(new FreezePlanner.VacuumOptions(false, false, null, "  ", null).optionList()).isEqualTo("FREEZE");
    }

    @Test
    void bufferUsageLimitNeedsPostgres16() {
        FreezePlanner.VacuumOptions o = new FreezePlanner.VacuumOptions(false, false, null, "16MB", null);
        assertThatThrownBy(() -> o.validate(150_004)).isInstanceOf(PartscopeException.class)
                .hasMessage("BUFFER_USAGE_LIMIT needs PostgreSQL 16 or newer; this server is 15")
                .satisfies(e -> assertThat(((PartscopeException) e).kind()).isEqualTo(ErrorKind.BAD_INPUT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1|  |     | PARALLEL must be between 0 and 1024 workers",
        "  |  | 101 | the cost delay must be between 0 and 100 ms (vacuum_cost_delay)",
        "  | 16 MiB' |  | BUFFER_USAGE_LIMIT: \"16 MiB'\" is not a size (examples: 256kB, 16MB, 1GB, 0)"})
    void badValuesAreClearMessages(Integer parallel, String buffer, Double delay, String message) {
        FreezePlanner.VacuumOptions o = new FreezePlanner.VacuumOptions(false, false, parallel, buffer, delay);
        assertThatThrownBy(() -> o.validate(180_000)).isInstanceOf(PartscopeException.class).hasMessage(message);
    }
}
