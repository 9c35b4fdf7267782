-- Statistics for every table, so row estimates and bloat estimates have something to work with.
-- step: Collecting statistics (ANALYZE)
ANALYZE;

-- A few more transactions after the freeze, so even frozen partitions show a small age.
CALL partscope_demo.burn_xids(20000);
