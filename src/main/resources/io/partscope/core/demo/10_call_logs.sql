-- telephony.call_logs: weekly RANGE partitions over two years (100 weeks back, 4 weeks premade ahead).
-- Each week is created and loaded in its own transaction, with XIDs burned between weeks, so the oldest
-- partitions have the largest XID age.
-- step: Creating telephony.call_logs (weekly range partitions)
CREATE SCHEMA telephony;

CREATE TABLE telephony.call_logs (
    call_id     bigserial,
    started_at  timestamptz NOT NULL,
    caller      text NOT NULL,
    callee      text NOT NULL,
    duration_s  integer NOT NULL,
    status      text NOT NULL,
    cost        numeric(8, 4),
    PRIMARY KEY (call_id, started_at)
) PARTITION BY RANGE (started_at);

CREATE INDEX call_logs_caller_idx ON telephony.call_logs (caller, started_at);

COMMENT ON TABLE telephony.call_logs IS 'Call detail records, one partition per ISO week';

CREATE PROCEDURE partscope_demo.load_call_logs(weeks_back integer, weeks_ahead integer, xids_per_week integer)
LANGUAGE plpgsql AS $$
DECLARE
    this_monday date := date_trunc('week', current_date)::date;
    monday date;
    part text;
    age_index integer;
BEGIN
    FOR w IN -weeks_back..weeks_ahead LOOP
        monday := this_monday + 7 * w;
        age_index := w + weeks_back;
        part := 'call_logs_' || to_char(monday, 'IYYY"w"IW');
        EXECUTE format('CREATE TABLE telephony.%I PARTITION OF telephony.call_logs FOR VALUES FROM (%L) TO (%L)',
                       part, monday::timestamptz, (monday + 7)::timestamptz);
        IF monday <= current_date THEN
            -- business grows: ~150 calls a week two years ago, ~370 now
            INSERT INTO telephony.call_logs (started_at, caller, callee, duration_s, status, cost)
            SELECT ts,
                   '+4930' || lpad((floor(random() * 9000) + 1000)::int::text, 7, '0'),
                   '+49' || lpad((floor(random() * 90000000) + 10000000)::int::text, 9, '0'),
                   s.duration,
                   s.status,
                   round((s.duration * 0.0019)::numeric, 4)
            FROM generate_series(monday::timestamptz + interval '7 minutes',
                                 least((monday + 7)::timestamptz, now()) - interval '1 second',
                                 make_interval(mins => 67 - (age_index * 2) / 5)) AS ts
            CROSS JOIN LATERAL (
                SELECT CASE WHEN r < 0.72 THEN 'answered' WHEN r < 0.90 THEN 'missed'
                            WHEN r < 0.97 THEN 'busy' ELSE 'failed' END AS status,
                       CASE WHEN r < 0.72 THEN (random() * 900)::int + 5 ELSE 0 END AS duration
                FROM (SELECT random() + 0 * extract(epoch FROM ts) AS r) x
            ) s;
        END IF;
        COMMIT;
        CALL partscope_demo.burn_xids(xids_per_week);
    END LOOP;
END
$$;

-- step: Loading telephony.call_logs (105 weeks, spreading XID ages)
CALL partscope_demo.load_call_logs(100, 4, 8000);

-- The oldest weeks are kept as an archive and get an earlier anti-wraparound vacuum.
-- step: Setting per-partition reloptions on telephony.call_logs
DO $$
DECLARE
    this_monday date := date_trunc('week', current_date)::date;
BEGIN
    FOR w IN -100..-97 LOOP
        EXECUTE format('ALTER TABLE telephony.%I SET (autovacuum_freeze_max_age = 100000000)',
                       'call_logs_' || to_char(this_monday + 7 * w, 'IYYY"w"IW'));
    END LOOP;
END
$$;
