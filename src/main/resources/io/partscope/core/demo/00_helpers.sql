-- Helpers used while loading; dropped again in 90_finish.sql (demo_info stays).
-- step: Preparing helpers
CREATE SCHEMA partscope_demo;

COMMENT ON SCHEMA partscope_demo IS 'Partscope demo bookkeeping (demo_info)';

-- Many small transactions: each txid_current() takes a new XID, each COMMIT ends it. Spreads relfrozenxid ages.
CREATE PROCEDURE partscope_demo.burn_xids(n integer)
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1..n LOOP
        PERFORM txid_current();
        COMMIT;
    END LOOP;
END
$$;

-- The same random data on every load (within a session).
SELECT setseed(0.4242);
