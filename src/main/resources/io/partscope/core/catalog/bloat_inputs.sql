-- What the statistics-based heap bloat estimate needs, per table (parameter: bigint[] of oids): page and tuple
-- counts from pg_class, and from pg_stats the average width and null fraction of every live column. pg_stats shows
-- only columns the role may read, so a column without statistics makes the estimate unknown, not wrong.
-- The arithmetic is in BloatEstimator (after ioguix/pgsql-bloat-estimation, heap only).
SELECT tbl.oid::bigint                                                   AS oid,
       tbl.reltuples::float8                                             AS reltuples,
       tbl.relpages::bigint                                              AS relpages,
       coalesce(substring(array_to_string(tbl.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 100) AS fillfactor,
       count(*)                                                          AS columns,
       count(s.attname)                                                  AS columns_with_stats,
       coalesce(max(s.null_frac), 0)::float8                             AS max_null_frac,
       coalesce(sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)), 0)::float8 AS data_width
FROM pg_class tbl
JOIN pg_namespace ns ON ns.oid = tbl.relnamespace
JOIN pg_attribute att ON att.attrelid = tbl.oid AND att.attnum > 0 AND NOT att.attisdropped
LEFT JOIN pg_stats s ON s.schemaname = ns.nspname AND s.tablename = tbl.relname
                    AND s.attname = att.attname AND NOT s.inherited
WHERE tbl.oid::bigint = ANY (?::bigint[])
  AND tbl.relkind = 'r'
GROUP BY tbl.oid, tbl.reltuples, tbl.relpages, tbl.reloptions
