-- The direct children of one set's root, each with what the members table shows on its line while the rest of the
-- set is still being read (CatalogReader.readFirstLevel): its own catalog facts (name, parent, bound, key, flags,
-- statistics, ages, sizes from relpages as stage 1 estimates them) and, for a sub-partitioned child, the numbers
-- rolled up over everything below it as PartitionSetAssembler rolls them up (counts, sizes, tuples, worst ages
-- with their limits for the XID share, DEFAULT rows, detach-pending members). A set of 100 months of 1,000 days
-- each is 100 rows here, not 100,100. Linear: one pass over pg_inherits for the flags, then a recursive walk from
-- the one root joined by hash (no correlated probe of pg_inherits per member; see members.sql). Not read here: the
-- bloat inputs (pg_statistic), which the full read brings.
--
-- Parameters, in order:
--   1 the root's oid (bigint)
-- /*DETACH_PENDING*/ is replaced by i.inhdetachpending on 14+ and by false on 13.
WITH RECURSIVE params AS (
    SELECT ?::bigint::oid AS root, current_setting('block_size')::bigint AS block_size,
           current_setting('autovacuum_multixact_freeze_max_age')::bigint AS mxid_limit
), inheritance AS MATERIALIZED (
    SELECT x.oid, bool_or(NOT x.is_child) AS has_children, bool_or(x.pending) AS detach_pending
    FROM (SELECT i.inhrelid AS oid, true AS is_child, /*DETACH_PENDING*/ AS pending FROM pg_inherits i
          UNION ALL
          SELECT i.inhparent, false, false FROM pg_inherits i) x
    GROUP BY x.oid
), tree(top, relid, depth, defaults) AS (
    -- top: the direct child of the root this member is below (itself at depth 1). defaults: the DEFAULT
    -- partitions strictly below the top on the path to this member (the top's own DEFAULT flag is its own).
    SELECT i.inhrelid, i.inhrelid, 1, '{}'::oid[]
    FROM pg_inherits i
    CROSS JOIN params p
    JOIN pg_class k ON k.oid = i.inhrelid AND k.relkind IN ('r', 'p', 'f')
    WHERE i.inhparent = p.root
    UNION ALL
    SELECT t.top, i.inhrelid, t.depth + 1,
           CASE WHEN i.inhrelid = pt.partdefid THEN t.defaults || i.inhrelid ELSE t.defaults END
    FROM tree t
    JOIN pg_inherits i ON i.inhparent = t.relid
    LEFT JOIN pg_partitioned_table pt ON pt.partrelid = i.inhparent
), members AS MATERIALIZED (
    SELECT top, relid, min(depth) AS depth, min(defaults) AS defaults FROM tree GROUP BY top, relid
), index_pages AS MATERIALIZED (
    SELECT x.indrelid, sum(ic.relpages)::bigint AS pages
    FROM pg_index x
    JOIN pg_class ic ON ic.oid = x.indexrelid
    GROUP BY x.indrelid
), facts AS MATERIALIZED (
    SELECT m.top, m.relid, m.depth, m.defaults,
           c.relkind = 'r'                                                        AS storage,
           c.relkind <> 'p' AND NOT coalesce(inh.has_children, false)              AS is_leaf,
           coalesce(inh.detach_pending, false)                                    AS detach_pending,
           CASE WHEN c.relkind = 'r' THEN c.relpages::bigint * p.block_size ELSE 0 END AS table_bytes,
           CASE WHEN c.relkind = 'r' THEN coalesce(ip.pages, 0) * p.block_size ELSE 0 END AS index_bytes,
           CASE WHEN c.relkind = 'r' THEN (coalesce(t.relpages, 0)::bigint + coalesce(tip.pages, 0))
                                          * p.block_size ELSE 0 END             AS toast_bytes,
           CASE WHEN c.relkind = 'r' AND c.reltuples >= 0 THEN trunc(c.reltuples::float8)::bigint END AS row_estimate,
           CASE WHEN c.relkind = 'r' THEN pg_stat_get_live_tuples(c.oid) END      AS live_tuples,
           CASE WHEN c.relkind = 'r' THEN pg_stat_get_dead_tuples(c.oid) END      AS dead_tuples,
           CASE WHEN c.relkind = 'r' THEN greatest(age(c.relfrozenxid),
                CASE WHEN t.oid IS NOT NULL THEN age(t.relfrozenxid) END) END::bigint    AS xid_age,
           CASE WHEN c.relkind = 'r' THEN greatest(mxid_age(c.relminmxid),
                CASE WHEN t.oid IS NOT NULL THEN mxid_age(t.relminmxid) END) END::bigint AS mxid_age,
           CASE WHEN c.reloptions IS NOT NULL OR t.reloptions IS NOT NULL THEN
                (SELECT min(o.option_value::bigint)
                   FROM pg_options_to_table(coalesce(c.reloptions, '{}') || coalesce(t.reloptions, '{}')) o
                  WHERE o.option_name = 'autovacuum_freeze_max_age') END               AS freeze_max_age_option,
           CASE WHEN c.reloptions IS NOT NULL OR t.reloptions IS NOT NULL THEN
                least(p.mxid_limit, (SELECT min(o.option_value::bigint)
                   FROM pg_options_to_table(coalesce(c.reloptions, '{}') || coalesce(t.reloptions, '{}')) o
                  WHERE o.option_name = 'autovacuum_multixact_freeze_max_age'))
                ELSE p.mxid_limit END                                               AS mxid_freeze_max_age
    FROM members m
    CROSS JOIN params p
    JOIN pg_class c ON c.oid = m.relid
    LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
    LEFT JOIN inheritance inh ON inh.oid = c.oid
    LEFT JOIN index_pages ip ON ip.indrelid = c.oid
    LEFT JOIN index_pages tip ON tip.indrelid = c.reltoastrelid
), default_rows AS (
    SELECT f.top, d.def, greatest(sum(coalesce(f.live_tuples, 0)), sum(coalesce(f.row_estimate, 0)))::bigint AS rows
    FROM facts f
    CROSS JOIN LATERAL unnest(f.defaults) AS d(def)
    GROUP BY f.top, d.def
), defaults AS (
    SELECT d.top, count(*)::int AS default_partitions, sum(d.rows)::bigint AS default_rows
    FROM default_rows d
    GROUP BY d.top
), ages AS (
    SELECT f.top, f.freeze_max_age_option, max(f.xid_age) AS max_xid_age
    FROM facts f
    WHERE f.storage
    GROUP BY f.top, f.freeze_max_age_option
), limits AS (
    SELECT a.top, array_agg(a.freeze_max_age_option) AS freeze_max_age_options,
           array_agg(a.max_xid_age) AS max_xid_ages
    FROM ages a
    GROUP BY a.top
), totals AS (
    -- Over the top and everything below it (its own numbers count: an inheritance child may hold rows).
    SELECT f.top,
           (count(*) FILTER (WHERE f.depth > 1))::int                        AS partition_count,
           (count(*) FILTER (WHERE f.is_leaf))::int                          AS leaf_count,
           sum(f.table_bytes)::bigint                                        AS table_bytes,
           sum(f.index_bytes)::bigint                                        AS index_bytes,
           sum(f.toast_bytes)::bigint                                        AS toast_bytes,
           coalesce(sum(f.row_estimate), 0)::bigint                          AS row_estimate,
           coalesce(sum(f.live_tuples), 0)::bigint                           AS live_tuples,
           coalesce(sum(f.dead_tuples), 0)::bigint                           AS dead_tuples,
           max(f.xid_age) FILTER (WHERE f.storage)                           AS max_xid_age,
           max(f.mxid_age) FILTER (WHERE f.storage)                          AS max_mxid_age,
           (count(*) FILTER (WHERE f.depth > 1 AND f.detach_pending))::int   AS detach_pending,
           coalesce(bool_or(f.storage), false)                               AS sizes_estimated
    FROM facts f
    GROUP BY f.top
), parents AS (
    -- The tops' parents (inheritance allows several), in inhseqno order.
    SELECT i.inhrelid AS relid,
           array_agg(i.inhparent::bigint ORDER BY i.inhseqno) AS parent_oids,
           array_agg(pn.nspname::text ORDER BY i.inhseqno)    AS parent_schemas,
           array_agg(pr.relname::text ORDER BY i.inhseqno)    AS parent_names
    FROM (SELECT DISTINCT top FROM members) m
    JOIN pg_inherits i ON i.inhrelid = m.top
    JOIN pg_class pr ON pr.oid = i.inhparent
    JOIN pg_namespace pn ON pn.oid = pr.relnamespace
    GROUP BY i.inhrelid
)
SELECT c.oid::bigint                                    AS oid,
       n.nspname                                        AS schema,
       c.relname                                        AS name,
       c.relkind::text                                  AS relkind,
       c.relpersistence::text                           AS persistence,
       ts.spcname                                       AS tablespace,
       coalesce(c.reloptions, '{}')::text[]             AS reloptions,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, 0) END     AS bound,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END           AS partition_key,
       par.parent_oids, par.parent_schemas, par.parent_names,
       coalesce(own.detach_pending, false)              AS detach_pending,
       coalesce(inh.has_children, false)                AS has_children,
       own.table_bytes, own.index_bytes, own.toast_bytes, own.row_estimate, own.live_tuples, own.dead_tuples,
       own.xid_age, own.mxid_age, own.freeze_max_age_option, own.mxid_freeze_max_age, own.storage,
       CASE WHEN c.relkind = 'r' THEN pg_stat_get_mod_since_analyze(c.oid) END AS mods_since_analyze,
       pg_stat_get_last_vacuum_time(c.oid)              AS last_vacuum,
       pg_stat_get_last_autovacuum_time(c.oid)          AS last_autovacuum,
       pg_stat_get_last_analyze_time(c.oid)             AS last_analyze,
       pg_stat_get_last_autoanalyze_time(c.oid)         AS last_autoanalyze,
       tt.partition_count, tt.leaf_count, tt.table_bytes AS sum_table_bytes, tt.index_bytes AS sum_index_bytes,
       tt.toast_bytes AS sum_toast_bytes, tt.row_estimate AS sum_row_estimate, tt.live_tuples AS sum_live_tuples,
       tt.dead_tuples AS sum_dead_tuples, tt.max_xid_age, tt.max_mxid_age, tt.detach_pending AS sum_detach_pending,
       tt.sizes_estimated AS sum_sizes_estimated,
       coalesce(d.default_partitions, 0)                AS default_partitions,
       coalesce(d.default_rows, 0)                      AS default_rows,
       l.freeze_max_age_options, l.max_xid_ages
FROM facts own
JOIN pg_class c ON c.oid = own.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN totals tt ON tt.top = own.top
LEFT JOIN inheritance inh ON inh.oid = c.oid
LEFT JOIN defaults d ON d.top = own.top
LEFT JOIN limits l ON l.top = own.top
LEFT JOIN parents par ON par.relid = own.relid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
WHERE own.depth = 1 AND own.relid = own.top
