-- The databases of the cluster a user can connect to (datallowconn), for the navigator; templates last.
-- has_database_privilege: a database the role may not CONNECT to is listed but marked.
SELECT d.datname AS name,
       d.datistemplate AS is_template,
       has_database_privilege(d.oid, 'CONNECT') AS can_connect,
       d.datname = current_database() AS is_current
FROM pg_database d
WHERE d.datallowconn
ORDER BY d.datistemplate, d.datname
