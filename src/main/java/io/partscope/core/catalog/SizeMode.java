package io.partscope.core.catalog;

/** How {@link CatalogReader} sizes relations. */
public enum SizeMode {
    /** Measured with pg_table_size and friends (relations locked by DDL excepted): one file look-up per fork. */
    EXACT,
    /**
     * From pg_class page counts only (relpages of the table, its indexes and its TOAST table and index), every
     * member marked {@code sizes_estimated}: no per-relation size function, so the read costs what the catalog
     * rows cost. {@link SizeReader} measures them afterwards.
     */
    ESTIMATED
}
