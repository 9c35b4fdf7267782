-- Every member of the given partition sets that can hold rows: the leaves of a declarative set, and every table
-- of an inheritance set, its parent included. pg_inherits, not pg_partition_tree(): it also covers inheritance.
-- Partitions pending a concurrent detach are left out: new queries no longer see them.
-- pg_get_expr(relpartbound, 0), without the relation: given the relation, it opens every partition (a lock and a
-- relcache entry each: 1.3 s for the 9,999 partitions a query pruned at 10,000, and it would queue behind DDL).
WITH RECURSIVE tree (target, relid, parent, level) AS (
    SELECT t.relid, t.relid, NULL::oid, 0
    FROM unnest(?::oid[]) AS t(relid)
  UNION
    SELECT tree.target, i.inhrelid, i.inhparent, tree.level + 1
    FROM tree
    JOIN pg_inherits i ON i.inhparent = tree.relid
    WHERE /*NOT_DETACH_PENDING*/ true
)
SELECT DISTINCT ON (tree.target, c.oid)
       tree.target::bigint AS target,
       c.oid::bigint       AS relid,
       n.nspname           AS schema_name,
       c.relname           AS rel_name,
       tree.parent::bigint AS parent,
       tree.level          AS level,
       pg_get_expr(c.relpartbound, 0) AS bound
FROM tree
JOIN pg_class c ON c.oid = tree.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind <> 'p'
ORDER BY tree.target, c.oid, tree.level
