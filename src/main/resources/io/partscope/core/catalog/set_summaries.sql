-- One row per partition set with what the navigator and the sets table show, before any member is read: the root,
-- counts, estimated sizes (relpages, as members.sql estimates them), tuple counts, DEFAULT and detach-pending
-- counts, and the inputs of the worst XID/MXID share (the highest ages per distinct limit: the share itself is
-- computed in Java by PartitionMember.ageFraction, the one home of that policy). No per-relation function but
-- the statistics counters, no bound text, no bloat inputs: the cheap first read of the app (SetSummaryReader).
-- Same roots and members as members.sql, so once the full read lands the numbers are the same.
--
-- Parameters, in order:
--   1 schema filter (text or null)
-- /*DETACH_PENDING*/ is replaced by i.inhdetachpending on 14+ and by false on 13.
WITH RECURSIVE params AS (
    SELECT ?::text AS schema_filter, current_setting('block_size')::bigint AS block_size,
           current_setting('autovacuum_multixact_freeze_max_age')::bigint AS mxid_limit
), inheritance AS MATERIALIZED (
    -- One pass over pg_inherits (see members.sql: a correlated probe was quadratic in a flat set). Which relations
    -- have a parent, which have children, and which are detach-pending.
    SELECT x.oid, bool_or(x.is_child) AS has_parent, bool_or(NOT x.is_child) AS has_children,
           bool_or(x.pending) AS detach_pending
    FROM (SELECT i.inhrelid AS oid, true AS is_child, /*DETACH_PENDING*/ AS pending FROM pg_inherits i
          UNION ALL
          SELECT i.inhparent, false, false FROM pg_inherits i) x
    GROUP BY x.oid
), roots AS (
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
), tree(root, relid, depth, defaults) AS (
    -- defaults: the DEFAULT partitions on the path from the root (this member included), for the rows held in
    -- DEFAULT partitions: a sub-partitioned DEFAULT counts the rows of its leaves, as PartitionSetAssembler does.
    -- The children of a table are tables (pg_inherits' index rows hang under indexes), so unlike members.sql no
    -- pg_class join per level: one scan of pg_class less, the same members. UNION ALL: no cycle is possible, and a
    -- member reached twice (multiple inheritance) is counted once by the GROUP BY below.
    SELECT oid, oid, 0, '{}'::oid[] FROM roots
    UNION ALL
    SELECT t.root, i.inhrelid, t.depth + 1,
           CASE WHEN i.inhrelid = pt.partdefid THEN t.defaults || i.inhrelid ELSE t.defaults END
    FROM tree t
    JOIN pg_inherits i ON i.inhparent = t.relid
    LEFT JOIN pg_partitioned_table pt ON pt.partrelid = i.inhparent
), members AS MATERIALIZED (
    SELECT root, relid, min(depth) AS depth, min(defaults) AS defaults FROM tree GROUP BY root, relid
), index_pages AS MATERIALIZED (
    SELECT x.indrelid, sum(ic.relpages)::bigint AS pages
    FROM pg_index x
    JOIN pg_class ic ON ic.oid = x.indexrelid
    GROUP BY x.indrelid
), facts AS MATERIALIZED (
    -- A member's own numbers, as PartitionSetAssembler takes them from members.sql (storage: relkind 'r' only).
    SELECT m.root, m.relid, m.depth, m.defaults,
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
           -- The reloptions only where there are any: most members have none.
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
    -- Rows per DEFAULT partition (over its leaves when sub-partitioned): max(live tuples, row estimate).
    SELECT f.root, d.def, greatest(sum(coalesce(f.live_tuples, 0)), sum(coalesce(f.row_estimate, 0)))::bigint AS rows
    FROM facts f
    CROSS JOIN LATERAL unnest(f.defaults) AS d(def)
    GROUP BY f.root, d.def
), defaults AS (
    SELECT d.root, count(*)::int AS default_partitions, sum(d.rows)::bigint AS default_rows
    FROM default_rows d
    GROUP BY d.root
), ages AS (
    -- The highest ages per root and distinct limit: few rows (one per distinct reloption), enough for the share.
    SELECT f.root, f.freeze_max_age_option, f.mxid_freeze_max_age,
           max(f.xid_age) AS max_xid_age, max(f.mxid_age) AS max_mxid_age
    FROM facts f
    WHERE f.storage
    GROUP BY f.root, f.freeze_max_age_option, f.mxid_freeze_max_age
), limits AS (
    -- One array per input, in the same order (one aggregation pass over the same rows).
    SELECT a.root,
           array_agg(a.freeze_max_age_option) AS freeze_max_age_options, array_agg(a.max_xid_age) AS max_xid_ages,
           array_agg(a.mxid_freeze_max_age) AS mxid_freeze_max_ages, array_agg(a.max_mxid_age) AS max_mxid_ages
    FROM ages a
    GROUP BY a.root
), totals AS (
    SELECT f.root,
           (count(*) FILTER (WHERE f.depth > 0))::int                        AS partition_count,
           (count(*) FILTER (WHERE f.depth > 0 AND f.is_leaf))::int          AS leaf_count,
           sum(f.table_bytes)::bigint                                        AS table_bytes,
           sum(f.index_bytes)::bigint                                        AS index_bytes,
           sum(f.toast_bytes)::bigint                                        AS toast_bytes,
           coalesce(sum(f.row_estimate), 0)::bigint                          AS row_estimate,
           coalesce(sum(f.live_tuples), 0)::bigint                           AS live_tuples,
           coalesce(sum(f.dead_tuples), 0)::bigint                           AS dead_tuples,
           max(f.xid_age) FILTER (WHERE f.storage)                           AS max_xid_age,
           max(f.mxid_age) FILTER (WHERE f.storage)                          AS max_mxid_age,
           (count(*) FILTER (WHERE f.depth > 0 AND f.detach_pending))::int   AS detach_pending,
           coalesce(bool_or(f.storage), false)                               AS sizes_estimated
    FROM facts f
    GROUP BY f.root
)
SELECT r.oid::bigint                                      AS root_oid,
       n.nspname                                          AS schema,
       c.relname                                          AS name,
       c.relkind::text                                    AS relkind,
       c.relpersistence::text                             AS persistence,
       pt.partstrat::text                                 AS strategy,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       tt.partition_count, tt.leaf_count, tt.table_bytes, tt.index_bytes, tt.toast_bytes, tt.row_estimate,
       tt.live_tuples, tt.dead_tuples, tt.max_xid_age, tt.max_mxid_age, tt.detach_pending, tt.sizes_estimated,
       coalesce(d.default_partitions, 0)                  AS default_partitions,
       coalesce(d.default_rows, 0)                        AS default_rows,
       l.freeze_max_age_options, l.max_xid_ages, l.mxid_freeze_max_ages, l.max_mxid_ages
FROM roots r
JOIN pg_class c ON c.oid = r.oid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN totals tt ON tt.root = r.oid
LEFT JOIN defaults d ON d.root = r.oid
LEFT JOIN limits l ON l.root = r.oid
LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
