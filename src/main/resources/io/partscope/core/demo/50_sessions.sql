-- public.sessions: HASH partitions, modulus 8. Sessions are cache-like data: the partitions are UNLOGGED.
-- step: Creating public.sessions (hash, 8 partitions, unlogged)
CREATE TABLE public.sessions (
    session_id   uuid NOT NULL,
    user_id      integer NOT NULL,
    started_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    user_agent   text,
    PRIMARY KEY (session_id)
) PARTITION BY HASH (session_id);

DO $$
BEGIN
    FOR i IN 0..7 LOOP
        EXECUTE format('CREATE UNLOGGED TABLE public.%I PARTITION OF public.sessions '
                       'FOR VALUES WITH (MODULUS 8, REMAINDER %s)', 'sessions_p' || i, i);
    END LOOP;
END
$$;

-- step: Loading public.sessions
INSERT INTO public.sessions (session_id, user_id, started_at, last_seen_at, user_agent)
SELECT gen_random_uuid(), (random() * 5000)::int + 1, t, t + random() * interval '2 hours',
       (ARRAY['Mozilla/5.0 (X11; Linux x86_64)', 'Mozilla/5.0 (Macintosh)', 'okhttp/4.12'])[1 + (g % 3)]
FROM (SELECT g, now() - random() * interval '3 days' AS t FROM generate_series(1, 8000) AS g) AS src;
