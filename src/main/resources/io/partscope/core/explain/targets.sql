-- Among the given relations, those that are partition sets: partitioned tables (any level) and inheritance
-- parents (tables with children in pg_inherits).
-- The parents are read in one pass over pg_inherits and joined (hashed), not probed with a correlated EXISTS per
-- relation: in a flat set (one distinct inhparent) the planner ran that probe as a sequential scan expected to stop
-- at its first row, and for each of the thousands of leaves a query names it read the whole catalog.
SELECT c.oid::bigint AS relid,
       n.nspname     AS schema_name,
       c.relname     AS rel_name,
       c.relkind = 'p' AS declarative
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN (SELECT DISTINCT i.inhparent FROM pg_inherits i) p ON p.inhparent = c.oid
WHERE c.oid = ANY (?::oid[])
  AND (c.relkind = 'p' OR (c.relkind IN ('r', 'f') AND p.inhparent IS NOT NULL))
