-- A prepared statement of this session: its text (the whole PREPARE command) and parameter types.
SELECT statement, parameter_types::text[] AS parameter_types
FROM pg_prepared_statements
WHERE name = ?
