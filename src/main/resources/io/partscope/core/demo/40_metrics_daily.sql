-- public.metrics_daily: daily RANGE partitions, 400 days. The job that makes new partitions stopped ten days
-- ago, so the last ten days of rows (up to today) sit in the DEFAULT partition.
-- step: Creating public.metrics_daily (400 daily partitions)
CREATE TABLE public.metrics_daily (
    recorded_at timestamptz NOT NULL,
    host        text NOT NULL,
    metric      text NOT NULL,
    value       double precision NOT NULL
) PARTITION BY RANGE (recorded_at);

DO $$
DECLARE
    d date;
BEGIN
    FOR i IN 0..399 LOOP
        d := current_date - 409 + i;
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.metrics_daily FOR VALUES FROM (%L) TO (%L)',
                       'metrics_daily_' || to_char(d, 'YYYY_MM_DD'), d::timestamptz, (d + 1)::timestamptz);
    END LOOP;
END
$$;

CREATE TABLE public.metrics_daily_default PARTITION OF public.metrics_daily DEFAULT;

-- step: Loading public.metrics_daily (rows of the last 10 days go to the default)
INSERT INTO public.metrics_daily (recorded_at, host, metric, value)
SELECT ts,
       'db-' || (1 + (extract(hour FROM ts)::int % 3)),
       (ARRAY['cpu_pct', 'mem_pct', 'tps'])[1 + (extract(hour FROM ts)::int % 3)],
       round((random() * 100)::numeric, 2)::double precision
FROM generate_series((current_date - 409)::timestamptz, now(), interval '1 hour') AS ts;
