-- Column statistics straight from pg_statistic (readable by superusers and roles granted SELECT on it).
SELECT st.starelid AS relid, st.staattnum AS attnum, st.stanullfrac AS null_frac, st.stawidth AS avg_width
FROM pg_statistic st
WHERE NOT st.stainherit AND st.starelid IN (SELECT relid FROM members)
