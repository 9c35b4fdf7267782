-- The table constraints of one relation (CHECK, FOREIGN KEY, PRIMARY KEY, UNIQUE, EXCLUDE), each with its
-- definition. NOT NULL (stored as constraints from 18) comes with the columns instead. pg_get_constraintdef locks
-- the relation (for a CHECK), so this query is not run while another session holds an ACCESS EXCLUSIVE lock on it.
-- conislocal says whether the member defines it itself (false: it only inherits it from a parent, which recreates it).
-- Parameter: the relation's oid (bigint).
SELECT con.conname::text                AS name,
       con.contype::text                AS type,
       pg_get_constraintdef(con.oid)    AS definition,
       con.conislocal                   AS is_local,
       con.conindid::bigint             AS index_oid
FROM pg_constraint con
WHERE con.conrelid = ?::bigint::oid
  AND con.contype IN ('c', 'f', 'p', 'u', 'x')
ORDER BY CASE con.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 2 WHEN 'c' THEN 3 ELSE 4 END, con.conname
