-- On-disk sizes of the given relations (parameter: bigint[] of oids). pg_table_size includes the TOAST table and
-- its index, so the heap alone is table_size - toast_size.
SELECT c.oid::bigint                                              AS oid,
       pg_table_size(c.oid)                                       AS table_size,
       pg_indexes_size(c.oid)                                     AS index_size,
       CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END AS toast_size
FROM pg_class c
WHERE c.oid::bigint = ANY (?::bigint[])
