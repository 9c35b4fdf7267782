-- shop.orders: LIST on country. NL, PL and BE have no partition: their orders land in the DEFAULT partition.
-- step: Creating shop.orders (list by country, default with stray rows)
CREATE SCHEMA shop;

CREATE TABLE shop.orders (
    order_id    bigserial,
    country     text NOT NULL,
    placed_at   timestamptz NOT NULL,
    customer_id integer NOT NULL,
    total       numeric(10, 2) NOT NULL,
    status      text NOT NULL,
    PRIMARY KEY (order_id, country)
) PARTITION BY LIST (country);

CREATE INDEX orders_customer_idx ON shop.orders (customer_id);

CREATE TABLE shop.orders_de PARTITION OF shop.orders FOR VALUES IN ('DE');
CREATE TABLE shop.orders_fr PARTITION OF shop.orders FOR VALUES IN ('FR');
CREATE TABLE shop.orders_gb PARTITION OF shop.orders FOR VALUES IN ('GB');
CREATE TABLE shop.orders_north_america PARTITION OF shop.orders FOR VALUES IN ('US', 'CA');
CREATE TABLE shop.orders_es_it PARTITION OF shop.orders FOR VALUES IN ('ES', 'IT');
CREATE TABLE shop.orders_default PARTITION OF shop.orders DEFAULT;

-- step: Loading shop.orders
INSERT INTO shop.orders (country, placed_at, customer_id, total, status)
SELECT CASE WHEN r < 0.30 THEN 'DE' WHEN r < 0.45 THEN 'FR' WHEN r < 0.57 THEN 'GB' WHEN r < 0.72 THEN 'US'
            WHEN r < 0.77 THEN 'CA' WHEN r < 0.84 THEN 'ES' WHEN r < 0.90 THEN 'IT'
            WHEN r < 0.95 THEN 'NL' WHEN r < 0.98 THEN 'PL' ELSE 'BE' END,
       now() - (random() * interval '365 days'),
       (random() * 20000)::int + 1,
       round((random() * 480 + 9.99)::numeric, 2),
       CASE WHEN random() < 0.12 THEN 'cancelled' ELSE 'shipped' END
FROM (SELECT g, random() AS r FROM generate_series(1, 12000) AS g) AS src;
