-- Partition sets for the pruning corpus (ExplainPruningCorpusIT). Each statement ends with ";" at the end of a line.
-- list, with a NULL partition and a DEFAULT
CREATE TABLE lp (a text, v int) PARTITION BY LIST (a);
CREATE TABLE lp_ad PARTITION OF lp FOR VALUES IN ('a', 'd');
CREATE TABLE lp_bc PARTITION OF lp FOR VALUES IN ('b', 'c');
CREATE TABLE lp_ef PARTITION OF lp FOR VALUES IN ('e', 'f');
CREATE TABLE lp_null PARTITION OF lp FOR VALUES IN (NULL);
CREATE TABLE lp_default PARTITION OF lp DEFAULT;
INSERT INTO lp VALUES ('a', 1), ('b', 2), ('e', 3), (NULL, 4), ('z', 5);
-- range with MINVALUE and MAXVALUE, and an index for parameterised scans
CREATE TABLE rp (k int, v text) PARTITION BY RANGE (k);
CREATE TABLE rp_min PARTITION OF rp FOR VALUES FROM (MINVALUE) TO (0);
CREATE TABLE rp_0 PARTITION OF rp FOR VALUES FROM (0) TO (100);
CREATE TABLE rp_100 PARTITION OF rp FOR VALUES FROM (100) TO (200);
CREATE TABLE rp_max PARTITION OF rp FOR VALUES FROM (200) TO (MAXVALUE);
CREATE INDEX ON rp (k);
INSERT INTO rp SELECT g, 'v' || g FROM generate_series(-50, 300) g;
-- multi-column range
CREATE TABLE mr (a int, b int) PARTITION BY RANGE (a, b);
CREATE TABLE mr_1 PARTITION OF mr FOR VALUES FROM (0, 0) TO (0, 100);
CREATE TABLE mr_2 PARTITION OF mr FOR VALUES FROM (0, 100) TO (1, 0);
CREATE TABLE mr_3 PARTITION OF mr FOR VALUES FROM (1, 0) TO (2, 0);
-- hash
CREATE TABLE hp (id int) PARTITION BY HASH (id);
CREATE TABLE hp_0 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE hp_1 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE hp_2 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE hp_3 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO hp SELECT generate_series(1, 100);
-- two levels: range by year, then list by region
CREATE TABLE ml (d date, r text) PARTITION BY RANGE (d);
CREATE TABLE ml_2024 PARTITION OF ml FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (r);
CREATE TABLE ml_2024_eu PARTITION OF ml_2024 FOR VALUES IN ('eu');
CREATE TABLE ml_2024_us PARTITION OF ml_2024 FOR VALUES IN ('us');
CREATE TABLE ml_2025 PARTITION OF ml FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (r);
CREATE TABLE ml_2025_eu PARTITION OF ml_2025 FOR VALUES IN ('eu');
CREATE TABLE ml_2025_us PARTITION OF ml_2025 FOR VALUES IN ('us');
-- boolean key
CREATE TABLE bp (flag boolean, v int) PARTITION BY LIST (flag);
CREATE TABLE bp_true PARTITION OF bp FOR VALUES IN (true);
CREATE TABLE bp_false PARTITION OF bp FOR VALUES IN (false);
-- expression key
CREATE TABLE ep (name text) PARTITION BY LIST (lower(name));
CREATE TABLE ep_alice PARTITION OF ep FOR VALUES IN ('alice');
CREATE TABLE ep_bob PARTITION OF ep FOR VALUES IN ('bob');
-- two sets with the same bounds, for partitionwise joins
CREATE TABLE pj1 (k int, v int) PARTITION BY RANGE (k);
CREATE TABLE pj1_0 PARTITION OF pj1 FOR VALUES FROM (0) TO (100);
CREATE TABLE pj1_1 PARTITION OF pj1 FOR VALUES FROM (100) TO (200);
CREATE TABLE pj2 (k int, w int) PARTITION BY RANGE (k);
CREATE TABLE pj2_0 PARTITION OF pj2 FOR VALUES FROM (0) TO (100);
CREATE TABLE pj2_1 PARTITION OF pj2 FOR VALUES FROM (100) TO (200);
-- inheritance: a parent holding rows and two children with CHECK constraints
CREATE TABLE ip (k int, v text);
CREATE TABLE ip_low (CHECK (k >= 0 AND k < 100)) INHERITS (ip);
CREATE TABLE ip_high (CHECK (k >= 100 AND k < 200)) INHERITS (ip);
INSERT INTO ip VALUES (-1, 'parent');
INSERT INTO ip_low VALUES (5, 'low');
INSERT INTO ip_high VALUES (150, 'high');
-- a quoted name, a view over a set, a table outside any set, a stable function
CREATE SCHEMA "Odd ""Schema""";
CREATE TABLE "Odd ""Schema"""."My Set" (k int) PARTITION BY RANGE (k);
CREATE TABLE "Odd ""Schema"""."My Set 1" PARTITION OF "Odd ""Schema"""."My Set" FOR VALUES FROM (0) TO (10);
CREATE TABLE "Odd ""Schema"""."My Set 2" PARTITION OF "Odd ""Schema"""."My Set" FOR VALUES FROM (10) TO (20);
CREATE VIEW rp_view AS SELECT k, v FROM rp WHERE k >= 100;
CREATE TABLE plain (k int);
INSERT INTO plain VALUES (5), (150);
CREATE FUNCTION stable_five() RETURNS int STABLE LANGUAGE sql AS 'SELECT 5';
ANALYZE;
-- PL/pgSQL is never inlined: the planner cannot see through it, so it prunes when the executor starts
CREATE FUNCTION stable_five_plpgsql() RETURNS int STABLE LANGUAGE plpgsql AS $$ BEGIN RETURN 5; END $$;
