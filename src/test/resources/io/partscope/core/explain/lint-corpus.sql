-- Partition sets for the pruning lint (ExplainLintIT). Each statement ends with ";" at the end of a line.
-- monthly range on a timestamptz, with an index on a non-key column
CREATE TABLE events (id bigint, occurred_at timestamptz NOT NULL, kind text, v int) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_2026_03 PARTITION OF events FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00');
CREATE TABLE events_2026_04 PARTITION OF events FOR VALUES FROM ('2026-04-01 00:00:00+00') TO ('2026-05-01 00:00:00+00');
CREATE TABLE events_2026_05 PARTITION OF events FOR VALUES FROM ('2026-05-01 00:00:00+00') TO ('2026-06-01 00:00:00+00');
CREATE TABLE events_2026_06 PARTITION OF events FOR VALUES FROM ('2026-06-01 00:00:00+00') TO ('2026-07-01 00:00:00+00');
CREATE INDEX ON events (id);
-- a range on a timestamp without time zone, and one on a date
CREATE TABLE readings (taken_at timestamp NOT NULL, value numeric) PARTITION BY RANGE (taken_at);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE readings_2026 PARTITION OF readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE readings_2027 PARTITION OF readings FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
-- an integer range
CREATE TABLE nums (k int NOT NULL, v text) PARTITION BY RANGE (k);
CREATE TABLE nums_0 PARTITION OF nums FOR VALUES FROM (0) TO (100);
CREATE TABLE nums_100 PARTITION OF nums FOR VALUES FROM (100) TO (200);
CREATE TABLE nums_200 PARTITION OF nums FOR VALUES FROM (200) TO (300);
-- a text key partitioned under collation "C" while the column has the database's
CREATE TABLE words (w text, n int) PARTITION BY RANGE (w COLLATE "C");
CREATE TABLE words_am PARTITION OF words FOR VALUES FROM ('a') TO ('n');
CREATE TABLE words_nz PARTITION OF words FOR VALUES FROM ('n') TO ('{');
-- a quoted mixed-case key
CREATE TABLE "Tenants" ("TenantId" int, note text) PARTITION BY LIST ("TenantId");
CREATE TABLE "Tenants_1" PARTITION OF "Tenants" FOR VALUES IN (1);
CREATE TABLE "Tenants_2" PARTITION OF "Tenants" FOR VALUES IN (2);
CREATE TABLE "Tenants_3" PARTITION OF "Tenants" FOR VALUES IN (3);
-- an expression key
CREATE TABLE people (name text) PARTITION BY LIST (lower(name));
CREATE TABLE people_alice PARTITION OF people FOR VALUES IN ('alice');
CREATE TABLE people_bob PARTITION OF people FOR VALUES IN ('bob');
-- two levels: range by year, then list by region
CREATE TABLE sales (d date NOT NULL, region text NOT NULL, amount int) PARTITION BY RANGE (d);
CREATE TABLE sales_2025 PARTITION OF sales FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (region);
CREATE TABLE sales_2025_eu PARTITION OF sales_2025 FOR VALUES IN ('eu');
CREATE TABLE sales_2025_us PARTITION OF sales_2025 FOR VALUES IN ('us');
CREATE TABLE sales_2026 PARTITION OF sales FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (region);
CREATE TABLE sales_2026_eu PARTITION OF sales_2026 FOR VALUES IN ('eu');
CREATE TABLE sales_2026_us PARTITION OF sales_2026 FOR VALUES IN ('us');
-- inheritance with CHECK constraints
CREATE TABLE legacy (k int, v text);
CREATE TABLE legacy_low (CHECK (k >= 0 AND k < 100)) INHERITS (legacy);
CREATE TABLE legacy_high (CHECK (k >= 100 AND k < 200)) INHERITS (legacy);
-- a stable function (executor-start pruning), fixed so the tests do not depend on the clock
CREATE FUNCTION lint_cutoff() RETURNS timestamptz STABLE LANGUAGE plpgsql AS $$BEGIN RETURN '2026-05-15 00:00:00+00'; END$$;
