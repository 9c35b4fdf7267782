-- Server-wide facts every number in the tree is judged against. One row.
SELECT current_setting('server_version')                       AS server_version,
       current_setting('server_version_num')::int              AS server_version_num,
       current_database()                                      AS database,
       current_setting('autovacuum_freeze_max_age')::bigint    AS autovacuum_freeze_max_age,
       (SELECT setting::bigint FROM pg_settings WHERE name = 'vacuum_failsafe_age') AS vacuum_failsafe_age,
       current_setting('block_size')::int                      AS block_size,
       now()                                                   AS read_at
