-- The roots of the set(s) a relation belongs to: the relation itself when it is a root, else every ancestor
-- that has no parent (inheritance allows several). The parameter is an already-quoted name for to_regclass,
-- which resolves it exactly as SQL would (search_path for a bare name). Returns no row when it does not exist.
WITH RECURSIVE target AS (
    SELECT to_regclass(?) AS oid
), up(relid) AS (
    SELECT oid FROM target WHERE oid IS NOT NULL
    UNION
    SELECT i.inhparent FROM up JOIN pg_inherits i ON i.inhrelid = up.relid
)
SELECT (SELECT oid FROM target)::bigint AS target_oid, up.relid::bigint AS root_oid
FROM up
WHERE NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = up.relid)
