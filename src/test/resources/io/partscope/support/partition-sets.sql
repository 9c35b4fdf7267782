-- Every kind of partition set the reader must understand. One statement per line-group, separated by ';\n'.
CREATE SCHEMA app;
CREATE SCHEMA archive;
CREATE SCHEMA "Odd ""Schema"". x";

-- Range by month, sub-partitioned by list, with a DEFAULT that holds rows, one partition in another schema.
CREATE TABLE app.events (id bigint NOT NULL, occurred_at timestamptz NOT NULL, region text NOT NULL, payload text)
    PARTITION BY RANGE (occurred_at);
CREATE TABLE app.events_2026_01 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')
    PARTITION BY LIST (region);
CREATE TABLE app.events_2026_01_eu PARTITION OF app.events_2026_01 FOR VALUES IN ('eu');
CREATE TABLE app.events_2026_01_us PARTITION OF app.events_2026_01 FOR VALUES IN ('us');
CREATE TABLE app.events_2026_01_default PARTITION OF app.events_2026_01 DEFAULT;
CREATE TABLE archive.events_2026_02 PARTITION OF app.events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;
CREATE INDEX ON app.events (id);
INSERT INTO app.events SELECT g, timestamptz '2026-01-01' + g * interval '1 hour', (ARRAY['eu','us','apac'])[1 + g % 3], repeat('x', 50)
    FROM generate_series(0, 2999) g;

-- Hash.
CREATE TABLE app.sessions (id uuid NOT NULL, user_id int) PARTITION BY HASH (id);
CREATE TABLE app.sessions_0 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE app.sessions_1 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE app.sessions_2 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE UNLOGGED TABLE app.sessions_3 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 3);

-- Multi-column range with MINVALUE/MAXVALUE, and an expression key with a per-partition freeze reloption.
CREATE TABLE app.readings (site int NOT NULL, day date NOT NULL, v float8) PARTITION BY RANGE (site, day);
CREATE TABLE app.readings_low PARTITION OF app.readings FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, MINVALUE);
CREATE TABLE app.readings_high PARTITION OF app.readings FOR VALUES FROM (100, MINVALUE) TO (MAXVALUE, MAXVALUE)
    WITH (autovacuum_freeze_max_age = 100000000);
CREATE TABLE app.logs (msg text NOT NULL) PARTITION BY LIST (lower(left(msg, 1)));
CREATE TABLE app.logs_a PARTITION OF app.logs FOR VALUES IN ('a');
CREATE TABLE app.logs_other PARTITION OF app.logs DEFAULT;

-- A partitioned table with no partitions yet is still a set.
CREATE TABLE app.empty_set (k int) PARTITION BY RANGE (k);

-- A foreign-table member.
CREATE EXTENSION file_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE TABLE app.imports (k int NOT NULL, line text) PARTITION BY RANGE (k);
CREATE TABLE app.imports_local PARTITION OF app.imports FOR VALUES FROM (0) TO (100);
CREATE FOREIGN TABLE app.imports_remote PARTITION OF app.imports FOR VALUES FROM (100) TO (200)
    SERVER files OPTIONS (filename '/dev/null');

-- Inheritance: a parent holding rows, a chain, and a child with two parents.
CREATE TABLE app.sensor_log (sensor int, at timestamptz, v float8);
CREATE TABLE app.sensor_log_2025 (CHECK (at < '2026-01-01')) INHERITS (app.sensor_log);
CREATE TABLE app.sensor_log_2025_q4 (CHECK (at >= '2025-10-01')) INHERITS (app.sensor_log_2025);
CREATE TABLE app.calibration (note text);
CREATE TABLE app.sensor_calibrated () INHERITS (app.sensor_log, app.calibration);
INSERT INTO app.sensor_log VALUES (1, '2026-03-01', 1.0), (2, '2026-03-02', 2.0);
INSERT INTO app.sensor_log_2025 VALUES (1, '2025-03-01', 1.0);
INSERT INTO app.sensor_log_2025_q4 SELECT 1, '2025-11-01', g FROM generate_series(1, 500) g;

-- Hostile names: quotes, spaces, dots, semicolons, capitals, non-ASCII, a 63-byte name.
CREATE TABLE "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;" (k int NOT NULL) PARTITION BY RANGE (k);
CREATE TABLE "Odd ""Schema"". x"."Part.1 été" PARTITION OF "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;"
    FOR VALUES FROM (0) TO (10);
CREATE TABLE "Odd ""Schema"". x"."p_abcdefghijklmnopqrstuvwxyz_abcdefghijklmnopqrstuvwxyz_0123456"
    PARTITION OF "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;" FOR VALUES FROM (10) TO (20);
INSERT INTO "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;" SELECT g % 20 FROM generate_series(1, 100) g;

-- Dead tuples and statistics.
ALTER TABLE app.events_2026_01_eu SET (autovacuum_enabled = false);
DELETE FROM app.events WHERE region = 'eu' AND id % 2 = 0;
-- PG 14's statistics collector is asynchronous: wait until the deletes are counted, or they would land after the
-- ANALYZE below and make its statistics look stale.
DO $$ BEGIN FOR i IN 1..600 LOOP PERFORM pg_stat_clear_snapshot(); EXIT WHEN (SELECT bool_and(n_tup_del > 0 OR relname = 'events_2026_01_us') AND bool_and(n_tup_ins > 0) FROM pg_stat_user_tables WHERE relname IN ('events_2026_01_eu', 'events_default', 'events_2026_01_us')); PERFORM pg_sleep(0.05); END LOOP; END $$;
ANALYZE app.events_2026_01_eu;
ANALYZE app.events_2026_01_us;
ANALYZE app.events_default
