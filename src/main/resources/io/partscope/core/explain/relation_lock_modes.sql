-- The relation locks this session holds, with their modes. Diffed before and after a statement, it names what the
-- statement opened: parse analysis locks every relation the query names (views expanded), the planner locks the
-- partitions it did not prune. Setup statements run in the explain's transaction, so
-- their locks are still held when the probe runs: a temp table a setup statement created is held in
-- AccessExclusiveLock, and the probe's PREPARE adds an AccessShareLock on it, a new (relation, mode) pair.
SELECT l.relation::bigint AS relid, l.mode
FROM pg_locks l
WHERE l.pid = pg_backend_pid()
  AND l.locktype = 'relation'
  AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
