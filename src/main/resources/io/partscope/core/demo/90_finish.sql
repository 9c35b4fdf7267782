-- step: Cleaning up load helpers
DROP PROCEDURE partscope_demo.load_call_logs(integer, integer, integer);
DROP PROCEDURE partscope_demo.load_events(integer, integer, integer);
DROP PROCEDURE partscope_demo.burn_xids(integer);
