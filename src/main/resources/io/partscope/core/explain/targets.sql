-- Among the given relations, those that are partition sets: partitioned tables (any level) and inheritance
-- parents (tables with children in pg_inherits).
SELECT c.oid::bigint AS relid,
       n.nspname     AS schema_name,
       c.relname     AS rel_name,
       c.relkind = 'p' AS declarative
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY (?::oid[])
  AND (c.relkind = 'p'
       OR (c.relkind IN ('r', 'f') AND EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid)))
