-- One member (or root) of a partition set: its catalog facts, statistics and ages, and its sizes unless measuring
-- them would queue behind a lock. No row when it does not exist (dropped since the tree was read).
--
-- Parameters, in order:
--   1 schema, 2 name: as the catalog spells them (unquoted)
--   3 careful (boolean): call nothing that locks the relation, as if it were locked; the fallback when a lock
--     was taken after we looked at pg_locks
--
-- pg_table_size and friends take ACCESS SHARE on the relation, its TOAST table and (pg_indexes_size) its indexes,
-- and so do pg_get_partkeydef, pg_get_indexdef, pg_get_constraintdef (CHECK) and pg_get_expr with a relid (checked
-- on 14 and 18): they would queue behind an ACCESS EXCLUSIVE lock held or awaited by another session (DDL). So
-- pg_locks is read first, in this statement, and those calls are skipped (careful = true) when any of those
-- relations is under such a lock. The rest (pg_get_expr with relid 0, age, the pg_stat views) reads the catalogs
-- and statistics without locking the relation.
WITH target AS (
    SELECT c.oid, c.reltoastrelid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'f')
), lock_check AS MATERIALIZED (
    SELECT EXISTS (
        SELECT 1
        FROM pg_locks l
        CROSS JOIN target t
        WHERE l.locktype = 'relation'
          AND l.mode = 'AccessExclusiveLock'
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.pid <> pg_backend_pid()
          AND (l.relation = t.oid
               OR (t.reltoastrelid <> 0 AND l.relation = t.reltoastrelid)
               OR l.relation IN (SELECT x.indexrelid FROM pg_index x
                                 WHERE x.indrelid = t.oid OR (t.reltoastrelid <> 0 AND x.indrelid = t.reltoastrelid)))
    ) AS locked
), flags AS MATERIALIZED (
    SELECT lc.locked, (lc.locked OR ?::boolean) AS careful FROM lock_check lc
)
SELECT c.oid::bigint                                    AS oid,
       c.relkind::text                                  AS relkind,
       c.relpersistence::text                           AS persistence,
       c.relispartition                                 AS is_partition,
       ts.spcname                                       AS tablespace,
       am.amname                                        AS access_method,
       coalesce(c.reloptions, '{}')::text[]             AS reloptions,
       coalesce(t.reloptions, '{}')::text[]             AS toast_reloptions,
       -- relid 0: a bound holds only constants, and pg_get_expr with a relid may lock that relation.
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, 0) END     AS bound,
       CASE WHEN c.relkind = 'p' AND NOT f.careful THEN pg_get_partkeydef(c.oid) END AS partition_key,
       par.parent_schemas,
       par.parent_names,
       fs.srvname                                       AS foreign_server,
       coalesce(ft.ftoptions, '{}')::text[]             AS foreign_options,
       f.locked,
       f.careful,
       c.relpages::bigint                               AS relpages,
       c.reltuples::float8                              AS reltuples,
       s.seq_scan, s.idx_scan, s.n_tup_ins, s.n_tup_upd, s.n_tup_del, s.n_tup_hot_upd,
       s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, s.n_ins_since_vacuum,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       s.vacuum_count, s.autovacuum_count, s.analyze_count, s.autoanalyze_count,
       CASE WHEN c.relkind = 'r' THEN age(c.relfrozenxid) END::bigint                 AS xid_age,
       CASE WHEN c.relkind = 'r' AND t.oid IS NOT NULL THEN age(t.relfrozenxid) END::bigint AS toast_xid_age,
       CASE WHEN c.relkind = 'r' THEN greatest(mxid_age(c.relminmxid),
            CASE WHEN t.oid IS NOT NULL THEN mxid_age(t.relminmxid) END) END::bigint   AS mxid_age,
       current_setting('autovacuum_freeze_max_age')::bigint                           AS freeze_max_age_setting,
       (SELECT min(o.option_value::bigint) FROM pg_options_to_table(c.reloptions) o
         WHERE o.option_name = 'autovacuum_freeze_max_age')                           AS freeze_max_age_option,
       (SELECT min(o.option_value::bigint) FROM pg_options_to_table(t.reloptions) o
         WHERE o.option_name = 'autovacuum_freeze_max_age')                           AS toast_freeze_max_age_option,
       -- pg_table_size counts the TOAST table and its index; table_bytes is the table alone (with FSM and VM).
       CASE WHEN c.relkind <> 'r' OR f.careful THEN NULL
            ELSE pg_table_size(c.oid) - CASE WHEN t.oid IS NULL THEN 0
                                             ELSE pg_total_relation_size(t.oid) END END AS table_bytes,
       CASE WHEN c.relkind <> 'r' OR f.careful THEN NULL
            WHEN t.oid IS NULL THEN 0
            ELSE pg_total_relation_size(t.oid) END                                    AS toast_bytes,
       CASE WHEN c.relkind <> 'r' OR f.careful THEN NULL
            ELSE pg_indexes_size(c.oid) END                                           AS index_bytes,
       now()                                                                          AS read_at
FROM target tg
CROSS JOIN flags f
JOIN pg_class c ON c.oid = tg.oid
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
LEFT JOIN LATERAL (
    SELECT array_agg(pn.nspname::text ORDER BY i.inhseqno) AS parent_schemas,
           array_agg(pr.relname::text ORDER BY i.inhseqno) AS parent_names
    FROM pg_inherits i
    JOIN pg_class pr ON pr.oid = i.inhparent
    JOIN pg_namespace pn ON pn.oid = pr.relnamespace
    WHERE i.inhrelid = c.oid
) par ON true
