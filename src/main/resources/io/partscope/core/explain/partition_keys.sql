-- The partition keys of the given sets, one row per key column or expression: for a declarative set every
-- partitioned table in it (each level of a multi-level set), with the strategy, the column (null for an
-- expression; the expression is in the key definition), the key's operator family and its input type, the key's
-- collation and the column's own. For an inheritance set, the columns its children's CHECK constraints name (what
-- constraint exclusion can use), as strategy 'i'.
WITH RECURSIVE tree (target, relid, level) AS (
    SELECT t.relid, t.relid, 0
    FROM unnest(?::oid[]) AS t(relid)
  UNION
    SELECT tree.target, i.inhrelid, tree.level + 1
    FROM tree
    JOIN pg_inherits i ON i.inhparent = tree.relid
)
SELECT tree.target::bigint                   AS target,
       tree.relid::bigint                    AS relid,
       tree.level                            AS level,
       pt.partstrat::text                    AS strategy,
       k.position::int                       AS position,
       a.attname                             AS column_name,
       format_type(a.atttypid, a.atttypmod)  AS column_type,
       pg_get_partkeydef(pt.partrelid)       AS key_definition,
       format_type(oc.opcintype, NULL)       AS opclass_type,
       opf.opfname                           AS opfamily,
       kc.collname                           AS key_collation,
       ac.collname                           AS column_collation,
       ARRAY(SELECT c.attname::text FROM pg_attribute c
             WHERE c.attrelid = tree.relid AND c.attnum > 0 AND NOT c.attisdropped
             ORDER BY c.attnum)              AS columns
FROM tree
JOIN pg_partitioned_table pt ON pt.partrelid = tree.relid
CROSS JOIN LATERAL unnest(pt.partattrs::int2[], pt.partclass::oid[], pt.partcollation::oid[])
    WITH ORDINALITY AS k(attnum, opclass, collid, position)
JOIN pg_opclass oc ON oc.oid = k.opclass
JOIN pg_opfamily opf ON opf.oid = oc.opcfamily
LEFT JOIN pg_attribute a ON k.attnum <> 0 AND a.attrelid = tree.relid AND a.attnum = k.attnum
LEFT JOIN pg_collation kc ON kc.oid = k.collid
LEFT JOIN pg_collation ac ON ac.oid = a.attcollation
UNION ALL
SELECT DISTINCT tree.target::bigint, tree.target::bigint, 0, 'i', NULL::int, a.attname,
       format_type(a.atttypid, a.atttypmod), NULL, NULL, NULL, NULL, ac.collname, NULL::text[]
FROM tree
JOIN pg_class t ON t.oid = tree.target AND t.relkind <> 'p'
JOIN pg_constraint con ON con.conrelid = tree.relid AND con.contype = 'c' AND tree.level > 0
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
LEFT JOIN pg_collation ac ON ac.oid = a.attcollation
ORDER BY 1, 3, 2, 5
