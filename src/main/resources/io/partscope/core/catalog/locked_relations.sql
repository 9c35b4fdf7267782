-- Relations of this database on which an ACCESS EXCLUSIVE lock is held or awaited. Measuring their size would
-- queue behind that lock (pg_relation_size takes ACCESS SHARE), so their sizes come from pg_class instead.
SELECT DISTINCT l.relation::bigint AS oid
FROM pg_locks l
WHERE l.locktype = 'relation'
  AND l.mode = 'AccessExclusiveLock'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.pid <> pg_backend_pid()
