-- iot.sensor_log: old-style partitioning with table inheritance. The parent still holds the 2021 rows; yearly
-- children for 2022 and 2023 (2023 has a child of its own for the second half-year: a chain), monthly children
-- for 2024, and one child that inherits from two parents (sensor_log and sensor_notes).
-- step: Creating iot.sensor_log (inheritance with CHECK constraints)
CREATE SCHEMA iot;

CREATE TABLE iot.sensor_log (
    sensor_id  integer NOT NULL,
    reading_at timestamptz NOT NULL,
    reading    double precision NOT NULL,
    unit       text NOT NULL DEFAULT 'C'
);
CREATE INDEX sensor_log_sensor_idx ON iot.sensor_log (sensor_id, reading_at);

CREATE TABLE iot.sensor_log_2022 (
    CONSTRAINT sensor_log_2022_check CHECK (reading_at >= '2022-01-01' AND reading_at < '2023-01-01')
) INHERITS (iot.sensor_log);
CREATE INDEX ON iot.sensor_log_2022 (sensor_id, reading_at);

CREATE TABLE iot.sensor_log_2023 (
    CONSTRAINT sensor_log_2023_check CHECK (reading_at >= '2023-01-01' AND reading_at < '2024-01-01')
) INHERITS (iot.sensor_log);
CREATE INDEX ON iot.sensor_log_2023 (sensor_id, reading_at);

CREATE TABLE iot.sensor_log_2023_h2 (
    CONSTRAINT sensor_log_2023_h2_check CHECK (reading_at >= '2023-07-01' AND reading_at < '2024-01-01')
) INHERITS (iot.sensor_log_2023);
CREATE INDEX ON iot.sensor_log_2023_h2 (sensor_id, reading_at);

DO $$
DECLARE
    first_day date;
BEGIN
    FOR m IN 1..6 LOOP
        first_day := make_date(2024, m, 1);
        EXECUTE format('CREATE TABLE iot.%I (CONSTRAINT %I CHECK (reading_at >= %L AND reading_at < %L)) '
                       'INHERITS (iot.sensor_log)',
                       'sensor_log_' || to_char(first_day, 'YYYY_MM'), 'sensor_log_' || to_char(first_day, 'YYYY_MM') || '_check',
                       first_day::timestamptz, (first_day + interval '1 month')::timestamptz);
        EXECUTE format('CREATE INDEX ON iot.%I (sensor_id, reading_at)', 'sensor_log_' || to_char(first_day, 'YYYY_MM'));
    END LOOP;
END
$$;

CREATE TABLE iot.sensor_notes (
    note text
);

CREATE TABLE iot.sensor_log_manual () INHERITS (iot.sensor_log, iot.sensor_notes);

COMMENT ON TABLE iot.sensor_log_manual IS 'Readings typed in by hand, with a note: inherits from two parents';

-- step: Loading iot.sensor_log
INSERT INTO iot.sensor_log (sensor_id, reading_at, reading)
SELECT 1 + g % 12, timestamptz '2021-01-01' + g * interval '6 hours', round((15 + random() * 10)::numeric, 2)
FROM generate_series(0, 1459) AS g;

INSERT INTO iot.sensor_log_2022 (sensor_id, reading_at, reading)
SELECT 1 + g % 12, timestamptz '2022-01-01' + g * interval '8 hours', round((15 + random() * 10)::numeric, 2)
FROM generate_series(0, 1094) AS g;

INSERT INTO iot.sensor_log_2023 (sensor_id, reading_at, reading)
SELECT 1 + g % 12, timestamptz '2023-01-01' + g * interval '8 hours', round((15 + random() * 10)::numeric, 2)
FROM generate_series(0, 542) AS g;

INSERT INTO iot.sensor_log_2023_h2 (sensor_id, reading_at, reading)
SELECT 1 + g % 12, timestamptz '2023-07-01' + g * interval '8 hours', round((15 + random() * 10)::numeric, 2)
FROM generate_series(0, 551) AS g;

DO $$
DECLARE
    first_day date;
BEGIN
    FOR m IN 1..6 LOOP
        first_day := make_date(2024, m, 1);
        EXECUTE format('INSERT INTO iot.%I (sensor_id, reading_at, reading) '
                       'SELECT 1 + g %% 12, %L::timestamptz + g * interval ''3 hours'', round((15 + random() * 10)::numeric, 2) '
                       'FROM generate_series(0, 231) AS g',
                       'sensor_log_' || to_char(first_day, 'YYYY_MM'), first_day);
    END LOOP;
END
$$;

INSERT INTO iot.sensor_log_manual (sensor_id, reading_at, reading, unit, note)
VALUES (3, '2024-03-14 09:30+00', 21.5, 'C', 'probe replaced, reading taken by hand'),
       (7, '2024-04-02 16:05+00', 19.0, 'C', 'sensor offline, hand thermometer'),
       (7, '2024-04-03 08:00+00', 18.7, 'C', NULL);
