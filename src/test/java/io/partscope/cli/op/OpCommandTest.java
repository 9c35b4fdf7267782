package io.partscope.cli.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.support.CliRun;
import org.junit.jupiter.api.Test;

/** The op group's usage, without a server. */
class OpCommandTest {
    @Test
    void opWithoutAnOperationIsBadInput() {
        CliRun run = CliRun.run("op");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name an operation").doesNotContain("Exception");
    }

    @Test
    void freezeHelpListsTheSharedFlags() {
        CliRun run = CliRun.run("op", "freeze", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--min-age").contains("--min-age-pct").contains("--older-than")
                .contains("--lock-timeout").contains("--retries").contains("--dry-run").contains("--yes")
                .contains("--json").contains("--analyze");
    }

    @Test
    void choosingTwoWaysIsBadInput() {
        CliRun run = CliRun.run("op", "freeze", "--url", "postgresql://localhost/x", "--table", "t",
                "--min-age", "1", "--older-than", "2025-01-01");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
