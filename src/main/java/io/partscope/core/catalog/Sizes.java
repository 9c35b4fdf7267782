package io.partscope.core.catalog;

/**
 * On-disk sizes of one relation: heap (with FSM and VM), all its indexes, and its TOAST table with index.
 *
 * @param estimated true: from pg_class page counts (stage 1, or a relation locked by DDL), not measured
 */
public record Sizes(long table, long index, long toast, boolean estimated) {
    public long total() {
        return table + index + toast;
    }
}
