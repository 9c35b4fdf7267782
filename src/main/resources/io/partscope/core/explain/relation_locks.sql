-- The relations this session holds a lock on (fast-path locks included). Diffed before and after a statement, it
-- names what the statement opened: parse analysis locks every relation the query names (views expanded), the
-- planner locks the partitions it did not prune, and a cached generic plan locks all partitions it kept.
SELECT l.relation::bigint AS relid
FROM pg_locks l
WHERE l.pid = pg_backend_pid()
  AND l.locktype = 'relation'
  AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
