-- Stage 2 of a catalog read: the exact sizes of a batch of relations whose sizes stage 1 (members.sql with
-- estimate_all) took from pg_class. The same expressions and units as members.sql's exact path, so a measured
-- member is what a one-stage read would have said. Relations no longer there (dropped since stage 1) are left out.
--
-- Parameters, in order:
--   1 the oids to measure (bigint[])
--   2 oids whose size must not be measured (bigint[]): relations under an ACCESS EXCLUSIVE lock held or awaited
--     by another session (locked_relations.sql); pg_table_size would queue behind that lock. They keep their
--     estimate.
SELECT c.oid::bigint                                                  AS oid,
       -- pg_table_size counts the TOAST table and its index; heap_size is the table alone (with FSM and VM).
       pg_table_size(c.oid) - sz.toast_exact                          AS heap_size,
       pg_indexes_size(c.oid)                                         AS index_size,
       sz.toast_exact                                                 AS toast_size
FROM unnest(?::bigint[]) AS batch(oid)
JOIN pg_class c ON c.oid = batch.oid::oid AND c.relkind = 'r'
CROSS JOIN LATERAL (
    SELECT CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END AS toast_exact
    OFFSET 0 -- keeps the subquery from being inlined, so the TOAST size is measured once, not twice
) sz
WHERE NOT (c.oid::bigint = ANY (?::bigint[]))
