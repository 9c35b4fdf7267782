package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary read (the app's first, one line per set) gives the numbers the full estimated read gives on the same
 * database: flat, two-level and deep sets, sub-partitioned DEFAULTs and a DEFAULT under a sub-partition, inheritance
 * (multiple inheritance inside one set too), foreign partitions, reloptions that lower the limits (the TOAST table's
 * as well), indexes, TOAST tables, a dropped column, names that need quotes.
 */
class SetSummaryReaderIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static Database database;

    @BeforeAll
    static void load() throws PartscopeException {
        String db = PG.newDatabase("summaries");
        Fixtures.loadPartitionSets(PG, db);
        PG.exec(db, "CREATE SCHEMA scale",
                // flat: one parent, 300 hourly partitions and a DEFAULT
                "CREATE TABLE scale.calls (id bigint, at timestamptz NOT NULL, note text) PARTITION BY RANGE (at)",
                "DO $$ BEGIN FOR g IN 0..299 LOOP EXECUTE format('CREATE TABLE scale.calls_%s PARTITION OF"
                        + " scale.calls FOR VALUES FROM (%L) TO (%L)', g,"
                        + " timestamptz '2026-01-01 00:00+00' + g * interval '1 hour',"
                        + " timestamptz '2026-01-01 00:00+00' + (g + 1) * interval '1 hour'); END LOOP; END $$",
                "CREATE TABLE scale.calls_default PARTITION OF scale.calls DEFAULT",
                "INSERT INTO scale.calls SELECT g, timestamptz '2026-01-01 00:00+00' + g * interval '30 seconds',"
                        + " repeat('x', 50) FROM generate_series(0, 29999) g",
                "INSERT INTO scale.calls SELECT g, timestamptz '2030-01-01 00:00+00', 'stray'"
                        + " FROM generate_series(1, 70) g",
                "CREATE INDEX ON scale.calls (id)",
                // one partition with its own (lower) XID and MXID limits
                "ALTER TABLE scale.calls_7 SET (autovacuum_freeze_max_age = 150000000,"
                        + " autovacuum_multixact_freeze_max_age = 200000000)",
                // two-level, with a sub-partitioned DEFAULT holding rows
                "CREATE TABLE scale.metrics (id bigint NOT NULL, v int) PARTITION BY RANGE (id)",
                "DO $$ BEGIN FOR m IN 0..9 LOOP"
                        + " EXECUTE format('CREATE TABLE scale.metrics_%s PARTITION OF scale.metrics FOR VALUES"
                        + " FROM (%s) TO (%s) PARTITION BY RANGE (id)', m, m * 50, (m + 1) * 50);"
                        + " FOR d IN 0..24 LOOP EXECUTE format('CREATE TABLE scale.metrics_%s_%s PARTITION OF"
                        + " scale.metrics_%s FOR VALUES FROM (%s) TO (%s)', m, d, m, m * 50 + d * 2,"
                        + " m * 50 + d * 2 + 2); END LOOP; END LOOP; END $$",
                "CREATE TABLE scale.metrics_default PARTITION OF scale.metrics DEFAULT PARTITION BY LIST (v)",
                "CREATE TABLE scale.metrics_default_1 PARTITION OF scale.metrics_default FOR VALUES IN (1)",
                "CREATE TABLE scale.metrics_default_other PARTITION OF scale.metrics_default DEFAULT",
                "INSERT INTO scale.metrics SELECT g, g % 3 FROM generate_series(0, 499) g",
                "INSERT INTO scale.metrics SELECT 1000 + g, g % 3 FROM generate_series(0, 89) g",
                // deep: year > month > day
                "CREATE TABLE scale.events (id bigint NOT NULL, payload text) PARTITION BY RANGE (id)",
                "DO $$ BEGIN FOR y IN 0..1 LOOP"
                        + " EXECUTE format('CREATE TABLE scale.events_%s PARTITION OF scale.events FOR VALUES FROM"
                        + " (%s) TO (%s) PARTITION BY RANGE (id)', y, y * 120, (y + 1) * 120);"
                        + " FOR m IN 0..2 LOOP EXECUTE format('CREATE TABLE scale.events_%s_%s PARTITION OF"
                        + " scale.events_%s FOR VALUES FROM (%s) TO (%s) PARTITION BY RANGE (id)', y, m, y,"
                        + " y * 120 + m * 40, y * 120 + (m + 1) * 40);"
                        + " FOR d IN 0..9 LOOP EXECUTE format('CREATE TABLE scale.events_%s_%s_%s PARTITION OF"
                        + " scale.events_%s_%s FOR VALUES FROM (%s) TO (%s)', y, m, d, y, m, y * 120 + m * 40 + d * 4,"
                        + " y * 120 + m * 40 + d * 4 + 4); END LOOP; END LOOP; END LOOP; END $$",
                "INSERT INTO scale.events SELECT g, repeat(md5(g::text), 200) FROM generate_series(0, 239) g",
                // a TOAST table's own limit (toast.* reloptions live on the TOAST relation) and a dropped column
                "ALTER TABLE scale.events_1_2_3 SET (toast.autovacuum_freeze_max_age = 120000000,"
                        + " toast.autovacuum_multixact_freeze_max_age = 180000000)",
                "ALTER TABLE scale.events DROP COLUMN payload",
                // a DEFAULT two levels down (a month's, in place of its last day), holding rows
                "DROP TABLE scale.events_1_2_9",
                "CREATE TABLE scale.events_1_2_default PARTITION OF scale.events_1_2 DEFAULT",
                "INSERT INTO scale.events SELECT 236 + g FROM generate_series(0, 3) g",
                // multiple inheritance inside one set: a diamond (the bottom reached through two parents), with a
                // child under the bottom that is reached twice too
                "CREATE TABLE scale.\"Quoted \"\"Diamond\"\"\" (k int, note text)",
                "CREATE TABLE scale.diamond_left () INHERITS (scale.\"Quoted \"\"Diamond\"\"\")",
                "CREATE TABLE scale.diamond_right () INHERITS (scale.\"Quoted \"\"Diamond\"\"\")",
                "CREATE TABLE scale.diamond_bottom () INHERITS (scale.diamond_left, scale.diamond_right)",
                "CREATE TABLE scale.diamond_below () INHERITS (scale.diamond_bottom)",
                "CREATE TABLE scale.diamond_leaf () INHERITS (scale.diamond_left, scale.diamond_right)",
                "CREATE INDEX ON scale.diamond_bottom (k)",
                "INSERT INTO scale.diamond_bottom SELECT g, repeat('y', 3000) FROM generate_series(1, 40) g",
                "INSERT INTO scale.diamond_leaf SELECT g FROM generate_series(1, 7) g",
                // relpages, reltuples and the statistics counters have values to compare
                "VACUUM ANALYZE",
                // dead tuples after the VACUUM, and a partition never vacuumed since
                "DELETE FROM scale.calls WHERE id % 7 = 0");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void everySetIsListedWithTheNumbersOfTheFullRead() throws PartscopeException {
        CatalogSnapshot full = new CatalogReader(database).read(CatalogFilter.ALL, SizeMode.ESTIMATED, null);
        SetSummaryReader.Result summary = new SetSummaryReader(database).read(CatalogFilter.ALL, null);

        assertThat(summary.summaries()).extracting(s -> s.set().relationName())
                .containsExactlyElementsOf(full.roots().stream().map(PartitionSet::relationName).toList());
        assertThat(summary.summaries()).extracting(s -> s.set().relationName().qualified())
                .contains("scale.calls", "scale.metrics", "scale.events", "app.sensor_log");
        for (int i = 0; i < full.roots().size(); i++) {
            PartitionSet set = full.roots().get(i);
            SetSummary line = summary.summaries().get(i);
            String name = set.relationName().qualified();
            // bloat is estimated per member: not a summary number
            assertThat(line.set().totals()).as(name).usingRecursiveComparison().ignoringFields("bloatBytes")
                    .isEqualTo(set.totals());
            assertThat(line.set().kind()).as(name).isEqualTo(set.kind());
            assertThat(line.set().strategy()).as(name).isEqualTo(set.strategy());
            assertThat(line.set().partitionKey()).as(name).isEqualTo(set.partitionKey());
            assertThat(line.set().root().sizesEstimated()).as(name).isEqualTo(anyEstimated(set));
            assertThat(line.worstXidAgeFraction()).as(name)
                    .isEqualTo(worst(set, PartitionMember::xidAgeFraction));
            assertThat(line.worstMxidAgeFraction()).as(name)
                    .isEqualTo(worst(set, PartitionMember::mxidAgeFraction));
        }
        assertThat(summary.snapshot().autovacuumFreezeMaxAge()).isEqualTo(full.autovacuumFreezeMaxAge());
    }

    @Test
    void theNumbersThatDifferBetweenSetsAreThere() throws PartscopeException {
        SetSummaryReader.Result summary = new SetSummaryReader(database).read(CatalogFilter.ALL, null);
        Totals calls = totals(summary, "scale.calls");
        assertThat(calls.partitionCount()).isEqualTo(301);
        assertThat(calls.leafCount()).isEqualTo(301);
        assertThat(calls.defaultPartitions()).isEqualTo(1);
        // the 70 stray rows (and what the statistics counters say of them), as the full read counts them
        assertThat(calls.defaultRows()).isBetween(70L, 140L);
        assertThat(calls.deadTuples()).isPositive();
        Totals metrics = totals(summary, "scale.metrics");
        assertThat(metrics.partitionCount()).isEqualTo(10 + 250 + 3);
        assertThat(metrics.leafCount()).isEqualTo(250 + 2);
        // the DEFAULT and the DEFAULT inside it, as the full read counts them
        assertThat(metrics.defaultPartitions()).isEqualTo(2);
        Totals events = totals(summary, "scale.events");
        assertThat(events.partitionCount()).isEqualTo(2 + 6 + 60);
        assertThat(events.toastBytes()).isPositive();
        // the DEFAULT two levels down, with its 4 rows (and what the statistics counters say of them)
        assertThat(events.defaultPartitions()).isEqualTo(1);
        assertThat(events.defaultRows()).isBetween(4L, 8L);
        // each member of the diamond once: left, right, bottom, below and leaf; the leaves as the full read draws
        // them (a member is shown under its first parent in the set, so right has no children there: below, leaf
        // and right)
        Totals diamond = totals(summary, "scale.\"Quoted \"\"Diamond\"\"\"");
        assertThat(diamond.partitionCount()).isEqualTo(5);
        assertThat(diamond.leafCount()).isEqualTo(3);
        assertThat(diamond.rowEstimate()).isEqualTo(47);
        assertThat(diamond.indexBytes()).isPositive();
        assertThat(diamond.toastBytes()).isPositive();
        assertThat(summary.summaries().stream().filter(s -> s.set().relationName().qualified()
                .equals("scale.calls")).findFirst().orElseThrow().worstXidAgeFraction()).isNotNull();
        // a schema filter lists only that schema's sets
        assertThat(new SetSummaryReader(database).read(new CatalogFilter("scale", null), null).summaries())
                .extracting(s -> s.set().name())
                .containsExactly("Quoted \"Diamond\"", "calls", "events", "metrics");
    }

    private static Totals totals(SetSummaryReader.Result summary, String name) {
        return summary.summaries().stream().filter(s -> s.set().relationName().qualified().equals(name))
                .findFirst().orElseThrow().set().totals();
    }

    private static boolean anyEstimated(PartitionSet set) {
        return set.root().sizesEstimated() || set.partitions().stream().anyMatch(PartitionMember::sizesEstimated);
    }

    private static Double worst(PartitionSet set, java.util.function.Function<PartitionMember, Double> share) {
        return Stream.concat(Stream.of(set.root()), set.partitions().stream()).map(share).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
    }
}
