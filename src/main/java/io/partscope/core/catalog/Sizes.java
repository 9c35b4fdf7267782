package io.partscope.core.catalog;

/** On-disk sizes of one relation: heap (with FSM and VM), all its indexes, and its TOAST table with index. */
record Sizes(long table, long index, long toast, boolean estimated) {
    long total() {
        return table + index + toast;
    }
}
