-- Maintenance history, so the browser has something to show: dead tuples where autovacuum is off, statistics,
-- and frozen partitions next to old unfrozen ones.

-- Dead tuples: autovacuum off on some partitions, a share of their rows deleted, ANALYZE (not VACUUM) so
-- pg_stat_user_tables.n_dead_tup and the bloat estimates show them.
-- step: Creating dead tuples (autovacuum off, rows deleted, no vacuum)
DO $$
DECLARE
    this_monday date := date_trunc('week', current_date)::date;
    part text;
BEGIN
    FOR w IN -80..-75 LOOP
        part := 'call_logs_' || to_char(this_monday + 7 * w, 'IYYY"w"IW');
        EXECUTE format('ALTER TABLE telephony.%I SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)', part);
        EXECUTE format('DELETE FROM telephony.%I WHERE status <> ''answered'' OR call_id %% 3 = 0', part);
    END LOOP;
    FOREACH part IN ARRAY ARRAY['eu', 'us'] LOOP
        part := 'events_' || to_char(current_date - interval '6 months', 'YYYY_MM') || '_' || part;
        EXECUTE format('ALTER TABLE public.%I SET (autovacuum_enabled = false)', part);
        EXECUTE format('DELETE FROM public.%I WHERE kind IN (''search'', ''error'', ''logout'')', part);
    END LOOP;
END
$$;

ALTER TABLE shop.orders_de SET (autovacuum_enabled = false);

DELETE FROM shop.orders_de WHERE status = 'cancelled' OR customer_id % 4 = 0;

-- Cancelled orders are purged everywhere; the other countries are vacuumed afterwards.
DELETE FROM shop.orders WHERE status = 'cancelled' AND country <> 'DE';

-- Row counts from DML reach the cumulative statistics when the session goes idle, at most once a second:
-- wait, so the DELETEs are counted before VACUUM and ANALYZE report theirs (else dead tuples come out wrong).
SELECT pg_sleep(1.1);

-- step: Vacuuming and freezing some partitions
-- gexec
SELECT format('VACUUM %s', c.oid::regclass)
FROM pg_class c
JOIN pg_inherits i ON i.inhrelid = c.oid
WHERE i.inhparent = 'shop.orders'::regclass AND c.relname NOT IN ('orders_de')
ORDER BY c.relname;

-- The most recent weeks were frozen by hand, and so were the three oldest months of events.
-- gexec
SELECT format('VACUUM (FREEZE) telephony.%I', 'call_logs_' || to_char(date_trunc('week', current_date) + make_interval(weeks => w), 'IYYY"w"IW'))
FROM generate_series(-3, 0) AS w;

-- gexec
SELECT format('VACUUM (FREEZE) public.%I', 'events_' || to_char(date_trunc('month', current_date) + make_interval(months => m), 'YYYY_MM'))
FROM generate_series(-21, -19) AS m;
