package io.partscope.core.catalog;

/**
 * Which partition sets to read. Both null: every set in the database.
 *
 * @param schema only roots in this schema (catalog spelling, unquoted), or null
 * @param table  only the set whose root is this table, or the set containing this member, written as SQL writes it
 *               ({@code schema.name} or a bare name resolved through search_path), or null
 */
public record CatalogFilter(String schema, String table) {
    public static final CatalogFilter ALL = new CatalogFilter(null, null);
}
