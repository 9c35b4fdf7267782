package io.partscope.core.catalog;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;

/**
 * Reads every partition set of a database, with sizes, tuple counts, XID ages and bloat estimates, in a fixed small
 * number of queries whatever the number of partitions, all from one catalog snapshot.
 */
public final class CatalogReader {
    private final Database database;

    public CatalogReader(Database database) {
        this.database = database;
    }

    public CatalogSnapshot read(CatalogFilter filter, Cancellation cancellation) throws PartscopeException {
        throw new UnsupportedOperationException("in progress");
    }
}
