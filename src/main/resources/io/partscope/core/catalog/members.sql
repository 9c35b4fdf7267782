-- Every member of every partition set, with its own catalog facts, statistics and ages: one row per
-- (root, member), the root itself included at depth 0. pg_inherits is walked directly (not pg_partition_tree)
-- so inheritance sets and detach-pending partitions are found too.
-- Parameters: 1,2 schema filter (text or null); 3,4 root oids filter (bigint[] or null).
-- /*DETACH_PENDING*/ is replaced by i.inhdetachpending on 14+ and by false on 13 (the column is new in 14).
WITH RECURSIVE roots AS (
    SELECT c.oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_toast'
      AND (n.nspname !~ '^pg_temp_' OR n.oid = pg_my_temp_schema())
      AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)
      AND (c.relkind = 'p' OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid))
      AND (?::text IS NULL OR n.nspname = ?::text)
      AND (?::bigint[] IS NULL OR c.oid::bigint = ANY (?::bigint[]))
), tree(root, relid, depth) AS (
    SELECT oid, oid, 0 FROM roots
    UNION
    SELECT t.root, i.inhrelid, t.depth + 1
    FROM tree t
    JOIN pg_inherits i ON i.inhparent = t.relid
    JOIN pg_class k ON k.oid = i.inhrelid AND k.relkind IN ('r', 'p', 'f')
), members AS (
    SELECT root, relid, min(depth) AS depth FROM tree GROUP BY root, relid
)
SELECT m.root::bigint                                   AS root_oid,
       c.oid::bigint                                    AS oid,
       m.depth                                          AS depth,
       n.nspname                                        AS schema,
       c.relname                                        AS name,
       c.relkind::text                                  AS relkind,
       c.relpersistence::text                           AS persistence,
       ts.spcname                                       AS tablespace,
       coalesce(c.reloptions, '{}')::text[]             AS reloptions,
       -- relid 0: a bound holds only constants, and pg_get_expr with a relid would lock that relation.
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, 0) END     AS bound,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END           AS partition_key,
       pt.partstrat::text                               AS strategy,
       par.parent_oids,
       par.parent_schemas,
       par.parent_names,
       coalesce(par.detach_pending, false)              AS detach_pending,
       c.reltuples::float8                              AS reltuples,
       c.relpages::bigint                               AS relpages,
       s.n_live_tup                                     AS live_tuples,
       s.n_dead_tup                                     AS dead_tuples,
       s.n_mod_since_analyze                            AS mods_since_analyze,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       CASE WHEN c.relkind = 'r' THEN greatest(age(c.relfrozenxid),
            CASE WHEN t.oid IS NOT NULL THEN age(t.relfrozenxid) END) END::bigint      AS xid_age,
       CASE WHEN c.relkind = 'r' THEN greatest(mxid_age(c.relminmxid),
            CASE WHEN t.oid IS NOT NULL THEN mxid_age(t.relminmxid) END) END::bigint   AS mxid_age,
       (SELECT min(o.option_value::bigint)
          FROM pg_options_to_table(coalesce(c.reloptions, '{}') || coalesce(t.reloptions, '{}')) o
         WHERE o.option_name = 'autovacuum_freeze_max_age')                             AS freeze_max_age_option
FROM members m
JOIN pg_class c ON c.oid = m.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
LEFT JOIN LATERAL (
    SELECT array_agg(i.inhparent::bigint ORDER BY i.inhseqno) AS parent_oids,
           array_agg(pn.nspname::text ORDER BY i.inhseqno)    AS parent_schemas,
           array_agg(p.relname::text ORDER BY i.inhseqno)     AS parent_names,
           bool_or(/*DETACH_PENDING*/)                        AS detach_pending
    FROM pg_inherits i
    JOIN pg_class p ON p.oid = i.inhparent
    JOIN pg_namespace pn ON pn.oid = p.relnamespace
    WHERE i.inhrelid = c.oid
) par ON true
ORDER BY m.root, m.depth
