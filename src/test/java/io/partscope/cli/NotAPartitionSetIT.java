package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Environment;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --table} that exists but is in no partition set (an ordinary table, a view) is named for what it is, by
 * every command that takes a set, not reported as missing; and op create refuses a huge --next up front.
 */
class NotAPartitionSetIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path home;
    private String db;
    private Environment env;

    @BeforeEach
    void setUp() {
        db = PG.newDatabase("notaset");
        PG.exec(db, "CREATE TABLE public.plain (id bigint)", "CREATE VIEW public.plain_view AS SELECT * FROM plain",
                "CREATE TABLE public.big (id bigint NOT NULL) PARTITION BY RANGE (id)",
                "CREATE TABLE public.big_0_1000 PARTITION OF public.big FOR VALUES FROM (0) TO (1000)");
        env = new Environment(Map.of("XDG_STATE_HOME", home.resolve("state").toString()), home);
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = PG.superuserUrl(db);
        return CliRun.run(env, all);
    }

    @Test
    void anOrdinaryTableIsSaidToBeOneByEveryCommand() {
        String[][] commands = {
            {"tree", "--table", "public.plain"},
            {"op", "create", "--table", "public.plain", "--next", "1", "--dry-run"},
            {"op", "split-default", "--table", "public.plain", "--dry-run"},
            {"op", "freeze", "--table", "public.plain", "--min-age", "0", "--dry-run"},
            {"op", "finalize", "--table", "public.plain", "--dry-run"}};
        for (String[] command : commands) {
            CliRun r = run(command);
            assertThat(r.exitCode()).as("%s: %s", String.join(" ", command), r.err()).isEqualTo(10);
            assertThat(r.err()).as(String.join(" ", command))
                    .contains("public.plain is an ordinary table, not a partitioned table or an inheritance parent")
                    .doesNotContain("does not exist").doesNotContain("Exception");
        }
    }

    @Test
    void aViewIsSaidToBeOne() {
        CliRun r = run("tree", "--table", "public.plain_view");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(10);
        assertThat(r.err()).contains("public.plain_view is a view, not a partitioned table or an inheritance parent");
    }

    @Test
    void aHugeNextIsRefusedWithTheCap() {
        CliRun r = run("op", "create", "--table", "public.big", "--next", "1000000000", "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--next 1000000000 asks for more than 1000 partitions; at most 1000 in one"
                + " operation").doesNotContain("Exception");
    }
}
