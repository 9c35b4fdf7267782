package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.DatabaseListReader.DatabaseEntry;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster's databases as the navigator lists them, on a real server. */
class DatabaseListReaderIT {
    private static final TestPostgres PG = TestPostgres.get();

    @Test
    void listsTheConnectableDatabasesMarksTheCurrentOneAndLeavesOutThoseThatRefuseConnections() throws Exception {
        String mine = PG.newDatabase("dblist_mine");
        String other = PG.newDatabase("dblist_other");
        String closed = PG.newDatabase("dblist_closed");
        PG.exec("postgres", "ALTER DATABASE " + closed + " ALLOW_CONNECTIONS false");
        try (Database db = Database.open(PG.superuserSettings(mine), DatabaseOptions.DEFAULTS)) {
            List<DatabaseEntry> entries = new DatabaseListReader(db).read(null);
            List<String> names = entries.stream().map(DatabaseEntry::name).toList();

            assertThat(names).contains(mine, other, "postgres", "template1").doesNotContain(closed, "template0");
            assertThat(entries).filteredOn(DatabaseEntry::current).extracting(DatabaseEntry::name)
                    .containsExactly(mine);
            assertThat(entries.get(entries.size() - 1).template()).as("templates last").isTrue();
            assertThat(entries).filteredOn(e -> e.name().equals(other)).allMatch(DatabaseEntry::canConnect);
        }
    }
}
