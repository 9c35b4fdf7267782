-- Partition sets for op create: every interval kind and naming pattern, list, hash, sub-partitioning, hostile names.
CREATE SCHEMA app;

-- monthly, timestamptz, sub-partitioned by LIST (region) with a DEFAULT sub-partition; a root DEFAULT with one row
-- of 2026-07 in it.
CREATE TABLE app.events (id bigserial, occurred_at timestamptz NOT NULL, region text NOT NULL,
    payload text DEFAULT 'x', PRIMARY KEY (id, occurred_at, region), CHECK (length(region) < 20))
    PARTITION BY RANGE (occurred_at);
CREATE INDEX events_region_idx ON app.events (region);
CREATE TABLE app.events_2026_03 PARTITION OF app.events FOR VALUES FROM ('2026-03-01') TO ('2026-04-01')
    PARTITION BY LIST (region);
CREATE TABLE app.events_2026_03_eu PARTITION OF app.events_2026_03 FOR VALUES IN ('eu');
CREATE TABLE app.events_2026_03_default PARTITION OF app.events_2026_03 DEFAULT;
CREATE TABLE app.events_2026_04 PARTITION OF app.events FOR VALUES FROM ('2026-04-01') TO ('2026-05-01')
    PARTITION BY LIST (region);
CREATE TABLE app.events_2026_04_eu PARTITION OF app.events_2026_04 FOR VALUES IN ('eu');
CREATE TABLE app.events_2026_04_us PARTITION OF app.events_2026_04 FOR VALUES IN ('us', 'ca');
CREATE TABLE app.events_2026_04_default PARTITION OF app.events_2026_04 DEFAULT;
CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;
INSERT INTO app.events (occurred_at, region) VALUES ('2026-07-15 12:00:00+00', 'eu'), ('2026-03-02', 'eu');

-- weekly, ISO week names
CREATE TABLE app.call_logs (started_at timestamptz NOT NULL, caller text) PARTITION BY RANGE (started_at);
CREATE TABLE app.call_logs_2026w18 PARTITION OF app.call_logs FOR VALUES FROM ('2026-04-27') TO ('2026-05-04');
CREATE TABLE app.call_logs_2026w19 PARTITION OF app.call_logs FOR VALUES FROM ('2026-05-04') TO ('2026-05-11');

-- daily, yyyyMMdd; and daily, yyyy_MM_dd on a date key
CREATE TABLE app.metrics_daily (recorded_at timestamp NOT NULL, v double precision) PARTITION BY RANGE (recorded_at);
CREATE TABLE app.metrics_daily_20260502 PARTITION OF app.metrics_daily FOR VALUES FROM ('2026-05-02') TO ('2026-05-03');
CREATE TABLE app.metrics_daily_20260503 PARTITION OF app.metrics_daily FOR VALUES FROM ('2026-05-03') TO ('2026-05-04');
CREATE TABLE app.readings (day date NOT NULL, v int) PARTITION BY RANGE (day);
CREATE TABLE app.readings_2026_05_03 PARTITION OF app.readings FOR VALUES FROM ('2026-05-03') TO ('2026-05-04');

-- hourly
CREATE TABLE app.ticks (at timestamp NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.ticks_2026_05_03_22 PARTITION OF app.ticks FOR VALUES FROM ('2026-05-03 22:00:00') TO ('2026-05-03 23:00:00');
CREATE TABLE app.ticks_2026_05_03_23 PARTITION OF app.ticks FOR VALUES FROM ('2026-05-03 23:00:00') TO ('2026-05-04 00:00:00');

-- quarterly, p2026q2
CREATE TABLE app.ledger (booked date NOT NULL, amount numeric) PARTITION BY RANGE (booked);
CREATE TABLE app.p2026q1 PARTITION OF app.ledger FOR VALUES FROM ('2026-01-01') TO ('2026-04-01');
CREATE TABLE app.p2026q2 PARTITION OF app.ledger FOR VALUES FROM ('2026-04-01') TO ('2026-07-01');

-- yearly
CREATE TABLE app.archive (at timestamp NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.archive_2025 PARTITION OF app.archive FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- integer steps: lower_upper and p<index>
CREATE TABLE app.t (id bigint NOT NULL) PARTITION BY RANGE (id);
CREATE TABLE app.t_0_1000 PARTITION OF app.t FOR VALUES FROM (0) TO (1000);
CREATE TABLE app.t_1000_2000 PARTITION OF app.t FOR VALUES FROM (1000) TO (2000);
CREATE TABLE app.u (id integer NOT NULL) PARTITION BY RANGE (id);
CREATE TABLE app.u_p1 PARTITION OF app.u FOR VALUES FROM (100) TO (200);
CREATE TABLE app.u_p2 PARTITION OF app.u FOR VALUES FROM (200) TO (300);

-- list with a DEFAULT holding NL rows
CREATE TABLE app.orders (id bigint NOT NULL, country text NOT NULL) PARTITION BY LIST (country);
CREATE TABLE app.orders_de PARTITION OF app.orders FOR VALUES IN ('DE');
CREATE TABLE app.orders_north_america PARTITION OF app.orders FOR VALUES IN ('US', 'CA');
CREATE TABLE app.orders_default PARTITION OF app.orders DEFAULT;
INSERT INTO app.orders VALUES (1, 'DE'), (2, 'NL'), (3, 'PL');

-- hash, modulus 4, remainder 2 missing, unlogged
CREATE TABLE app.sessions (id uuid NOT NULL) PARTITION BY HASH (id);
CREATE UNLOGGED TABLE app.sessions_p0 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE UNLOGGED TABLE app.sessions_p1 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE UNLOGGED TABLE app.sessions_p3 PARTITION OF app.sessions FOR VALUES WITH (MODULUS 4, REMAINDER 3);

-- no pattern in the names
CREATE TABLE app.logs (at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.logs_old PARTITION OF app.logs FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');

-- hostile names, yearly, with a DEFAULT
CREATE SCHEMA "Odd ""Schema""";
CREATE TABLE "Odd ""Schema"""."My Events" ("Happened At" timestamptz NOT NULL, "Kind" text)
    PARTITION BY RANGE ("Happened At");
CREATE TABLE "Odd ""Schema"""."My Events 2024" PARTITION OF "Odd ""Schema"""."My Events"
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE "Odd ""Schema"""."My Events 2025" PARTITION OF "Odd ""Schema"""."My Events"
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE "Odd ""Schema"""."My Events (default)" PARTITION OF "Odd ""Schema"""."My Events" DEFAULT;
INSERT INTO "Odd ""Schema"""."My Events" VALUES ('2023-05-01', 'old');
