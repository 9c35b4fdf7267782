-- Sizes from pg_class page counts, for relations we must not lock (see locked_relations.sql). As fresh as the last
-- VACUUM or ANALYZE. Parameter: bigint[] of oids.
SELECT c.oid::bigint                                                                  AS oid,
       (c.relpages::bigint + coalesce(t.relpages, 0)) * current_setting('block_size')::bigint AS table_size,
       coalesce((SELECT sum(ic.relpages)::bigint FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                 WHERE x.indrelid = c.oid), 0) * current_setting('block_size')::bigint        AS index_size,
       coalesce(t.relpages, 0)::bigint * current_setting('block_size')::bigint                AS toast_size
FROM pg_class c
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
WHERE c.oid::bigint = ANY (?::bigint[])
