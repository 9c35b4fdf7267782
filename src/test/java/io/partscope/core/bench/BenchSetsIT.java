package io.partscope.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
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
}
