package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Environment;
import io.partscope.core.ops.create.CreatePartitionsPlannerIT;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code op create} and {@code op split-default --dry-run} on the edge cases of the issue, as a user runs them. */
class OpDryRunEdgesIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final String HOSTILE = "\"it's\".\"$(touch /tmp/pwned)\"";

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = PG.newDatabase("dryedges");
        PG.exec(db, "CREATE TABLE public.far (d date NOT NULL) PARTITION BY RANGE (d)",
                "CREATE TABLE public.far_9999_12 PARTITION OF public.far FOR VALUES FROM ('9999-12-01') TO"
                        + " ('10000-01-01')",
                "CREATE TABLE public.far_default PARTITION OF public.far DEFAULT",
                "INSERT INTO public.far VALUES ('10000-02-15')",
                "CREATE SCHEMA \"it's\"",
                "CREATE TABLE " + HOSTILE + " (n int NOT NULL) PARTITION BY RANGE (n)",
                "CREATE TABLE \"it's\".p_0_10 PARTITION OF " + HOSTILE + " FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE \"it's\".d PARTITION OF " + HOSTILE + " DEFAULT",
                "INSERT INTO " + HOSTILE + " VALUES (15)");
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private CliRun op(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "op";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = PG.superuserUrl(db);
        return CliRun.run(env, all);
    }

    @Test
    void aSetWhoseLastBoundIsInTheYear10000IsPlanned() {
        CliRun create = op("create", "--table", "public.far", "--next", "1", "--dry-run");
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("far_10000_01", "FOR VALUES FROM ('10000-01-01') TO ('10000-02-01')");
        assertThat(create.err()).doesNotContain("Exception");

        CliRun split = op("split-default", "--table", "public.far", "--dry-run");
        assertThat(split.exitCode()).as(split.err()).isZero();
        assertThat(split.out()).contains("far_10000_02", "FOR VALUES FROM ('10000-02-01') TO ('10000-03-01')");
    }

    @Test
    void theSplitDefaultCommandItSuggestsIsShellQuoted() throws Exception {
        CliRun create = op("create", "--table", HOSTILE, "--next", "1", "--dry-run");
        assertThat(create.exitCode()).as(create.out() + create.err()).isEqualTo(11);
        String expected = "partscope op split-default --table '\"it'\\''s\".\"$(touch /tmp/pwned)\"'";
        assertThat(create.out()).contains(expected)
                .doesNotContain("--table " + HOSTILE);
        assertThat(CreatePartitionsPlannerIT.shellWords(expected)).containsExactly("partscope", "op",
                "split-default", "--table", HOSTILE);
    }
}
