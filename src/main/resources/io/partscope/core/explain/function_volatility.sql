-- The volatility of functions by name, as EXPLAIN prints them in conditions: every provolatile ('i', 's', 'v') of
-- the overloads with that name.
SELECT p.proname::text AS name, string_agg(DISTINCT p.provolatile::text, '') AS volatility
FROM pg_proc p
WHERE p.proname = ANY (?::text[])
GROUP BY p.proname
