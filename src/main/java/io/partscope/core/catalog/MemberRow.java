package io.partscope.core.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One row of members.sql: a member of one set as the catalog describes it. {@code sizes} is null when the relation
 * was dropped while we read; {@code mxidFreezeMaxAge} is already the effective one (setting and reloptions); the
 * last four fields are the inputs of the bloat estimate (zero for non-tables).
 */
record MemberRow(long rootOid, long oid, int depth, String schema, String name, String relkind, String persistence,
        String tablespace, List<String> reloptions, String bound, String partitionKey, String strategy,
        List<Long> parentOids, List<String> parentSchemas, List<String> parentNames, boolean detachPending,
        double reltuples, long relpages, Long liveTuples, Long deadTuples, Long modsSinceAnalyze,
        OffsetDateTime lastVacuum, OffsetDateTime lastAutovacuum, OffsetDateTime lastAnalyze,
        OffsetDateTime lastAutoanalyze, Long xidAge, Long mxidAge, Long freezeMaxAgeOption, long mxidFreezeMaxAge,
        Sizes sizes,
        int fillfactor, long columns, long columnsWithStats, double maxNullFrac, double dataWidth) {

    boolean hasStorage() {
        return "r".equals(relkind);
    }

    boolean everAnalyzedOrVacuumed() {
        return lastVacuum != null || lastAutovacuum != null || lastAnalyze != null || lastAutoanalyze != null
                || reltuples > 0;
    }
}
