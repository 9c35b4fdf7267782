-- The columns of one relation, with what a CREATE TABLE needs, and for an inherited column the first parent's
-- NOT NULL and default, so the DDL can say where the member differs from its parent.
--
-- Parameters, in order:
--   1 the relation's oid (bigint)
--   2 careful (boolean): the relation is locked by another session, so the expressions of generated columns,
--     which contain column references and so need pg_get_expr with a relid (that locks the relation), are not read
--
-- A plain default holds no column reference, so pg_get_expr(adbin, 0) deparses it without naming (or locking) the
-- relation.
SELECT a.attnum,
       a.attname::text                                        AS name,
       format_type(a.atttypid, a.atttypmod)                   AS type,
       a.attnotnull                                           AS not_null,
       a.attislocal                                           AS is_local,
       a.attinhcount > 0                                      AS inherited,
       a.attidentity::text                                    AS identity,
       a.attgenerated::text                                   AS generated,
       CASE WHEN d.adbin IS NULL THEN NULL
            WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0)
            WHEN ?::boolean THEN NULL
            ELSE pg_get_expr(d.adbin, d.adrelid) END            AS default_expr,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN cn.nspname::text END
                                                              AS collation_schema,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname::text END
                                                              AS collation_name,
       pa.attnotnull                                          AS parent_not_null,
       CASE WHEN pd.adbin IS NOT NULL AND pa.attgenerated = '' THEN pg_get_expr(pd.adbin, 0) END
                                                              AS parent_default_expr
FROM pg_attribute a
JOIN pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = a.attrelid AND i.inhseqno = 1
LEFT JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname AND NOT pa.attisdropped
LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
WHERE a.attrelid = ?::bigint::oid
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attnum
