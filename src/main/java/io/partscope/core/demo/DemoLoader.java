package io.partscope.core.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo scripts (resources next to this class), statement by statement with autocommit, each script on a
 * fresh connection. Reports every {@code -- step:} to the progress callback.
 */
final class DemoLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    /** The scripts, in load order. */
    static final List<String> SCRIPTS = List.of(
            "00_helpers.sql",
            "10_call_logs.sql",
            "20_events.sql",
            "30_orders.sql",
            "40_metrics_daily.sql",
            "50_sessions.sql",
            "60_sensor_log.sql",
            "70_odd_names.sql",
            "80_maintenance.sql",
            "85_analyze.sql",
            "90_finish.sql");

    /** Opens a new connection to the demo database. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Consumer<String> progress;

    DemoLoader(Connector connector, Consumer<String> progress) {
        this.connector = connector;
        this.progress = progress;
    }

    void loadAll() throws SQLException {
        for (String script : SCRIPTS) {
            run(script, SqlScript.load(script));
        }
    }

    void run(String name, List<SqlScript.Statement> statements) throws SQLException {
        try (Connection c = connector.connect()) {
            c.setAutoCommit(true);
            for (SqlScript.Statement statement : statements) {
                if (statement.step() != null) {
                    progress.accept(statement.step());
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new SQLException("loading the demo data was interrupted");
                }
                long start = System.nanoTime();
                if (statement.gexec()) {
                    for (String generated : query(c, statement.sql())) {
                        execute(c, name, generated);
                    }
                } else {
                    execute(c, name, statement.sql());
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: {} ms for {}", name, (System.nanoTime() - start) / 1_000_000,
                            statement.sql().lines().findFirst().orElse(""));
                }
            }
        }
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void execute(Connection c, String script, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String shortSql = sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
            throw new SQLException("demo script " + script + " failed at: " + shortSql + ": " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }
}
