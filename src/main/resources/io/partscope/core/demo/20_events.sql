-- public.events: monthly RANGE partitions (21 months back, 2 ahead), each sub-partitioned by LIST on region
-- with a DEFAULT sub-partition that catches the regions nobody planned for.
-- step: Creating public.events (monthly, sub-partitioned by region)
CREATE TABLE public.events (
    event_id    bigserial,
    occurred_at timestamptz NOT NULL,
    region      text NOT NULL,
    kind        text NOT NULL,
    user_id     integer NOT NULL,
    payload     jsonb,
    PRIMARY KEY (event_id, occurred_at, region)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX events_user_idx ON public.events (user_id);

CREATE PROCEDURE partscope_demo.load_events(months_back integer, months_ahead integer, xids_per_month integer)
LANGUAGE plpgsql AS $$
DECLARE
    this_month date := date_trunc('month', current_date)::date;
    first_day date;
    next_first date;
    part text;
    r text;
BEGIN
    FOR m IN -months_back..months_ahead LOOP
        first_day := (this_month + make_interval(months => m))::date;
        next_first := (first_day + interval '1 month')::date;
        part := 'events_' || to_char(first_day, 'YYYY_MM');
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.events FOR VALUES FROM (%L) TO (%L) '
                       'PARTITION BY LIST (region)', part, first_day::timestamptz, next_first::timestamptz);
        FOREACH r IN ARRAY ARRAY['eu', 'us', 'apac'] LOOP
            EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES IN (%L)',
                           part || '_' || r, part, r);
        END LOOP;
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I DEFAULT', part || '_default', part);
        IF first_day <= current_date THEN
            INSERT INTO public.events (occurred_at, region, kind, user_id, payload)
            SELECT ts, x.region, x.kind, (random() * 5000)::int + 1,
                   jsonb_build_object('source', x.kind || '-svc', 'ms', (random() * 400)::int)
            FROM generate_series(first_day::timestamptz + interval '3 minutes',
                                 least(next_first::timestamptz, now()) - interval '1 second',
                                 interval '50 minutes') AS ts
            CROSS JOIN LATERAL (
                SELECT CASE WHEN r1 < 0.40 THEN 'eu' WHEN r1 < 0.75 THEN 'us' WHEN r1 < 0.95 THEN 'apac'
                            WHEN r1 < 0.98 THEN 'latam' ELSE 'mea' END AS region,
                       (ARRAY['login', 'logout', 'purchase', 'search', 'error'])[1 + floor(r2 * 5)::int] AS kind
                FROM (SELECT random() + 0 * extract(epoch FROM ts) AS r1, random() AS r2) rr
            ) x;
        END IF;
        COMMIT;
        CALL partscope_demo.burn_xids(xids_per_month);
    END LOOP;
END
$$;

-- step: Loading public.events (24 months x 4 regions)
CALL partscope_demo.load_events(21, 2, 5000);
