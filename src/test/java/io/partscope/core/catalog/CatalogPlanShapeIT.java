package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.core.db.SqlResource;
import io.partscope.core.explain.Explainer;
import io.partscope.support.TestPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalog queries of the reader, the details pane and EXPLAIN stay linear in the number of relations whatever
 * the statistics of the catalogs say. On a flat set (one parent, so pg_inherits.inhparent has one distinct value
 * once analyzed), a two-level and a three-level set, with catalogs never analyzed and then analyzed, each query runs
 * under {@code EXPLAIN (ANALYZE, FORMAT JSON)} and no scan of a catalog may be run once per relation or read more
 * rows than a few passes over that catalog. The quadratic plan this catches: a correlated
 * {@code EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = c.oid)} run as a sequential scan for every pg_class row
 * (2.4 s at 10,000 partitions, minutes at 100,000). Plan shapes, not times: no timing threshold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogPlanShapeIT {
    private static final TestPostgres PG = TestPostgres.get();
    /** Enough partitions that a per-relation scan of pg_inherits reads a hundred times what a linear plan does. */
    private static final int FLAT_PARTITIONS = 1000;
    /** A sequential scan of pg_inherits or pg_class run more often than this is run once per relation. */
    private static final int MAX_LOOPS = 100;
    /**
     * Rows a scan node may read in all: this many passes over its catalog (a recursive walk reads one per level) or
     * this many rows per relation (an index probe per member).
     */
    private static final int MAX_PASSES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private String flat;
    private String twoLevel;
    private String deep;

    @BeforeAll
    void createSets() {
        flat = PG.newDatabase("plan_flat");
        PG.exec(flat, "CREATE TABLE calls (id bigint, at timestamptz NOT NULL, note text) PARTITION BY RANGE (at)");
        for (int from = 0; from < FLAT_PARTITIONS; from += 500) {
            // hourly partitions, 500 to a transaction (each CREATE takes locks until commit)
            PG.exec(flat, "DO $$ BEGIN FOR g IN " + from + ".." + (from + 499) + " LOOP EXECUTE format("
                    + "'CREATE TABLE calls_%s PARTITION OF calls FOR VALUES FROM (%L) TO (%L)', g,"
                    + " timestamptz '2026-01-01 00:00+00' + g * interval '1 hour',"
                    + " timestamptz '2026-01-01 00:00+00' + (g + 1) * interval '1 hour'); END LOOP; END $$");
        }
        PG.exec(flat, "INSERT INTO calls SELECT g, timestamptz '2026-01-01 00:00+00' + g * interval '1 hour', 'x'"
                + " FROM generate_series(0, " + (FLAT_PARTITIONS - 1) + ") g");

        twoLevel = PG.newDatabase("plan_two_level");
        PG.exec(twoLevel, "CREATE TABLE metrics (id bigint NOT NULL, v int) PARTITION BY RANGE (id)",
                "DO $$ BEGIN FOR m IN 0..19 LOOP"
                        + " EXECUTE format('CREATE TABLE metrics_%s PARTITION OF metrics FOR VALUES FROM (%s) TO (%s)"
                        + " PARTITION BY RANGE (id)', m, m * 50, (m + 1) * 50);"
                        + " FOR d IN 0..49 LOOP EXECUTE format('CREATE TABLE metrics_%s_%s PARTITION OF metrics_%s"
                        + " FOR VALUES FROM (%s) TO (%s)', m, d, m, m * 50 + d, m * 50 + d + 1); END LOOP;"
                        + " END LOOP; END $$",
                "INSERT INTO metrics SELECT g, g FROM generate_series(0, 999) g",
                // an inheritance set too: its parent is a plain table, found only through pg_inherits
                "CREATE TABLE legacy (id bigint)",
                "DO $$ BEGIN FOR g IN 0..49 LOOP EXECUTE format('CREATE TABLE legacy_%s () INHERITS (legacy)', g);"
                        + " END LOOP; END $$");

        deep = PG.newDatabase("plan_deep");
        PG.exec(deep, "CREATE TABLE events (id bigint NOT NULL, payload text) PARTITION BY RANGE (id)",
                "DO $$ BEGIN FOR y IN 0..3 LOOP"
                        + " EXECUTE format('CREATE TABLE events_%s PARTITION OF events FOR VALUES FROM (%s) TO (%s)"
                        + " PARTITION BY RANGE (id)', y, y * 240, (y + 1) * 240);"
                        + " FOR m IN 0..5 LOOP"
                        + " EXECUTE format('CREATE TABLE events_%s_%s PARTITION OF events_%s FOR VALUES FROM (%s) TO"
                        + " (%s) PARTITION BY RANGE (id)', y, m, y, y * 240 + m * 40, y * 240 + (m + 1) * 40);"
                        + " FOR d IN 0..39 LOOP EXECUTE format('CREATE TABLE events_%s_%s_%s PARTITION OF"
                        + " events_%s_%s FOR VALUES FROM (%s) TO (%s)', y, m, d, y, m, y * 240 + m * 40 + d,"
                        + " y * 240 + m * 40 + d + 1); END LOOP;"
                        + " END LOOP; END LOOP; END $$",
                "INSERT INTO events SELECT g, 'p' FROM generate_series(0, 959) g");
    }

    @Test
    void flatSetOfOneParentIsReadWithoutAPerRelationScan() throws Exception {
        assertLinearBeforeAndAfterAnalyze(flat, "public.calls", "public.calls_1234");
    }

    @Test
    void twoLevelSetIsReadWithoutAPerRelationScan() throws Exception {
        assertLinearBeforeAndAfterAnalyze(twoLevel, "public.metrics", "public.metrics_7_7");
    }

    @Test
    void threeLevelSetIsReadWithoutAPerRelationScan() throws Exception {
        assertLinearBeforeAndAfterAnalyze(deep, "public.events", "public.events_2_3_4");
    }

    /** Every query as the catalogs come (never analyzed), then after ANALYZE of the catalogs. */
    private void assertLinearBeforeAndAfterAnalyze(String db, String root, String leaf) throws Exception {
        assertThat(PG.queryString(db, "SELECT count(*) FROM pg_stats WHERE tablename = 'pg_inherits'"))
                .as("pg_inherits of a new database has no statistics yet").isEqualTo("0");
        List<String> problems = new ArrayList<>(problems(db, root, leaf, "never analyzed"));
        PG.exec(db, "ANALYZE pg_catalog.pg_class, pg_catalog.pg_inherits, pg_catalog.pg_namespace,"
                + " pg_catalog.pg_attribute, pg_catalog.pg_index, pg_catalog.pg_statistic");
        problems.addAll(problems(db, root, leaf, "analyzed"));
        assertThat(problems).isEmpty();
    }

    private List<String> problems(String db, String root, String leaf, String state) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Connection c = PG.superuserConnection(db)) {
            int version = Integer.parseInt(PG.queryString(db, "SHOW server_version_num"));
            long rootOid = oid(c, root);
            long leafOid = oid(c, leaf);
            Array allRelations = c.createArrayOf("oid", oids(c).toArray());
            Array rootOnly = c.createArrayOf("oid", new Object[] {rootOid});
            Array noLocks = c.createArrayOf("bigint", new Object[0]);
            String leaves = catalogSql(Explainer.class, "leaves.sql").replace("/*NOT_DETACH_PENDING*/",
                    version >= 140000 ? "NOT i.inhdetachpending AND" : "");
            String[] parts = leaf.split("\\.");

            Map<String, Object[]> queries = new java.util.LinkedHashMap<>();
            queries.put("members.sql (pg_statistic)", new Object[] {CatalogReader.membersQuery(version, true),
                null, NULL_BIGINT_ARRAY, false, noLocks});
            queries.put("members.sql (pg_stats)", new Object[] {CatalogReader.membersQuery(version, false),
                null, NULL_BIGINT_ARRAY, false, noLocks});
            // stage 1 of a read: every size estimated from pg_class (the app's first read)
            queries.put("members.sql (sizes estimated)", new Object[] {CatalogReader.membersQuery(version, true),
                null, NULL_BIGINT_ARRAY, true, noLocks});
            // the app's very first read: one line per set, before any member (SetSummaryReader)
            queries.put("set_summaries.sql", new Object[] {SetSummaryReader.query(version), null});
            // the first screen of a selected set: its root's direct children with their roll-ups (FirstLevelReader)
            queries.put("first_level.sql", new Object[] {FirstLevelReader.query(version), rootOid});
            queries.put("sizes.sql (stage 2, every relation)", new Object[] {catalogSql(CatalogReader.class,
                "sizes.sql"), c.createArrayOf("bigint", oids(c).toArray()), noLocks});
            queries.put("members.sql (one set)", new Object[] {CatalogReader.membersQuery(version, true), "public",
                c.createArrayOf("bigint", new Object[] {rootOid}), false, noLocks});
            queries.put("resolve_table.sql (a leaf)", new Object[] {catalogSql(CatalogReader.class,
                "resolve_table.sql"), leaf});
            queries.put("resolve_table.sql (the root)", new Object[] {catalogSql(CatalogReader.class,
                "resolve_table.sql"), root});
            queries.put("member_relation.sql", new Object[] {catalogSql(CatalogReader.class, "member_relation.sql"),
                parts[0], parts[1], false});
            queries.put("member_columns.sql", new Object[] {catalogSql(CatalogReader.class, "member_columns.sql"),
                false, leafOid});
            queries.put("member_indexes.sql", new Object[] {catalogSql(CatalogReader.class, "member_indexes.sql"),
                false, leafOid});
            queries.put("member_constraints.sql", new Object[] {catalogSql(CatalogReader.class,
                "member_constraints.sql"), leafOid});
            queries.put("databases.sql", new Object[] {catalogSql(CatalogReader.class, "databases.sql")});
            queries.put("locked_relations.sql", new Object[] {catalogSql(CatalogReader.class,
                "locked_relations.sql")});
            // EXPLAIN of a query that scans every leaf passes every relation it locked
            queries.put("explain/targets.sql", new Object[] {catalogSql(Explainer.class, "targets.sql"),
                allRelations});
            queries.put("explain/leaves.sql", new Object[] {leaves, rootOnly});
            queries.put("explain/partition_keys.sql", new Object[] {catalogSql(Explainer.class,
                "partition_keys.sql"), rootOnly});
            queries.put("explain/relation_lock_modes.sql", new Object[] {catalogSql(Explainer.class,
                "relation_lock_modes.sql")});

            Map<String, Long> catalogRows = new HashMap<>();
            for (Map.Entry<String, Object[]> q : queries.entrySet()) {
                Object[] spec = q.getValue();
                JsonNode plan = explainAnalyze(c, (String) spec[0], java.util.Arrays.copyOfRange(spec, 1,
                        spec.length));
                check(c, plan.path("Plan"), q.getKey() + " (" + state + ")", catalogRows, problems);
            }
        }
        return problems;
    }

    /** A bigint[] NULL parameter (members.sql's root filter when every set is read). */
    private static final Object NULL_BIGINT_ARRAY = new Object();

    private static String catalogSql(Class<?> owner, String file) {
        return SqlResource.load(owner, file);
    }

    private static JsonNode explainAnalyze(Connection c, String sql, Object[] params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == NULL_BIGINT_ARRAY) {
                    ps.setNull(i + 1, Types.ARRAY);
                } else if (p == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return JSON.readTree(rs.getString(1)).get(0);
            }
        }
    }

    /** Walks the plan (subplans and init plans are children too) and records every scan that is not linear. */
    private static void check(Connection c, JsonNode node, String query, Map<String, Long> catalogRows,
            List<String> problems) throws SQLException {
        String relation = node.path("Relation Name").asText("");
        if (relation.startsWith("pg_")) {
            double loops = node.path("Actual Loops").asDouble();
            double perLoop = node.path("Actual Rows").asDouble() + node.path("Rows Removed by Filter").asDouble()
                    + node.path("Rows Removed by Index Recheck").asDouble();
            double visited = loops * perLoop;
            long rows = catalogRows.computeIfAbsent(relation, r -> count(c, r));
            long relations = catalogRows.computeIfAbsent("pg_class", r -> count(c, r));
            String type = node.path("Node Type").asText();
            String where = String.format(Locale.ROOT, "%s: %s on %s, %.0f loops, %.0f rows read (%d in the catalog,"
                    + " %d relations)", query, type, relation, loops, visited, rows, relations);
            long members = catalogRows.computeIfAbsent("pg_inherits", r -> count(c, r));
            if (type.equals("Seq Scan") && loops > MAX_LOOPS
                    && (relation.equals("pg_inherits") || relation.equals("pg_class"))) {
                problems.add(where + ": a sequential scan run once per relation");
            } else if (query.startsWith("set_summaries.sql") && loops > MAX_LOOPS && loops > members / 2.0) {
                // The first read of the app joins whole catalogs only: a probe per member (the TOAST table's row
                // looked up in pg_class's index, 100,001 loops at 100,000 partitions) was most of its time.
                problems.add(where + ": a catalog probed once per member");
            } else if (visited > (double) MAX_PASSES * Math.max(rows, relations) + 1000) {
                problems.add(where + ": more rows than " + MAX_PASSES + " passes over the catalog");
            }
        }
        for (JsonNode child : node.path("Plans")) {
            check(c, child, query, catalogRows, problems);
        }
    }

    private static long count(Connection c, String catalog) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog." + catalog)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // a view's name (pg_stats, pg_locks) is not a scan target; views are expanded in the plan anyway
            return Long.MAX_VALUE / 100;
        }
    }

    private static long oid(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid::bigint")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every table of the database's sets: what EXPLAIN of a query scanning every leaf has locked. */
    private static List<Long> oids(Connection c) throws SQLException {
        List<Long> oids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")) {
            while (rs.next()) {
                oids.add(rs.getLong(1));
            }
        }
        return oids;
    }
}
