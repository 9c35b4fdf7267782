package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code partscope bench explain} end to end on a small set: it builds the set, checks its own queries, prints a table. */
class BenchExplainIT {
    private static final TestPostgres PG = TestPostgres.get();

    @Test
    void measuresTheThreeQueriesAndPrintsOneRowEach() {
        CliRun run = CliRun.run("bench", "explain", "--url", PG.superuserUrl("postgres"), "--partitions", "12",
                "--runs", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = Arrays.stream(run.out().split("\n")).filter(l -> l.startsWith("| 12 |")).toList();
        // partitions | query | scanned | removed at executor start | ...
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("| 12 | every leaf | 12 | 0 |");
        assertThat(rows.get(1)).startsWith("| 12 | 1 leaf (plan time) | 1 | 0 |");
        assertThat(rows.get(2)).startsWith("| 12 | 1 leaf (generic plan, executor start) | 1 | 11 |");
        assertThat(run.err()).containsAnyOf("bench_tree_12: 12 partitions created", "bench_tree_12 exists: reusing it");
    }
}
