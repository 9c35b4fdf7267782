package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One relation below a partition set's root, with its own numbers (not its children's: those are in
 * {@link #totals()}). Field names follow the {@code tree --json} contract in docs/cli.md.
 *
 * <p>Sizes, tuple counts and ages are null where they could not be read (a lock held by DDL, no privilege);
 * for a partitioned member (no storage) sizes are zero and ages null. {@code sizesEstimated} says the sizes come
 * from pg_class page counts: the read asked for estimates ({@link SizeMode#ESTIMATED}, stage 1, until
 * {@link SizeReader} measures them), or measuring would have waited behind an ACCESS EXCLUSIVE lock.
 */
@JsonPropertyOrder({"schema", "name", "parent_schema", "parent_name", "parents", "level", "is_leaf", "is_default",
    "bound", "partition_key", "detach_pending", "relkind", "persistence", "tablespace", "reloptions",
    "sizes_estimated", "total_bytes", "table_bytes", "index_bytes", "toast_bytes", "row_estimate", "live_tuples", "dead_tuples",
    "mods_since_analyze", "xid_age", "mxid_age", "freeze_max_age", "mxid_freeze_max_age", "bloat_bytes", "bloat_pct", "bloat_status",
    "last_vacuum", "last_autovacuum", "last_analyze", "last_autoanalyze", "totals"})
public record PartitionMember(
        @JsonIgnore long oid,
        String schema,
        String name,
        String parentSchema,
        String parentName,
        List<RelationName> parents,
        int level,
        boolean isLeaf,
        boolean isDefault,
        String bound,
        String partitionKey,
        boolean detachPending,
        RelKind relkind,
        Persistence persistence,
        String tablespace,
        List<String> reloptions,
        Long totalBytes,
        Long tableBytes,
        Long indexBytes,
        Long toastBytes,
        Long rowEstimate,
        Long liveTuples,
        Long deadTuples,
        Long modsSinceAnalyze,
        Long xidAge,
        Long mxidAge,
        long freezeMaxAge,
        long mxidFreezeMaxAge,
        Long bloatBytes,
        Double bloatPct,
        BloatStatus bloatStatus,
        OffsetDateTime lastVacuum,
        OffsetDateTime lastAutovacuum,
        OffsetDateTime lastAnalyze,
        OffsetDateTime lastAutoanalyze,
        @JsonInclude(JsonInclude.Include.NON_NULL) Totals totals,
        boolean sizesEstimated) {

    /** PostgreSQL's default autovacuum_multixact_freeze_max_age. */
    public static final long DEFAULT_MXID_FREEZE_MAX_AGE = 400_000_000L;

    public PartitionMember {
        parents = List.copyOf(parents);
        reloptions = List.copyOf(reloptions);
    }

    /**
     * Without a multixact limit: it is PostgreSQL's default. Kept so the fixtures written before the member carried
     * its own {@code mxidFreezeMaxAge} still build the same members.
     */
    public PartitionMember(long oid, String schema, String name, String parentSchema, String parentName,
            List<RelationName> parents, int level, boolean isLeaf, boolean isDefault, String bound,
            String partitionKey, boolean detachPending, RelKind relkind, Persistence persistence, String tablespace,
            List<String> reloptions, Long totalBytes, Long tableBytes, Long indexBytes, Long toastBytes,
            Long rowEstimate, Long liveTuples, Long deadTuples, Long modsSinceAnalyze, Long xidAge, Long mxidAge,
            long freezeMaxAge, Long bloatBytes, Double bloatPct, BloatStatus bloatStatus, OffsetDateTime lastVacuum,
            OffsetDateTime lastAutovacuum, OffsetDateTime lastAnalyze, OffsetDateTime lastAutoanalyze, Totals totals,
            boolean sizesEstimated) {
        this(oid, schema, name, parentSchema, parentName, parents, level, isLeaf, isDefault, bound, partitionKey,
                detachPending, relkind, persistence, tablespace, reloptions, totalBytes, tableBytes, indexBytes,
                toastBytes, rowEstimate, liveTuples, deadTuples, modsSinceAnalyze, xidAge, mxidAge, freezeMaxAge,
                DEFAULT_MXID_FREEZE_MAX_AGE, bloatBytes, bloatPct, bloatStatus, lastVacuum, lastAutovacuum,
                lastAnalyze, lastAutoanalyze, totals, sizesEstimated);
    }

    @JsonIgnore
    public RelationName relationName() {
        return new RelationName(schema, name);
    }

    /** XID age as a fraction of the effective freeze max age (1.0 = autovacuum forces a freeze now); null if n/a. */
    @JsonIgnore
    public Double xidAgeFraction() {
        return ageFraction(xidAge, freezeMaxAge);
    }

    /** MXID age as a fraction of the effective autovacuum_multixact_freeze_max_age (its own limit); null if n/a. */
    @JsonIgnore
    public Double mxidAgeFraction() {
        return ageFraction(mxidAge, mxidFreezeMaxAge);
    }

    /** An age as a share of the limit it is judged against (1.0 = autovacuum forces a freeze); null if n/a. */
    public static Double ageFraction(Long age, long limit) {
        return age == null || limit <= 0 ? null : (double) age / limit;
    }

    /** Dead tuples as a share of live + dead, in percent; null when unknown or empty. */
    @JsonIgnore
    public Double deadTuplePct() {
        if (liveTuples == null || deadTuples == null || liveTuples + deadTuples == 0) {
            return null;
        }
        return 100.0 * deadTuples / (liveTuples + deadTuples);
    }

    PartitionMember withTotals(Totals newTotals) {
        return new PartitionMember(oid, schema, name, parentSchema, parentName, parents, level, isLeaf, isDefault,
                bound, partitionKey, detachPending, relkind, persistence, tablespace, reloptions, totalBytes,
                tableBytes, indexBytes, toastBytes, rowEstimate, liveTuples, deadTuples, modsSinceAnalyze, xidAge,
                mxidAge, freezeMaxAge, mxidFreezeMaxAge, bloatBytes, bloatPct, bloatStatus, lastVacuum, lastAutovacuum, lastAnalyze,
                lastAutoanalyze, newTotals, sizesEstimated);
    }

    /** The same member with these sizes (stage 2 replacing an estimate); its totals are left for the roll-up. */
    PartitionMember withSizes(Sizes s) {
        return new PartitionMember(oid, schema, name, parentSchema, parentName, parents, level, isLeaf, isDefault,
                bound, partitionKey, detachPending, relkind, persistence, tablespace, reloptions, s.total(),
                s.table(), s.index(), s.toast(), rowEstimate, liveTuples, deadTuples, modsSinceAnalyze, xidAge,
                mxidAge, freezeMaxAge, bloatBytes, bloatPct, bloatStatus, lastVacuum, lastAutovacuum, lastAnalyze,
                lastAutoanalyze, totals, s.estimated());
    }

    /** Whether this member has storage whose size is still an estimate from pg_class (stage 2 has not measured it). */
    @JsonIgnore
    public boolean awaitsMeasuring() {
        return sizesEstimated && relkind == RelKind.TABLE;
    }
}
