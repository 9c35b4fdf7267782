package io.partscope.core.catalog;

import java.util.List;
import java.util.Map;

/**
 * What one stage-2 batch measured ({@link SizeReader#measure}).
 *
 * @param sizes   exact sizes by relation oid, for {@link CatalogSnapshot#withSizes}
 * @param skipped relations of the batch left estimated: locked ACCESS EXCLUSIVE by another session, or the whole
 *                batch when a lock taken meanwhile tripped lock_timeout (see {@code lockBlocked})
 * @param lockBlocked a lock taken after pg_locks was read tripped lock_timeout: nothing of the batch was measured
 */
public record SizeBatch(Map<Long, Sizes> sizes, List<Long> skipped, boolean lockBlocked) {
    public SizeBatch {
        sizes = Map.copyOf(sizes);
        skipped = List.copyOf(skipped);
    }
}
