-- Every member of every partition set with its catalog facts, statistics, ages, sizes and the inputs of the bloat
-- estimate: one row per (root, member), the root itself included at depth 0. One query, so the cost does not grow
-- with round trips. pg_inherits is walked directly (not pg_partition_tree) so inheritance sets and detach-pending
-- partitions are found too.
--
-- Parameters, in order:
--   1 schema filter (text or null)
--   2 root oids filter (bigint[] or null)
--   3 estimate every size from pg_class instead of measuring it (boolean): the fallback when a lock got in the way
--   4 oids whose size must not be measured (bigint[]): relations under an ACCESS EXCLUSIVE lock held or awaited
--     by another session; pg_table_size would queue behind that lock.
-- The COLUMN_STATS placeholder is replaced by column_stats_pg_statistic.sql or column_stats_pg_stats.sql.
-- /*DETACH_PENDING*/ is replaced by i.inhdetachpending on 14+ and by false on 13 (the column is new in 14).
WITH RECURSIVE params AS (
    SELECT ?::text AS schema_filter, ?::bigint[] AS root_filter, ?::boolean AS estimate_all,
           ?::bigint[] AS locked, current_setting('block_size')::bigint AS block_size
), inheritance AS MATERIALIZED (
    -- One pass over pg_inherits: which relations have a parent and which have children. Root detection joins this
    -- (one row per relation) instead of probing pg_inherits per pg_class row: a correlated EXISTS on inhparent was
    -- planned, in a flat set (one distinct inhparent), as a sequential scan expected to stop at its first row; for
    -- every leaf it read the whole catalog (quadratic: 2.4 s at 10,000 partitions).
    SELECT x.oid, bool_or(x.is_child) AS has_parent, bool_or(NOT x.is_child) AS has_children
    FROM (SELECT i.inhrelid AS oid, true AS is_child FROM pg_inherits i
          UNION ALL
          SELECT i.inhparent, false FROM pg_inherits i) x
    GROUP BY x.oid
), roots AS (
    -- The roots: partitioned tables that are no partition (relispartition says so without pg_inherits: a
    -- partitioned table cannot be an inheritance child), and inheritance parents without a parent of their own.
    SELECT c.oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN params
    LEFT JOIN inheritance inh ON inh.oid = c.oid
    WHERE c.relkind IN ('r', 'p', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_toast'
      AND (n.nspname !~ '^pg_temp_' OR n.oid = pg_my_temp_schema())
      AND (CASE WHEN c.relkind = 'p' THEN NOT c.relispartition
                ELSE coalesce(inh.has_children AND NOT inh.has_parent, false) END)
      AND (params.schema_filter IS NULL OR n.nspname = params.schema_filter)
      AND (params.root_filter IS NULL OR c.oid::bigint = ANY (params.root_filter))
), tree(root, relid, depth) AS (
    SELECT oid, oid, 0 FROM roots
    UNION
    SELECT t.root, i.inhrelid, t.depth + 1
    FROM tree t
    JOIN pg_inherits i ON i.inhparent = t.relid
    JOIN pg_class k ON k.oid = i.inhrelid AND k.relkind IN ('r', 'p', 'f')
), members AS MATERIALIZED (
    SELECT root, relid, min(depth) AS depth FROM tree GROUP BY root, relid
), parents AS (
    -- The parents of every member (inheritance allows several), aggregated in one pass to be hash-joined, rather
    -- than an aggregate over index probes run once per member.
    SELECT i.inhrelid AS relid,
           array_agg(i.inhparent::bigint ORDER BY i.inhseqno) AS parent_oids,
           array_agg(pn.nspname::text ORDER BY i.inhseqno)    AS parent_schemas,
           array_agg(pr.relname::text ORDER BY i.inhseqno)    AS parent_names,
           bool_or(/*DETACH_PENDING*/)                        AS detach_pending
    FROM (SELECT DISTINCT relid FROM members) m
    JOIN pg_inherits i ON i.inhrelid = m.relid
    JOIN pg_class pr ON pr.oid = i.inhparent
    JOIN pg_namespace pn ON pn.oid = pr.relnamespace
    GROUP BY i.inhrelid
), index_pages AS MATERIALIZED (
    -- Pages of every table's indexes, summed once and hash-joined for the estimated sizes: a correlated sum per
    -- member ran as a scan of pg_index per member (quadratic in a flat set's estimated read, stage 1 of the app).
    -- Only read when some size is estimated (a one-time filter): an exact read does not need it.
    SELECT x.indrelid, sum(ic.relpages)::bigint AS pages
    FROM pg_index x
    JOIN pg_class ic ON ic.oid = x.indexrelid
    WHERE (SELECT estimate_all OR cardinality(locked) > 0 FROM params)
    GROUP BY x.indrelid
), column_stats AS MATERIALIZED (
    -- Width and null fraction per (table, column), read once to be hash-joined. The placeholder below becomes
    -- a read of pg_statistic when the role may read it (fast: no per-row privilege checks), else of pg_stats,
    -- which shows only the columns the role may read (then the estimate is unknown, not wrong).
    /*COLUMN_STATS*/
), bloat_inputs AS (
    -- Per table: how many columns have statistics, their largest null fraction and the average row width. Only
    -- live columns have rows here (DROP COLUMN deletes a column's statistics), so when the count equals relnatts
    -- every column has statistics and pg_attribute need not be read; the select list counts the live columns in
    -- pg_attribute only for the other tables (never analyzed, or with dropped columns). Before, every member's
    -- columns were read from pg_attribute and grouped: about a fifth of the query's CPU at 10,000 partitions.
    SELECT s.relid,
           count(*)                                                                  AS columns_with_stats,
           coalesce(max(s.null_frac), 0)::float8                                     AS max_null_frac,
           coalesce(sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)), 0)::float8 AS data_width
    FROM column_stats s
    GROUP BY s.relid
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
       coalesce(substring(array_to_string(c.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 100) AS fillfactor,
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
         WHERE o.option_name = 'autovacuum_freeze_max_age')                             AS freeze_max_age_option,
       -- The effective multixact limit (least() skips a missing reloption); MXID age is judged against it, not XID's.
       least(current_setting('autovacuum_multixact_freeze_max_age')::bigint, (SELECT min(o.option_value::bigint)
          FROM pg_options_to_table(coalesce(c.reloptions, '{}') || coalesce(t.reloptions, '{}')) o
         WHERE o.option_name = 'autovacuum_multixact_freeze_max_age'))                  AS mxid_freeze_max_age,
       sz.estimated                                     AS sizes_estimated,
       -- pg_table_size counts the TOAST table and its index; heap_size is the table alone (with FSM and VM).
       -- Estimated (estimate_all is also stage 1 of a read, sizes.sql measures afterwards): relpages only.
       CASE WHEN c.relkind <> 'r' THEN 0
            WHEN sz.estimated THEN c.relpages::bigint * p.block_size
            ELSE pg_table_size(c.oid) - sz.toast_exact END                            AS heap_size,
       CASE WHEN c.relkind <> 'r' THEN 0
            WHEN sz.estimated THEN coalesce(ip.pages, 0) * p.block_size
            ELSE pg_indexes_size(c.oid) END                                            AS index_size,
       CASE WHEN c.relkind <> 'r' THEN 0
            -- The TOAST table and its index, as pg_total_relation_size(reltoastrelid) counts them.
            WHEN sz.estimated THEN (coalesce(t.relpages, 0)::bigint
                                    + coalesce(tip.pages, 0)) * p.block_size
            ELSE sz.toast_exact END                                                    AS toast_size,
       CASE WHEN c.relkind = 'r' THEN
            CASE WHEN coalesce(b.columns_with_stats, 0) = c.relnatts THEN c.relnatts::bigint
                 ELSE (SELECT count(*) FROM pg_attribute att
                        WHERE att.attrelid = c.oid AND att.attnum > 0 AND NOT att.attisdropped) END
       END                                              AS columns,
       CASE WHEN c.relkind = 'r' THEN coalesce(b.columns_with_stats, 0) END   AS columns_with_stats,
       CASE WHEN c.relkind = 'r' THEN coalesce(b.max_null_frac, 0) END        AS max_null_frac,
       CASE WHEN c.relkind = 'r' THEN coalesce(b.data_width, 0) END           AS data_width
FROM members m
CROSS JOIN params p
JOIN pg_class c ON c.oid = m.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
LEFT JOIN bloat_inputs b ON b.relid = c.oid
LEFT JOIN parents par ON par.relid = c.oid
LEFT JOIN index_pages ip ON ip.indrelid = c.oid
LEFT JOIN index_pages tip ON tip.indrelid = c.reltoastrelid
CROSS JOIN LATERAL (
    SELECT (p.estimate_all OR c.oid::bigint = ANY (p.locked)) AS estimated,
           CASE WHEN c.relkind = 'r' AND c.reltoastrelid <> 0
                 AND NOT (p.estimate_all OR c.oid::bigint = ANY (p.locked))
                THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END AS toast_exact
    OFFSET 0 -- keeps the subquery from being inlined, so the TOAST size is measured once, not twice
) sz
-- No ORDER BY: the assembler groups by root and sorts members itself; sorting these wide rows spilled to disk.
