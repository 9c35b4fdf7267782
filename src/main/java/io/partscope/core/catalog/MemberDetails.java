package io.partscope.core.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Everything the details pane shows about one member of a partition set (or a root): the DDL to recreate it, its
 * bound, key and storage options, its own indexes, and its statistics and ages. Read by {@link MemberDetailsReader}
 * in one catalog snapshot.
 *
 * @param name          the relation
 * @param relkind       table, partitioned table or foreign table
 * @param persistence   permanent, unlogged or temporary
 * @param parents       direct parents in pg_inherits order (empty for a root)
 * @param partition     whether it is a declarative partition (false for an inheritance child or a root)
 * @param bound         {@code FOR VALUES ...} or {@code DEFAULT} for a partition, else null
 * @param partitionKey  {@code RANGE (k)} etc. when the member is itself partitioned, else null
 * @param tablespace    its tablespace, null for the database default
 * @param reloptions    storage parameters as {@code name=value}; the TOAST table's ones prefixed with {@code toast.}
 * @param ddl           CREATE statements that recreate it (for reading and copying; never executed by Partscope)
 * @param indexes       its own indexes (not those of its partitions), by name
 * @param statistics    cumulative statistics, ages and sizes
 * @param locked        another session holds or awaits an ACCESS EXCLUSIVE lock on it (or its TOAST table or an
 *                      index): sizes were not measured, because measuring them would queue behind that lock
 * @param notes         what the reader could not show and why, for the user
 * @param readAt        when the snapshot was taken (server clock)
 */
public record MemberDetails(
        RelationName name,
        RelKind relkind,
        Persistence persistence,
        List<RelationName> parents,
        boolean partition,
        String bound,
        String partitionKey,
        String tablespace,
        List<String> reloptions,
        String ddl,
        List<Index> indexes,
        Statistics statistics,
        boolean locked,
        List<String> notes,
        OffsetDateTime readAt) {

    public MemberDetails {
        Objects.requireNonNull(name, "name");
        parents = List.copyOf(parents);
        reloptions = List.copyOf(reloptions);
        indexes = List.copyOf(indexes);
        notes = List.copyOf(notes);
    }

    /** Whether this is the DEFAULT partition of its parent. */
    public boolean isDefault() {
        return "DEFAULT".equals(bound);
    }

    /** Whether the member is partitioned itself (a sub-partitioned member or a root). */
    public boolean isPartitioned() {
        return relkind == RelKind.PARTITIONED_TABLE;
    }

    /**
     * One index of the member.
     *
     * @param name        the index, in the member's schema
     * @param definition  {@code pg_get_indexdef}: a CREATE INDEX statement; null when not read (the table is locked)
     * @param sizeBytes   {@code pg_relation_size}; null when not measured (the member is locked)
     * @param valid       {@code indisvalid}: false after a failed CREATE INDEX CONCURRENTLY, or for a partitioned
     *                    index some partitions of which have no attached index yet; the planner ignores it
     * @param unique      {@code indisunique}
     * @param primary     {@code indisprimary}
     * @param constraint  the name of the constraint it implements (PRIMARY KEY, UNIQUE, EXCLUDE), or null
     * @param parentIndex the parent's index it is attached to (partitions only), or null
     */
    public record Index(String name, String definition, Long sizeBytes, boolean valid, boolean unique,
            boolean primary, String constraint, RelationName parentIndex) {

        public boolean attached() {
            return parentIndex != null;
        }
    }

    /**
     * The member's numbers. Counters come from {@code pg_stat_all_tables} and are null when the server has none
     * (a partitioned member has no storage of its own; statistics may have been reset). Ages and sizes are null for
     * a partitioned member.
     *
     * @param xidAge             {@code age(relfrozenxid)} of the table alone
     * @param toastXidAge        {@code age(relfrozenxid)} of its TOAST table; null when it has none
     * @param mxidAge            {@code mxid_age(relminmxid)}, the larger of the table's and its TOAST table's
     * @param freezeMaxAge       the effective autovacuum_freeze_max_age of the table: the server setting, or the
     *                           table's reloption when lower
     * @param toastFreezeMaxAge  the same for its TOAST table ({@code toast.autovacuum_freeze_max_age})
     * @param relpages           {@code pg_class.relpages}, as of the last VACUUM or ANALYZE
     * @param reltuples          {@code pg_class.reltuples}; -1 when never vacuumed or analyzed (14+)
     * @param tableBytes         the main fork and its FSM and VM ({@code pg_table_size} without TOAST); null when
     *                           not measured
     * @param toastBytes         its TOAST table and TOAST index; null when not measured
     * @param indexBytes         its indexes; null when not measured
     */
    public record Statistics(
            Long seqScan,
            Long idxScan,
            Long tuplesInserted,
            Long tuplesUpdated,
            Long tuplesDeleted,
            Long tuplesHotUpdated,
            Long liveTuples,
            Long deadTuples,
            Long modsSinceAnalyze,
            Long insertsSinceVacuum,
            OffsetDateTime lastVacuum,
            OffsetDateTime lastAutovacuum,
            OffsetDateTime lastAnalyze,
            OffsetDateTime lastAutoanalyze,
            Long vacuumCount,
            Long autovacuumCount,
            Long analyzeCount,
            Long autoanalyzeCount,
            Long xidAge,
            Long toastXidAge,
            Long mxidAge,
            long freezeMaxAge,
            long toastFreezeMaxAge,
            long relpages,
            double reltuples,
            Long tableBytes,
            Long toastBytes,
            Long indexBytes) {

        /** The larger of the table's and its TOAST table's age as a share of its own freeze max age; null if n/a. */
        public Double xidAgeFraction() {
            Double table = xidAge == null || freezeMaxAge <= 0 ? null : (double) xidAge / freezeMaxAge;
            Double toast = toastXidAge == null || toastFreezeMaxAge <= 0 ? null
                    : (double) toastXidAge / toastFreezeMaxAge;
            if (table == null) {
                return toast;
            }
            return toast == null ? table : Math.max(table, toast);
        }

        /** Dead tuples as a share of live + dead, in percent; null when unknown or empty. */
        public Double deadTuplePct() {
            if (liveTuples == null || deadTuples == null || liveTuples + deadTuples == 0) {
                return null;
            }
            return 100.0 * deadTuples / (liveTuples + deadTuples);
        }
    }
}
