-- The OIDs of relations EXPLAIN VERBOSE named by schema and unqualified name. EXPLAIN names this session's own
-- temporary schema "pg_temp".
SELECT u.schema_name, u.rel_name, c.oid::bigint AS relid
FROM unnest(?::text[], ?::text[]) AS u(schema_name, rel_name)
JOIN pg_namespace n ON n.nspname = u.schema_name OR (u.schema_name = 'pg_temp' AND n.oid = pg_my_temp_schema())
JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = u.rel_name
