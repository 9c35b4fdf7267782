package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader against every kind of partition set, on a real server. */
class CatalogReaderIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;
    private static Database database;
    private static CatalogSnapshot snapshot;

    @BeforeAll
    static void load() throws PartscopeException {
        db = PG.newDatabase("catalog");
        Fixtures.loadPartitionSets(PG, db);
        PG.awaitTrue(db, "SELECT (SELECT n_dead_tup > 0 FROM pg_stat_user_tables WHERE relname = 'events_2026_01_eu')"
                + " AND (SELECT n_live_tup = 500 FROM pg_stat_user_tables WHERE relname = 'sensor_log_2025_q4')"
                + " AND (SELECT sum(n_live_tup) = 100 FROM pg_stat_user_tables WHERE schemaname = 'Odd \"Schema\". x')");
        // Analyze again now that every count has landed (PG 14's collector is asynchronous: a count arriving after
        // an ANALYZE is added to n_mod_since_analyze), and wait until the reset is visible.
        PG.exec(db, "ANALYZE app.events_2026_01_eu", "ANALYZE app.events_default");
        PG.awaitTrue(db, "SELECT bool_and(n_mod_since_analyze = 0) FROM pg_stat_user_tables"
                + " WHERE relname IN ('events_2026_01_eu', 'events_default')");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
        snapshot = new CatalogReader(database).read(CatalogFilter.ALL, null);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static PartitionSet set(CatalogSnapshot s, String schema, String name) {
        return s.roots().stream().filter(r -> r.schema().equals(schema) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no set " + schema + "." + name + " in " + names(s)));
    }

    static PartitionMember member(PartitionSet set, String name) {
        return set.partitions().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no member " + name + " in " + set.name()));
    }

    static List<String> names(CatalogSnapshot s) {
        return s.roots().stream().map(r -> r.relationName().qualified()).toList();
    }

    @Test
    void rootsAreTheTopmostPartitionedTablesAndInheritanceParents() {
        assertThat(names(snapshot)).containsExactly(
                "\"Odd \"\"Schema\"\". x\".\"My \"\"Events\"\"; DROP TABLE x;\"",
                "app.calibration", "app.empty_set", "app.events", "app.imports", "app.logs", "app.readings",
                "app.sensor_log", "app.sessions");
    }

    @Test
    void subPartitionedMemberCarriesItsOwnKeyAndRollsUpItsLeaves() {
        PartitionSet events = set(snapshot, "app", "events");
        assertThat(events.kind()).isEqualTo(SetKind.DECLARATIVE);
        assertThat(events.strategy()).isEqualTo(Strategy.RANGE);
        assertThat(events.partitionKey()).isEqualTo("RANGE (occurred_at)");
        PartitionMember jan = member(events, "events_2026_01");
        assertThat(jan.level()).isEqualTo(1);
        assertThat(jan.isLeaf()).isFalse();
        assertThat(jan.partitionKey()).isEqualTo("LIST (region)");
        assertThat(jan.totalBytes()).isZero();
        assertThat(jan.xidAge()).isNull();
        assertThat(jan.totals().leafCount()).isEqualTo(3);
        PartitionMember eu = member(events, "events_2026_01_eu");
        assertThat(eu.level()).isEqualTo(2);
        assertThat(eu.parentName()).isEqualTo("events_2026_01");
        assertThat(eu.bound()).isEqualTo("FOR VALUES IN ('eu')");
        long leafBytes = events.partitions().stream().filter(PartitionMember::isLeaf)
                .mapToLong(PartitionMember::totalBytes).sum();
        assertThat(events.totals().totalBytes()).isEqualTo(leafBytes).isPositive();
        assertThat(events.totals().partitionCount()).isEqualTo(6);
        assertThat(events.totals().leafCount()).isEqualTo(5);
    }

    @Test
    void membersAreInTreeOrderWithTheDefaultLast() {
        List<String> order = set(snapshot, "app", "events").partitions().stream().map(PartitionMember::name)
                .toList();
        assertThat(order).containsExactly("events_2026_01", "events_2026_01_eu", "events_2026_01_us",
                "events_2026_01_default", "events_2026_02", "events_default");
    }

    @Test
    void defaultPartitionIsFlaggedAndItsRowsAreCounted() throws Exception {
        PartitionSet events = set(snapshot, "app", "events");
        PartitionMember def = member(events, "events_default");
        assertThat(def.isDefault()).isTrue();
        assertThat(def.bound()).isEqualTo("DEFAULT");
        assertThat(events.totals().defaultPartitions()).isEqualTo(2);
        assertThat(events.totals().defaultRows()).isPositive().isEqualTo(count(
                "SELECT (SELECT count(*) FROM app.events_default) + (SELECT count(*) FROM app.events_2026_01_default)"));
    }

    static long count(String sql) throws java.sql.SQLException {
        try (var c = PG.superuserConnection(db); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void partitionInAnotherSchemaThanItsParentIsFound() {
        PartitionMember feb = member(set(snapshot, "app", "events"), "events_2026_02");
        assertThat(feb.schema()).isEqualTo("archive");
        assertThat(feb.parentSchema()).isEqualTo("app");
    }

    @Test
    void hashSetWithAnUnloggedMember() {
        PartitionSet sessions = set(snapshot, "app", "sessions");
        assertThat(sessions.strategy()).isEqualTo(Strategy.HASH);
        assertThat(member(sessions, "sessions_3").persistence()).isEqualTo(Persistence.UNLOGGED);
        assertThat(member(sessions, "sessions_0").persistence()).isEqualTo(Persistence.PERMANENT);
        assertThat(member(sessions, "sessions_2").bound()).isEqualTo("FOR VALUES WITH (modulus 4, remainder 2)");
    }

    @Test
    void multiColumnRangeBoundsAndPerPartitionFreezeMaxAge() {
        PartitionSet readings = set(snapshot, "app", "readings");
        assertThat(readings.partitionKey()).isEqualTo("RANGE (site, day)");
        PartitionMember high = member(readings, "readings_high");
        assertThat(high.bound()).isEqualTo("FOR VALUES FROM (100, MINVALUE) TO (MAXVALUE, MAXVALUE)");
        assertThat(high.freezeMaxAge()).isEqualTo(100_000_000L);
        assertThat(high.reloptions()).contains("autovacuum_freeze_max_age=100000000");
        assertThat(member(readings, "readings_low").freezeMaxAge()).isEqualTo(snapshot.autovacuumFreezeMaxAge());
    }

    @Test
    void expressionKeyIsShownAsTheServerWritesIt() {
        PartitionSet logs = set(snapshot, "app", "logs");
        assertThat(logs.strategy()).isEqualTo(Strategy.LIST);
        assertThat(logs.partitionKey()).isEqualTo("LIST (lower(\"left\"(msg, 1)))");
    }

    @Test
    void partitionedTableWithoutPartitionsIsAnEmptySet() {
        PartitionSet empty = set(snapshot, "app", "empty_set");
        assertThat(empty.partitions()).isEmpty();
        assertThat(empty.totals().leafCount()).isZero();
    }

    @Test
    void foreignMemberHasNoStorageNumbers() {
        PartitionMember remote = member(set(snapshot, "app", "imports"), "imports_remote");
        assertThat(remote.relkind()).isEqualTo(RelKind.FOREIGN_TABLE);
        assertThat(remote.isLeaf()).isTrue();
        assertThat(remote.totalBytes()).isZero();
        assertThat(remote.xidAge()).isNull();
        assertThat(remote.bloatStatus()).isEqualTo(BloatStatus.NOT_APPLICABLE);
    }

    @Test
    void inheritanceSetCountsTheParentsOwnRowsAndFollowsTheChain() {
        PartitionSet log = set(snapshot, "app", "sensor_log");
        assertThat(log.kind()).isEqualTo(SetKind.INHERITANCE);
        assertThat(log.strategy()).isNull();
        assertThat(log.partitionKey()).isNull();
        assertThat(log.rootMember().liveTuples()).isEqualTo(2);
        assertThat(log.totals().liveTuples()).isEqualTo(2 + 1 + 500);
        PartitionMember q4 = member(log, "sensor_log_2025_q4");
        assertThat(q4.level()).isEqualTo(2);
        assertThat(q4.parentName()).isEqualTo("sensor_log_2025");
        PartitionMember year = member(log, "sensor_log_2025");
        assertThat(year.isLeaf()).isFalse();
        assertThat(year.totals().liveTuples()).isEqualTo(501);
        assertThat(year.xidAge()).isNotNull();
    }

    @Test
    void childWithTwoParentsBelongsToBothSetsAndListsItsParentsInOrder() {
        PartitionMember inLog = member(set(snapshot, "app", "sensor_log"), "sensor_calibrated");
        PartitionMember inCal = member(set(snapshot, "app", "calibration"), "sensor_calibrated");
        assertThat(inLog.parents()).containsExactly(new RelationName("app", "sensor_log"),
                new RelationName("app", "calibration"));
        assertThat(inCal.parents()).isEqualTo(inLog.parents());
        assertThat(inLog.level()).isEqualTo(1);
    }

    @Test
    void hostileNamesComeBackExactly() {
        PartitionSet odd = set(snapshot, "Odd \"Schema\". x", "My \"Events\"; DROP TABLE x;");
        assertThat(odd.partitions()).extracting(PartitionMember::name).containsExactly("Part.1 été",
                "p_abcdefghijklmnopqrstuvwxyz_abcdefghijklmnopqrstuvwxyz_0123456");
        assertThat(odd.totals().liveTuples()).isEqualTo(100);
        assertThat(odd.totals().totalBytes()).isPositive();
    }

    @Test
    void tableFilterAcceptsAQuotedNameAndFindsTheSetOfAMember() throws PartscopeException {
        CatalogReader reader = new CatalogReader(database);
        CatalogSnapshot odd = reader.read(new CatalogFilter(null,
                "\"Odd \"\"Schema\"\". x\".\"Part.1 été\""), null);
        assertThat(names(odd)).containsExactly("\"Odd \"\"Schema\"\". x\".\"My \"\"Events\"\"; DROP TABLE x;\"");
        CatalogSnapshot byMember = reader.read(new CatalogFilter(null, "archive.events_2026_02"), null);
        assertThat(names(byMember)).containsExactly("app.events");
        CatalogSnapshot both = reader.read(new CatalogFilter(null, "app.sensor_calibrated"), null);
        assertThat(names(both)).containsExactly("app.calibration", "app.sensor_log");
    }

    @Test
    void schemaFilterKeepsRootsOfThatSchemaOnly() throws PartscopeException {
        CatalogSnapshot app = new CatalogReader(database).read(new CatalogFilter("Odd \"Schema\". x", null), null);
        assertThat(names(app)).hasSize(1);
    }

    @Test
    void ageIsNullForPartitionedMembersAndRealForLeaves() {
        for (PartitionSet s : snapshot.roots()) {
            for (PartitionMember m : s.partitions()) {
                if (m.relkind() == RelKind.TABLE) {
                    assertThat(m.xidAge()).as(m.name()).isNotNull().isBetween(0L, 2_000_000_000L);
                    assertThat(m.mxidAge()).as(m.name()).isNotNull().isBetween(0L, 2_000_000_000L);
                } else {
                    assertThat(m.xidAge()).as(m.name()).isNull();
                }
            }
        }
    }

    @Test
    void deletedRowsShowAsDeadTuplesAndBloat() {
        PartitionMember eu = member(set(snapshot, "app", "events"), "events_2026_01_eu");
        assertThat(eu.deadTuples()).isPositive();
        assertThat(eu.bloatStatus()).isEqualTo(BloatStatus.ESTIMATED);
        assertThat(eu.bloatBytes()).isPositive();
        assertThat(eu.bloatPct()).isBetween(10.0, 80.0);
    }

    @Test
    void bloatIsUnknownWithoutStatistics() {
        PartitionMember feb = member(set(snapshot, "app", "events"), "events_2026_02");
        assertThat(feb.bloatStatus()).isEqualTo(BloatStatus.NO_STATISTICS);
        assertThat(feb.bloatBytes()).isNull();
    }

    @Test
    void bloatIsUnknownWhenStatisticsAreStale() throws PartscopeException {
        String staleDb = PG.newDatabase("stale");
        // One connection per step: a backend reports its row counts when it ends, so each step is counted in order.
        PG.exec(staleDb, "CREATE TABLE t (k int) PARTITION BY RANGE (k)",
                "CREATE TABLE t1 PARTITION OF t FOR VALUES FROM (0) TO (100000)");
        PG.exec(staleDb, "INSERT INTO t1 SELECT g FROM generate_series(1, 1000) g");
        PG.awaitTrue(staleDb, "SELECT n_mod_since_analyze = 1000 FROM pg_stat_user_tables WHERE relname = 't1'");
        PG.exec(staleDb, "ANALYZE t1");
        PG.exec(staleDb, "INSERT INTO t1 SELECT g FROM generate_series(1, 5000) g");
        PG.awaitTrue(staleDb, "SELECT n_mod_since_analyze = 5000 FROM pg_stat_user_tables WHERE relname = 't1'");
        try (Database d = Database.open(PG.superuserSettings(staleDb), DatabaseOptions.DEFAULTS)) {
            PartitionMember t1 = member(set(new CatalogReader(d).read(CatalogFilter.ALL, null), "public", "t"), "t1");
            assertThat(t1.bloatStatus()).isEqualTo(BloatStatus.STALE_STATISTICS);
            assertThat(t1.modsSinceAnalyze()).isEqualTo(5000);
        }
    }

    @Test
    void aRoleWithoutPrivilegesSeesSizesButNoBloatForTablesItCannotRead() throws PartscopeException {
        PG.exec(db, "CREATE TABLE app.secret (k int) PARTITION BY RANGE (k)",
                "CREATE TABLE app.secret_1 PARTITION OF app.secret FOR VALUES FROM (0) TO (10)",
                "INSERT INTO app.secret SELECT g % 10 FROM generate_series(1, 1000) g");
        PG.awaitTrue(db, "SELECT n_mod_since_analyze = 1000 FROM pg_stat_user_tables WHERE relname = 'secret_1'");
        PG.exec(db, "ANALYZE app.secret_1",
                "GRANT USAGE ON SCHEMA app, archive TO " + TestPostgres.PASSWORD_USER,
                "GRANT SELECT ON app.events_2026_01_eu TO " + TestPostgres.PASSWORD_USER);
        ConnectionSettings alice = PG.passwordUserSettings(db);
        try (Database d = Database.open(alice, DatabaseOptions.DEFAULTS)) {
            assertThat(d.server().superuser()).isFalse();
            CatalogSnapshot seen = new CatalogReader(d).read(CatalogFilter.ALL, null);
            PartitionMember secret = member(set(seen, "app", "secret"), "secret_1");
            assertThat(secret.totalBytes()).isPositive();
            assertThat(secret.rowEstimate()).isEqualTo(1000);
            assertThat(secret.bloatStatus()).isEqualTo(BloatStatus.NO_STATISTICS);
            PartitionMember granted = member(set(seen, "app", "events"), "events_2026_01_eu");
            assertThat(granted.bloatStatus()).isEqualTo(BloatStatus.ESTIMATED);
        } finally {
            PG.exec(db, "DROP TABLE app.secret");
        }
    }
}
