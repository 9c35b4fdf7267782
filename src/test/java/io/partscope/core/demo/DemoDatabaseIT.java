package io.partscope.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.cli.CliContext;
import io.partscope.cli.PartscopeCommand;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo database on a real server (failsafe runs this on PostgreSQL 18 and 14). One load is shared by the
 * catalog checks; the lifecycle tests at the end (reuse, rebuild of an interrupted load, reset) run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDatabaseIT {

    @TempDir
    static Path folder;

    private DemoDatabase demo;
    private DemoInfo firstStart;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    void loadTheDemoOnce() throws Exception {
        demo = new DemoDatabase(folder, 0);
        firstStart = demo.start(false, progress::add);
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    // ---- the first load ----

    @Test
    @Order(1)
    void firstStartLoadsTheDataAndReportsItsSteps() {
        assertTrue(firstStart.loadedNow());
        assertEquals(DemoDatabase.DATA_VERSION, firstStart.dataVersion());
        // How long the load takes is a benchmark figure (docs/performance.md), not a test: it depends on the machine.
        assertTrue(firstStart.loadTime().compareTo(Duration.ZERO) > 0, "load took " + firstStart.loadTime());
        assertTrue(progress.contains("Loading telephony.call_logs (105 weeks, spreading XID ages)"), progress.toString());
        assertTrue(progress.get(progress.size() - 1).startsWith("Demo data loaded in"), progress.toString());
        assertTrue(folder.resolve("pgdata").resolve("PG_VERSION").toFile().isFile(), "the cluster lives in the folder");
    }

    @Test
    @Order(1)
    void urlAndConnectionSettingsPointAtTheDemoDatabase() throws SQLException {
        assertEquals("postgresql://postgres@127.0.0.1:" + demo.port() + "/partscope_demo", demo.url());
        ConnectionSettings settings = demo.connectionSettings();
        assertEquals("partscope_demo", settings.database());
        assertEquals(demo.port(), settings.port());
        assertEquals("partscope_demo", queryString("SELECT current_database()"));
    }

    @Test
    @Order(1)
    void everySetExistsWithItsStrategyAndPartitionCount() throws SQLException {
        Map<String, String> strategies = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pt.partrelid::regclass::text, pt.partstrat::text"
                        + " FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid"
                        + " WHERE NOT c.relispartition ORDER BY 1")) {
            while (rs.next()) {
                strategies.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(Map.of("telephony.call_logs", "r", "events", "r", "shop.orders", "l", "metrics_daily", "r",
                "sessions", "h", "\"Odd Schema\".\"My Events\"", "r"), strategies);

        assertEquals(105, leafCount("telephony.call_logs"));
        assertEquals(24, queryLong("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass"));
        assertEquals(24, queryLong("SELECT count(*) FROM pg_partitioned_table pt JOIN pg_inherits i"
                + " ON i.inhrelid = pt.partrelid WHERE i.inhparent = 'events'::regclass AND pt.partstrat = 'l'"),
                "every month is sub-partitioned by LIST");
        assertEquals(96, leafCount("events"), "24 months x (eu, us, apac, default)");
        assertEquals(24, queryLong("SELECT count(*) FROM pg_partition_tree('events') t JOIN pg_class c"
                + " ON c.oid = t.relid WHERE pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'"));
        assertEquals(6, leafCount("shop.orders"));
        assertEquals(401, leafCount("metrics_daily"), "400 days and a default");
        assertEquals(8, leafCount("sessions"));
        assertEquals(8, queryLong("SELECT count(*) FROM pg_partition_tree('sessions') t JOIN pg_class c"
                + " ON c.oid = t.relid WHERE t.isleaf AND c.relpersistence = 'u'"
                + " AND pg_get_expr(c.relpartbound, c.oid) ILIKE '%modulus 8,%'"), "unlogged hash partitions");
        assertEquals(4, leafCount("\"Odd Schema\".\"My Events\""));
        assertEquals("call_logs_2025w19".length(), queryString("SELECT min(c.relname) FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telephony.call_logs'::regclass").length(),
                "weekly partitions are named like call_logs_2025w19");
        assertTrue(queryLong("SELECT count(*) FROM telephony.call_logs") > 10_000);
        assertTrue(queryLong("SELECT count(*) FROM (SELECT tableoid FROM telephony.call_logs GROUP BY 1) t") >= 100,
                "most weekly partitions hold rows");
    }

    @Test
    @Order(1)
    void defaultPartitionsHoldRowsThatHaveNoPartitionOfTheirOwn() throws SQLException {
        assertEquals(List.of("BE", "NL", "PL"), queryStrings("SELECT DISTINCT country FROM shop.orders_default ORDER BY 1"));
        long metricsInDefault = queryLong("SELECT count(*) FROM public.metrics_daily_default");
        assertTrue(metricsInDefault > 0);
        assertEquals(metricsInDefault, queryLong("SELECT count(*) FROM public.metrics_daily_default"
                + " WHERE recorded_at >= current_date - 9"), "the default holds the last ten days, which have no partition");
        assertTrue(queryLong("SELECT count(*) FROM pg_partition_tree('events') t JOIN pg_class c ON c.oid = t.relid"
                + " WHERE c.relname LIKE '%\\_default' AND (SELECT count(*) FROM events e WHERE e.tableoid = t.relid) > 0") >= 20,
                "the region defaults of past months hold rows");
        assertTrue(queryLong("SELECT count(*) FROM \"Odd Schema\".\"My Events (default)\"") > 0);
    }

    @Test
    @Order(1)
    void someLeavesHaveDeadTuplesBecauseAutovacuumIsOffOnThem() throws Exception {
        // PostgreSQL 14 reports statistics through the collector, a moment later: wait a little for them.
        long deadLeaves = 0;
        for (int attempt = 0; attempt < 50 && deadLeaves < 8; attempt++) {
            deadLeaves = queryLong("SELECT count(*) FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                    + " WHERE s.n_dead_tup > 0 AND 'autovacuum_enabled=false' = ANY (c.reloptions)");
            if (deadLeaves < 8) {
                Thread.sleep(200);
            }
        }
        assertTrue(deadLeaves >= 8, "leaves with dead tuples and autovacuum off: " + deadLeaves);
        assertTrue(queryLong("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid = 'shop.orders_de'::regclass") > 500);
        assertEquals(0, queryLong("SELECT count(*) FROM pg_stat_user_tables WHERE relid = 'shop.orders_fr'::regclass"
                + " AND (last_vacuum IS NULL OR n_dead_tup > 0)"), "orders_fr was vacuumed after its purge");
    }

    @Test
    @Order(1)
    void oldCallLogPartitionsHaveAClearlyLargerXidAgeThanNewOnes() throws SQLException {
        List<Long> ages = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT age(c.relfrozenxid) FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telephony.call_logs'::regclass"
                        + " ORDER BY (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)'))[1]::timestamptz")) {
            while (rs.next()) {
                ages.add(rs.getLong(1));
            }
        }
        assertEquals(105, ages.size());
        long oldest = ages.get(0);
        long newest = ages.get(ages.size() - 1);
        assertTrue(oldest > newest + 500_000, "oldest week's age " + oldest + ", newest week's " + newest);
        long frozenThisWeek = ages.get(100);
        assertTrue(frozenThisWeek < 50_000, "this week was frozen by VACUUM FREEZE: age " + frozenThisWeek);
        assertTrue(queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'telephony'::regnamespace"
                + " AND 'autovacuum_freeze_max_age=100000000' = ANY (reloptions)") >= 1);
    }

    @Test
    @Order(1)
    void inheritanceParentHoldsRowsAndHasAChainOfChildren() throws SQLException {
        assertEquals(0, queryLong("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'iot.sensor_log'::regclass"));
        assertTrue(queryLong("SELECT count(*) FROM ONLY iot.sensor_log") > 0, "the parent holds rows itself");
        assertEquals(9, queryLong("SELECT count(*) FROM pg_inherits WHERE inhparent = 'iot.sensor_log'::regclass"));
        assertEquals("iot.sensor_log_2023", queryString("SELECT inhparent::regclass::text FROM pg_inherits"
                + " WHERE inhrelid = 'iot.sensor_log_2023_h2'::regclass"), "a child of a child");
        assertEquals(List.of("iot.sensor_log", "iot.sensor_notes"), queryStrings("SELECT inhparent::regclass::text"
                + " FROM pg_inherits WHERE inhrelid = 'iot.sensor_log_manual'::regclass ORDER BY inhseqno"));
        assertTrue(queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'c'"
                + " AND conrelid = 'iot.sensor_log_2022'::regclass") >= 1, "children carry CHECK constraints");
        assertTrue(queryLong("SELECT count(*) FROM iot.sensor_log_2023_h2") > 0);
    }

    // ---- lifecycle: these restart the server, in order ----

    @Test
    @Order(10)
    void secondStartFromTheSameFolderReusesTheDataAndTakesAnotherPortWhenThePreferredOneIsBusy() throws Exception {
        demo.close();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            demo = new DemoDatabase(folder, busy.getLocalPort());
            DemoInfo second = demo.start(false, progress::add);
            assertFalse(second.loadedNow(), "reused, not reloaded");
            assertEquals(firstStart.loadedAt(), second.loadedAt());
            assertNotEquals(busy.getLocalPort(), demo.port());
        }
        assertEquals(105, leafCount("telephony.call_logs"));
    }

    @Test
    @Order(11)
    void aLoadWithoutItsCompletionMarkerIsRebuiltOnTheNextStart() throws Exception {
        // What a load killed half-way leaves behind: the data without the marker the loader writes last.
        exec("DROP TABLE partscope_demo.demo_info");
        exec("DROP TABLE shop.orders");
        demo.close();
        demo = new DemoDatabase(folder, 0);
        DemoInfo rebuilt = demo.start(false, progress::add);
        assertTrue(rebuilt.loadedNow());
        assertTrue(rebuilt.loadedAt().isAfter(firstStart.loadedAt()));
        assertEquals(6, leafCount("shop.orders"));
    }

    @Test
    @Order(12)
    void resetWipesTheClusterAndLoadsAgain() throws Exception {
        exec("CREATE TABLE public.left_over_by_the_user (x int)");
        Instant before = demo.info().loadedAt();
        demo.close();
        demo = new DemoDatabase(folder, 0);
        DemoInfo reset = demo.start(true, progress::add);
        assertTrue(reset.loadedNow());
        assertTrue(reset.loadedAt().isAfter(before));
        assertEquals(0, queryLong("SELECT count(*) FROM pg_class WHERE relname = 'left_over_by_the_user'"));
        assertEquals(105, leafCount("telephony.call_logs"));
    }

    @Test
    @Order(13)
    void aSecondDemoOnTheSameFolderIsRefusedWhileTheFirstRuns() {
        DemoDatabase other = new DemoDatabase(folder, 0);
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.partscope.core.db.PartscopeException.class,
                () -> other.start(false, progress::add));
        assertEquals(io.partscope.core.db.ErrorKind.OPERATION_REFUSED, e.kind());
        assertTrue(e.getMessage().contains(demo.url()), e.getMessage());
        assertTrue(demo.isRunning(), "the running demo is left alone");
    }

    @Test
    @Order(14)
    void demoCommandPrintsTheUrlOnStdoutAndStopsWithExitAfterStart() {
        demo.close();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                new Environment(Map.of(), folder));
        int exit = PartscopeCommand.run(new String[] {"demo", "--data-dir", folder.toString(), "--port", "0",
            "--exit-after-start"}, context);
        assertEquals(0, exit, err.toString());
        String[] lines = out.toString().split("\\R");
        assertEquals(1, lines.length, out.toString());
        assertTrue(lines[0].matches("postgresql://postgres@127\\.0\\.0\\.1:\\d+/partscope_demo"), lines[0]);
        assertTrue(err.toString().contains("try: partscope tree --url " + lines[0]), err.toString());
        assertTrue(err.toString().contains("Reusing the demo data"), err.toString());
    }

    // ---- helpers ----

    private Connection connect() throws SQLException {
        ConnectionSettings settings = demo.connectionSettings();
        return DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcProperties());
    }

    private long leafCount(String table) throws SQLException {
        return queryLong("SELECT count(*) FROM pg_partition_tree('" + table.replace("'", "''") + "') WHERE isleaf");
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryString(sql));
    }

    private String queryString(String sql) throws SQLException {
        List<String> rows = queryStrings(sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private List<String> queryStrings(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
