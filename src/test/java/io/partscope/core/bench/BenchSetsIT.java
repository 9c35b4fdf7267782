package io.partscope.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark set: N leaves under children of up to 1,000, one row each; a second call reuses the database. */
class BenchSetsIT {
    @Test
    void buildsTwoLevelsOfRangePartitionsOnceAndReusesThem() throws Exception {
        TestPostgres pg = TestPostgres.get();
        List<String> progress = new ArrayList<>();
        String db = "bench_sets_it";

        assertTrue(BenchSets.ensureDatabase(pg.superuserSettings("postgres"), db, 1001, progress::add));
        assertTrue(progress.get(progress.size() - 1).startsWith(db + ": 1001 partitions created in"), progress.toString());

        try (Database database = Database.open(pg.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            CatalogSnapshot snapshot = new CatalogReader(database).read(CatalogFilter.ALL, null);
            assertEquals(1, snapshot.roots().size());
            PartitionSet set = snapshot.roots().get(0);
            assertEquals("public." + BenchSets.SET_NAME, set.relationName().qualified());
            assertEquals(1001, set.totals().leafCount());
            // two children (1,000 leaves and 1) and their leaves
            assertEquals(1003, set.partitions().size());
            assertEquals(1001, set.totals().rowEstimate(), "one row in each leaf, analyzed");
        }

        progress.clear();
        assertFalse(BenchSets.ensureDatabase(pg.superuserSettings("postgres"), db, 1001, progress::add));
        assertEquals(List.of(db + " exists: reusing it"), progress);
    }

    @Test
    void flatLayoutHangsEveryLeafFromTheRoot() throws Exception {
        TestPostgres pg = TestPostgres.get();
        String db = BenchSets.databaseName(BenchSets.Layout.FLAT, 1200);
        assertEquals("bench_tree_flat_1200", db);
        assertTrue(BenchSets.ensureDatabase(pg.superuserSettings("postgres"), db, BenchSets.Layout.FLAT, 1200,
                line -> { }));
        PartitionSet set = readOnlySet(pg, db);
        assertEquals(1200, set.totals().leafCount());
        assertEquals(1200, set.partitions().size(), "no intermediate level");
        assertTrue(set.partitions().stream().allMatch(m -> m.level() == 1));
        assertEquals(1200, set.totals().rowEstimate(), "one row in each leaf, analyzed");
    }

    @Test
    void deepLayoutIsYearsOfMonthsOfDays() throws Exception {
        TestPostgres pg = TestPostgres.get();
        String db = BenchSets.databaseName(BenchSets.Layout.DEEP, 400);
        assertTrue(BenchSets.ensureDatabase(pg.superuserSettings("postgres"), db, BenchSets.Layout.DEEP, 400,
                line -> { }));
        PartitionSet set = readOnlySet(pg, db);
        assertEquals(400, set.totals().leafCount());
        // 2 years (360 + 40 leaves), 12 + 2 months, 400 days
        assertEquals(2 + 14 + 400, set.partitions().size());
        assertEquals(3, set.partitions().stream().mapToInt(PartitionMember::level).max().orElseThrow());
        assertEquals(400, set.totals().rowEstimate(), "one row in each leaf, analyzed");
        assertEquals("0", pg.queryString(db, "SELECT count(*) FROM pg_class WHERE relname IN ('pg_class',"
                + " 'pg_inherits') AND reltuples < 0"), "the catalogs are analyzed, as VACUUM ANALYZE would");
    }

    private static PartitionSet readOnlySet(TestPostgres pg, String db) throws Exception {
        try (Database database = Database.open(pg.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            CatalogSnapshot snapshot = new CatalogReader(database).read(CatalogFilter.ALL, null);
            assertEquals(1, snapshot.roots().size());
            return snapshot.roots().get(0);
        }
    }
}
