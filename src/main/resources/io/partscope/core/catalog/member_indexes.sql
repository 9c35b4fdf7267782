-- The indexes of one relation (its own, not those of its partitions), with definition, size, validity, the
-- constraint each implements, and for a partition the parent index it is attached to (pg_inherits on the index).
--
-- Parameters, in order:
--   1 careful (boolean): the table is locked by another session; pg_get_indexdef (which locks the table) and
--     pg_relation_size (which locks the index) would queue behind that DDL, so neither is called
--   2 the relation's oid (bigint)
SELECT ic.oid::bigint                                   AS oid,
       ic.relname::text                                 AS name,
       CASE WHEN p.careful THEN NULL ELSE pg_get_indexdef(x.indexrelid) END   AS definition,
       CASE WHEN p.careful THEN NULL ELSE pg_relation_size(x.indexrelid) END  AS size_bytes,
       x.indisvalid                                     AS valid,
       x.indisunique                                    AS is_unique,
       x.indisprimary                                   AS is_primary,
       con.conname::text                                AS constraint_name,
       pn.nspname::text                                 AS parent_schema,
       pc.relname::text                                 AS parent_name
FROM (SELECT ?::boolean AS careful) p
CROSS JOIN pg_index x
JOIN pg_class ic ON ic.oid = x.indexrelid
LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid
                           AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_inherits i ON i.inhrelid = x.indexrelid
LEFT JOIN pg_class pc ON pc.oid = i.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE x.indrelid = ?::bigint::oid
ORDER BY ic.relname
