package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code tree} read returns: the server, the database-wide settings the numbers are judged against,
 * and the partition sets, all read from one catalog snapshot.
 *
 * @param warnings things the reader could not read in full (a lock held by DDL, a missing privilege), in words
 */
@JsonPropertyOrder({"server_version", "database", "read_at", "autovacuum_freeze_max_age", "vacuum_failsafe_age",
    "warnings", "roots"})
public record CatalogSnapshot(String serverVersion, @JsonIgnore int serverVersionNum, String database,
        OffsetDateTime readAt, long autovacuumFreezeMaxAge, Long vacuumFailsafeAge, List<String> warnings,
        List<PartitionSet> roots) {

    public CatalogSnapshot {
        warnings = List.copyOf(warnings);
        roots = List.copyOf(roots);
    }

    /**
     * This snapshot with measured sizes in place of the estimates (stage 2, {@link SizeReader}): each set holding a
     * measured relation is rolled up again; the others are the same objects as before.
     */
    public CatalogSnapshot withSizes(Map<Long, Sizes> sizes) {
        if (sizes.isEmpty()) {
            return this;
        }
        List<PartitionSet> sets = new ArrayList<>(roots.size());
        for (PartitionSet set : roots) {
            boolean measured = sizes.containsKey(set.root().oid())
                    || set.partitions().stream().anyMatch(m -> sizes.containsKey(m.oid()));
            sets.add(measured ? PartitionSetAssembler.withSizes(set, sizes) : set);
        }
        return new CatalogSnapshot(serverVersion, serverVersionNum, database, readAt, autovacuumFreezeMaxAge,
                vacuumFailsafeAge, warnings, sets);
    }
}
