package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.CliRun;
import io.partscope.support.TestPostgres;
import io.partscope.ui.Formats;
import io.partscope.ui.browser.PartitionSetRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real server, a partition with its own autovacuum_freeze_max_age: {@code tree}'s text and the app's sets
 * table give the same percentage, against that partition's limit, not the cluster's.
 */
class XidShareAgreementIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;

    @BeforeAll
    static void load() {
        db = PG.newDatabase("xid_share");
        PG.exec(db,
                "CREATE TABLE calls (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE calls_own PARTITION OF calls FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')"
                        + " WITH (autovacuum_freeze_max_age = 100000)",
                "CREATE TABLE calls_plain PARTITION OF calls FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                // Age the partitions: 3,000 transactions, each assigned an XID and committed.
                "DO $$ BEGIN FOR i IN 1..3000 LOOP PERFORM txid_current(); COMMIT; END LOOP; END $$");
    }

    @Test
    void theCliAndTheSetsTableGiveTheSameShareOfThePartitionsOwnLimit() throws Exception {
        PartitionSet calls;
        try (Database database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            calls = new CatalogReader(database).read(CatalogFilter.ALL, null).roots().stream()
                    .filter(s -> s.name().equals("calls")).findFirst().orElseThrow();
        }
        PartitionSetRow row = PartitionSetRow.of(calls);
        long age = calls.partitions().stream().filter(m -> m.name().equals("calls_own")).findFirst().orElseThrow()
                .xidAge();
        // at least 3,000 of 100,000: 3 % or more, where the cluster's 200M would give <0.1%
        assertThat(row.worstXidAgeFraction()).isGreaterThanOrEqualTo(0.03);
        assertThat(row.worstXidAgeFraction()).isEqualTo(age / 100_000.0);

        CliRun run = CliRun.run("tree", "--url", PG.superuserUrl(db));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String setLine = run.out().lines().dropWhile(l -> !l.startsWith("public.calls")).skip(1).findFirst()
                .orElseThrow();
        assertThat(setLine).contains("(" + Formats.percent(row.worstXidAgeFraction()) + " of 100.0k)");
    }
}
