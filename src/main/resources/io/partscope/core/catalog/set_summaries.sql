-- One row per partition set with what the navigator and the sets table show, before any member is read: the root,
-- counts, estimated sizes (relpages, as members.sql estimates them), tuple counts, DEFAULT and detach-pending
-- counts, and the inputs of the worst XID/MXID share (the highest ages per distinct limit: the share itself is
-- computed in Java by PartitionMember.ageFraction, the one home of that policy). No per-relation function but
-- the statistics counters, no bound text, no bloat inputs: the cheap first read of the app (SetSummaryReader).
-- Same roots and members as members.sql, so once the full read lands the numbers are the same.
--
-- No lookup per member: pg_class is read in whole twice (the members' rows; the indexes and TOAST tables, summed per
-- owner), pg_inherits three times (the parents, the members with several parents, the leaves), each joined by hash
-- or merge; the recursive walk goes over the members with children only. Before, at 100,000 two-level partitions
-- (docs/performance.md), a probe of pg_class's index per member for its TOAST table, a walk over every member, a
-- GROUP BY of every pg_inherits row twice and an unnest per member were most of the 2.7 s.
--
-- Parameters, in order:
--   1 schema filter (text or null)
-- /*DETACH_PENDING*/ is replaced by i.inhdetachpending on 14+ and by false on 13.
WITH RECURSIVE params AS (
    SELECT ?::text AS schema_filter, current_setting('block_size')::bigint AS block_size,
           current_setting('autovacuum_multixact_freeze_max_age')::bigint AS mxid_limit
), multiple AS MATERIALIZED (
    -- Members with more than one parent (multiple inheritance): the only ones a set can reach twice.
    SELECT DISTINCT i.inhrelid AS oid FROM pg_inherits i WHERE i.inhseqno > 1
), parents AS MATERIALIZED (
    -- Every relation with children (tables and, through partitioned indexes, indexes): few rows, one per parent.
    -- own_child: one of its children has no other parent, so the full read draws a child under it in any set.
    SELECT i.inhparent AS oid, bool_or(mu.oid IS NULL) AS own_child
    FROM pg_inherits i
    LEFT JOIN multiple mu ON mu.oid = i.inhrelid
    GROUP BY i.inhparent
), roots AS (
    -- The roots, as members.sql finds them: partitioned tables that are no partition (pg_partitioned_table lists
    -- them, so pg_class is not scanned for them), and inheritance parents without a parent of their own.
    SELECT c.oid
    FROM pg_partitioned_table pt
    JOIN pg_class c ON c.oid = pt.partrelid
    WHERE c.relkind = 'p' AND NOT c.relispartition
    UNION ALL
    SELECT c.oid
    FROM parents p
    JOIN pg_class c ON c.oid = p.oid
    WHERE c.relkind IN ('r', 'f')
      AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)
), scoped_roots AS (
    SELECT r.oid
    FROM roots r
    JOIN pg_class c ON c.oid = r.oid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN params
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_toast'
      AND (n.nspname !~ '^pg_temp_' OR n.oid = pg_my_temp_schema())
      AND (params.schema_filter IS NULL OR n.nspname = params.schema_filter)
), branches(root, relid, is_member, defaults, detach_pending) AS (
    -- The walk over the members that have children only (few: 101 at 100,000 two-level partitions); the leaves are
    -- joined to it below in one pass. defaults: the DEFAULT partitions on the path from the root (this member
    -- included), null when there are none. UNION: a member reached twice in one set (multiple inheritance) gives
    -- the same row twice (defaults and detach-pending exist only in declarative sets, where each member has one
    -- parent), so it is counted once; no cycle is possible.
    SELECT oid, oid, false, NULL::oid[], false FROM scoped_roots
    UNION
    SELECT t.root, i.inhrelid, true,
           CASE WHEN i.inhrelid = pt.partdefid THEN coalesce(t.defaults, '{}') || i.inhrelid ELSE t.defaults END,
           /*DETACH_PENDING*/
    FROM branches t
    JOIN pg_inherits i ON i.inhparent = t.relid
    JOIN parents c ON c.oid = i.inhrelid
    LEFT JOIN pg_partitioned_table pt ON pt.partrelid = i.inhparent
), first_parents AS (
    -- A member with several parents hangs under the first of them (by inhseqno) that is in the set, as
    -- PartitionSetAssembler draws it: per set, the parents that hold such a member (few rows).
    SELECT DISTINCT f.root, f.parent
    FROM (SELECT DISTINCT ON (t.root, i.inhrelid) t.root, i.inhparent AS parent
          FROM multiple mu
          JOIN pg_inherits i ON i.inhrelid = mu.oid
          JOIN branches t ON t.relid = i.inhparent
          ORDER BY t.root, i.inhrelid, i.inhseqno) f
), tree AS (
    -- Every member: the walk above, and the leaves hung under it in one join of pg_inherits (no lookup per leaf).
    -- A leaf with several parents (multiple inheritance) can be reached twice in one set: DISTINCT over those only.
    SELECT root, relid, is_member, defaults, detach_pending FROM branches
    UNION ALL
    SELECT t.root, i.inhrelid, true,
           CASE WHEN i.inhrelid = pt.partdefid THEN coalesce(t.defaults, '{}') || i.inhrelid ELSE t.defaults END,
           /*DETACH_PENDING*/
    FROM pg_inherits i
    JOIN branches t ON t.relid = i.inhparent
    LEFT JOIN parents c ON c.oid = i.inhrelid
    LEFT JOIN multiple mu ON mu.oid = i.inhrelid
    LEFT JOIN pg_partitioned_table pt ON pt.partrelid = i.inhparent
    WHERE c.oid IS NULL AND mu.oid IS NULL
    UNION ALL
    SELECT DISTINCT t.root, i.inhrelid, true, t.defaults, false
    FROM multiple mu
    JOIN pg_inherits i ON i.inhrelid = mu.oid
    JOIN branches t ON t.relid = i.inhparent
    LEFT JOIN parents c ON c.oid = i.inhrelid
    WHERE c.oid IS NULL
), storage AS MATERIALIZED (
    -- Per table and per TOAST table, in one pass over pg_class's indexes and TOAST tables: the pages of its indexes,
    -- and for a TOAST table its own pages, ages and reloptions. Hash-joined twice below (a member's own row and its
    -- TOAST table's), where a lookup per member in pg_class's index was the costliest node at 100,000 partitions.
    SELECT coalesce(x.indrelid, c.oid)                                          AS oid,
           coalesce(sum(c.relpages) FILTER (WHERE c.relkind <> 't'), 0)::bigint  AS index_pages,
           max(c.relpages) FILTER (WHERE c.relkind = 't')                        AS toast_pages,
           max(age(c.relfrozenxid)) FILTER (WHERE c.relkind = 't')               AS toast_xid_age,
           max(mxid_age(c.relminmxid)) FILTER (WHERE c.relkind = 't')            AS toast_mxid_age,
           max(c.reloptions) FILTER (WHERE c.relkind = 't')                      AS toast_reloptions
    FROM pg_class c
    LEFT JOIN pg_index x ON x.indexrelid = c.oid
    WHERE c.relkind IN ('i', 't')
    GROUP BY 1
), facts AS (
    -- A member's own numbers, as PartitionSetAssembler takes them from members.sql (storage: relkind 'r' only).
    SELECT m.root, m.is_member, m.defaults,
           c.relkind = 'r'                                                        AS storage,
           -- A leaf as the full read counts it: no child drawn under it (see first_parents).
           c.relkind <> 'p' AND NOT coalesce(ch.own_child, false) AND fp.parent IS NULL AS is_leaf,
           m.detach_pending,
           CASE WHEN c.relkind = 'r' THEN c.relpages::bigint * p.block_size ELSE 0 END AS table_bytes,
           CASE WHEN c.relkind = 'r' THEN coalesce(s.index_pages, 0) * p.block_size ELSE 0 END AS index_bytes,
           CASE WHEN c.relkind = 'r' THEN (coalesce(ts.toast_pages, 0)::bigint + coalesce(ts.index_pages, 0))
                                          * p.block_size ELSE 0 END             AS toast_bytes,
           CASE WHEN c.relkind = 'r' AND c.reltuples >= 0 THEN trunc(c.reltuples::float8)::bigint END AS row_estimate,
           CASE WHEN c.relkind = 'r' THEN pg_stat_get_live_tuples(c.oid) END      AS live_tuples,
           CASE WHEN c.relkind = 'r' THEN pg_stat_get_dead_tuples(c.oid) END      AS dead_tuples,
           CASE WHEN c.relkind = 'r' THEN greatest(age(c.relfrozenxid), ts.toast_xid_age) END::bigint    AS xid_age,
           CASE WHEN c.relkind = 'r' THEN greatest(mxid_age(c.relminmxid), ts.toast_mxid_age) END::bigint AS mxid_age,
           -- The reloptions only where there are any: most members have none.
           CASE WHEN c.reloptions IS NOT NULL OR ts.toast_reloptions IS NOT NULL THEN
                (SELECT min(o.option_value::bigint)
                   FROM pg_options_to_table(coalesce(c.reloptions, '{}') || coalesce(ts.toast_reloptions, '{}')) o
                  WHERE o.option_name = 'autovacuum_freeze_max_age') END               AS freeze_max_age_option,
           CASE WHEN c.reloptions IS NOT NULL OR ts.toast_reloptions IS NOT NULL THEN
                least(p.mxid_limit, (SELECT min(o.option_value::bigint)
                   FROM pg_options_to_table(coalesce(c.reloptions, '{}') || coalesce(ts.toast_reloptions, '{}')) o
                  WHERE o.option_name = 'autovacuum_multixact_freeze_max_age'))
                ELSE p.mxid_limit END                                               AS mxid_freeze_max_age
    FROM tree m
    CROSS JOIN params p
    JOIN pg_class c ON c.oid = m.relid
    LEFT JOIN parents ch ON ch.oid = c.oid
    LEFT JOIN first_parents fp ON fp.root = m.root AND fp.parent = c.oid
    LEFT JOIN storage s ON s.oid = c.oid
    LEFT JOIN storage ts ON ts.oid = c.reltoastrelid
), groups AS MATERIALIZED (
    -- One aggregation pass over the members, by set, DEFAULT path and limits: few rows (most members share all
    -- three), from which the set's totals, its DEFAULT rows and its ages per limit are summed below.
    SELECT f.root, f.defaults, f.freeze_max_age_option, f.mxid_freeze_max_age,
           count(*) FILTER (WHERE f.is_member)                      AS partition_count,
           count(*) FILTER (WHERE f.is_member AND f.is_leaf)        AS leaf_count,
           sum(f.table_bytes)                                       AS table_bytes,
           sum(f.index_bytes)                                       AS index_bytes,
           sum(f.toast_bytes)                                       AS toast_bytes,
           coalesce(sum(f.row_estimate), 0)                         AS row_estimate,
           coalesce(sum(f.live_tuples), 0)                          AS live_tuples,
           coalesce(sum(f.dead_tuples), 0)                          AS dead_tuples,
           max(f.xid_age) FILTER (WHERE f.storage)                  AS max_xid_age,
           max(f.mxid_age) FILTER (WHERE f.storage)                 AS max_mxid_age,
           count(*) FILTER (WHERE f.is_member AND f.detach_pending) AS detach_pending,
           bool_or(f.storage)                                       AS storage
    FROM facts f
    GROUP BY f.root, f.defaults, f.freeze_max_age_option, f.mxid_freeze_max_age
), default_rows AS (
    -- Rows per DEFAULT partition (over its leaves when sub-partitioned): max(live tuples, row estimate).
    SELECT g.root, d.def, greatest(sum(g.live_tuples), sum(g.row_estimate))::bigint AS rows
    FROM groups g
    CROSS JOIN LATERAL unnest(g.defaults) AS d(def)
    WHERE g.defaults IS NOT NULL
    GROUP BY g.root, d.def
), defaults AS (
    SELECT d.root, count(*)::int AS default_partitions, sum(d.rows)::bigint AS default_rows
    FROM default_rows d
    GROUP BY d.root
), ages AS (
    -- The highest ages per root and distinct limit (one row per distinct reloption), enough for the share.
    SELECT g.root, g.freeze_max_age_option, g.mxid_freeze_max_age,
           max(g.max_xid_age) AS max_xid_age, max(g.max_mxid_age) AS max_mxid_age
    FROM groups g
    WHERE g.storage
    GROUP BY g.root, g.freeze_max_age_option, g.mxid_freeze_max_age
), limits AS (
    -- One array per input, in the same order (one aggregation pass over the same rows).
    SELECT a.root,
           array_agg(a.freeze_max_age_option) AS freeze_max_age_options, array_agg(a.max_xid_age) AS max_xid_ages,
           array_agg(a.mxid_freeze_max_age) AS mxid_freeze_max_ages, array_agg(a.max_mxid_age) AS max_mxid_ages
    FROM ages a
    GROUP BY a.root
), totals AS (
    SELECT g.root,
           sum(g.partition_count)::int                               AS partition_count,
           sum(g.leaf_count)::int                                    AS leaf_count,
           sum(g.table_bytes)::bigint                                AS table_bytes,
           sum(g.index_bytes)::bigint                                AS index_bytes,
           sum(g.toast_bytes)::bigint                                AS toast_bytes,
           sum(g.row_estimate)::bigint                               AS row_estimate,
           sum(g.live_tuples)::bigint                                AS live_tuples,
           sum(g.dead_tuples)::bigint                                AS dead_tuples,
           max(g.max_xid_age)                                        AS max_xid_age,
           max(g.max_mxid_age)                                       AS max_mxid_age,
           sum(g.detach_pending)::int                                AS detach_pending,
           coalesce(bool_or(g.storage), false)                       AS sizes_estimated
    FROM groups g
    GROUP BY g.root
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
FROM scoped_roots r
JOIN pg_class c ON c.oid = r.oid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN totals tt ON tt.root = r.oid
LEFT JOIN defaults d ON d.root = r.oid
LEFT JOIN limits l ON l.root = r.oid
LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
