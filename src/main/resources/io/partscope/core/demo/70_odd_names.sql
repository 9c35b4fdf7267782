-- Names that need quoting: a schema and tables with spaces, capitals and a double quote.
-- step: Creating "Odd Schema"."My Events" (names that need quoting)
CREATE SCHEMA "Odd Schema";

CREATE TABLE "Odd Schema"."My Events" (
    "Event Id"    bigint NOT NULL,
    "Happened At" timestamptz NOT NULL,
    "Kind"        text NOT NULL
) PARTITION BY RANGE ("Happened At");

CREATE TABLE "Odd Schema"."My Events 2024" PARTITION OF "Odd Schema"."My Events"
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE "Odd Schema"."My Events 2025" PARTITION OF "Odd Schema"."My Events"
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE "Odd Schema"."my events ""2026""" PARTITION OF "Odd Schema"."My Events"
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE "Odd Schema"."My Events (default)" PARTITION OF "Odd Schema"."My Events" DEFAULT;

INSERT INTO "Odd Schema"."My Events" ("Event Id", "Happened At", "Kind")
SELECT g, timestamptz '2023-06-01' + g * interval '1 day', (ARRAY['Start', 'Stop', 'Pause'])[1 + g % 3]
FROM generate_series(0, 1199) AS g;
