-- The roots of the set(s) a relation belongs to: the relation itself when it is a root, else every ancestor
-- that has no parent (inheritance allows several). The parameter is an already-quoted name for to_regclass,
-- which resolves it exactly as SQL would (search_path for a bare name). Returns no row when it does not exist.
-- target_relkind and target_in_set tell an ordinary table (or a view, a sequence...) that is in no set from one
-- that does not exist: such a relation gives one row with target_in_set false.
WITH RECURSIVE target AS (
    SELECT c.oid, c.relkind,
           c.relkind = 'p'
           OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)
           OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid) AS in_set
    FROM pg_class c
    WHERE c.oid = to_regclass(?)
), up(relid) AS (
    SELECT oid FROM target WHERE in_set
    UNION
    SELECT i.inhparent FROM up JOIN pg_inherits i ON i.inhrelid = up.relid
)
SELECT t.oid::bigint AS target_oid, t.relkind::text AS target_relkind, t.in_set AS target_in_set,
       up.relid::bigint AS root_oid
FROM target t
LEFT JOIN up ON NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = up.relid)
