package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The details of one member on a real server. The DDL is checked the only way that counts: it is run in a fresh
 * database (after the DDL of the member's ancestors) and the copy is compared with the original through the
 * catalogs.
 */
class MemberDetailsReaderIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final String ODD_SCHEMA = "Odd \"Schema\". x";
    private static final String ODD_ROOT = "My \"Events\"; DROP TABLE x;";
    private static final String ODD_PART = "Part.1 été";
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(4);

    private static final String FIXTURE = """
            CREATE SCHEMA app;
            CREATE SCHEMA "Odd ""Schema"". x";
            CREATE TABLE app.events (id bigint NOT NULL, occurred_at timestamptz NOT NULL,
                region text NOT NULL DEFAULT 'eu', payload text, PRIMARY KEY (id, occurred_at, region))
                PARTITION BY RANGE (occurred_at);
            CREATE INDEX events_region_idx ON app.events (region);
            CREATE TABLE app.events_2026_01 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')
                PARTITION BY LIST (region);
            CREATE TABLE app.events_2026_01_eu PARTITION OF app.events_2026_01 FOR VALUES IN ('eu');
            CREATE TABLE app.events_2026_01_us PARTITION OF app.events_2026_01 FOR VALUES IN ('us');
            CREATE TABLE app.events_2026_02 PARTITION OF app.events (
                CONSTRAINT payload_short CHECK (length(payload) < 100000),
                payload WITH OPTIONS DEFAULT 'none')
                FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')
                WITH (fillfactor = 70, autovacuum_freeze_max_age = 100000000, toast.autovacuum_enabled = false);
            CREATE INDEX events_2026_02_payload_idx ON app.events_2026_02 (payload) WHERE payload IS NOT NULL;
            CREATE UNLOGGED TABLE app.events_default PARTITION OF app.events DEFAULT;
            INSERT INTO app.events SELECT g, timestamptz '2026-01-01' + g * interval '10 minutes',
                (ARRAY['eu','us'])[1 + g % 2], repeat('x', 20) FROM generate_series(0, 9999) g;
            DELETE FROM app.events_2026_02 WHERE id % 4 = 0;
            CREATE TABLE app.sensor_log (sensor int NOT NULL, at timestamptz, v float8 DEFAULT 0);
            CREATE TABLE app.sensor_log_2025 (note text COLLATE "C",
                CONSTRAINT in_2025 CHECK (at >= '2025-01-01' AND at < '2026-01-01')) INHERITS (app.sensor_log);
            ALTER TABLE app.sensor_log_2025 ALTER COLUMN v SET DEFAULT 1.5;
            CREATE INDEX sensor_log_2025_at ON app.sensor_log_2025 (at);
            INSERT INTO app.sensor_log_2025 SELECT 1, timestamptz '2025-06-01' + g * interval '1 minute', g,
                (SELECT string_agg(md5(g::text || s::text), '') FROM generate_series(1, 400) s)
                FROM generate_series(1, 20) g;
            CREATE TABLE app.metrics (k int NOT NULL) PARTITION BY RANGE (k);
            CREATE TABLE app.metrics_1 PARTITION OF app.metrics FOR VALUES FROM (0) TO (10);
            CREATE INDEX metrics_k_idx ON ONLY app.metrics (k);
            CREATE INDEX metrics_1_k_idx ON app.metrics_1 (k);
            INSERT INTO app.metrics SELECT g % 10 FROM generate_series(1, 1000) g;
            CREATE TABLE "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;" ("Key ""k""\" int NOT NULL, "été" text)
                PARTITION BY RANGE ("Key ""k""\");
            CREATE TABLE "Odd ""Schema"". x"."Part.1 été" PARTITION OF "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;" (
                CONSTRAINT "chk ""q"".x" CHECK ("Key ""k""\" >= 0)) FOR VALUES FROM (0) TO (10) WITH (fillfactor = 80);
            CREATE INDEX "idx ""q"" é.x" ON "Odd ""Schema"". x"."Part.1 été" ("été");
            INSERT INTO "Odd ""Schema"". x"."My ""Events""; DROP TABLE x;" SELECT g % 10, 'é' FROM generate_series(1, 50) g
            """;

    private static String db;
    private static Database database;
    private static MemberDetailsReader reader;

    @BeforeAll
    static void load() throws PartscopeException {
        db = PG.newDatabase("details");
        for (String statement : FIXTURE.split(";\n")) {
            PG.exec(db, statement);
        }
        // Burn a few XIDs, then freeze the table but not its TOAST table, so their ages differ (PROCESS_TOAST: 14+).
        for (int i = 0; i < 5; i++) {
            PG.exec(db, "SELECT txid_current()");
        }
        PG.exec(db, "VACUUM (FREEZE, PROCESS_TOAST false) app.sensor_log_2025");
        PG.awaitTrue(db, "SELECT n_dead_tup > 0 AND n_tup_del = n_dead_tup"
                + " AND n_live_tup = (SELECT count(*) FROM app.events_2026_02)"
                + " AND n_tup_ins = n_live_tup + n_tup_del FROM pg_stat_user_tables WHERE relname = 'events_2026_02'");
        PG.awaitTrue(db, "SELECT vacuum_count > 0 FROM pg_stat_user_tables WHERE relname = 'sensor_log_2025'");
        database = Database.open(PG.superuserSettings(db),
                DatabaseOptions.DEFAULTS.withLockTimeout(LOCK_TIMEOUT));
        reader = new MemberDetailsReader(database);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    private static MemberDetails read(String schema, String name) throws PartscopeException {
        return reader.read(new RelationName(schema, name), null);
    }

    private static MemberDetails.Index index(MemberDetails details, String name) {
        return details.indexes().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name + " in " + details.indexes()));
    }

    @Test
    void rangePartitionDdlNamesItsParentBoundOptionsAndOwnIndexes() throws Exception {
        MemberDetails feb = read("app", "events_2026_02");

        assertThat(feb.partition()).isTrue();
        assertThat(feb.bound()).startsWith("FOR VALUES FROM ('2026-02-01");
        assertThat(feb.partitionKey()).isNull();
        assertThat(feb.reloptions()).containsExactly("fillfactor=70", "autovacuum_freeze_max_age=100000000",
                "toast.autovacuum_enabled=false");
        assertThat(feb.ddl()).startsWith("CREATE TABLE \"app\".\"events_2026_02\" PARTITION OF \"app\".\"events\" (")
                .contains("CONSTRAINT \"payload_short\" CHECK ((length(payload) < 100000))")
                .contains("\"payload\" WITH OPTIONS DEFAULT 'none'::text")
                .contains("WITH (fillfactor = 70, autovacuum_freeze_max_age = 100000000, "
                        + "toast.autovacuum_enabled = false)")
                .contains("CREATE INDEX events_2026_02_payload_idx ON app.events_2026_02 USING btree (payload)")
                .doesNotContain("CREATE UNIQUE INDEX events_2026_02_pkey");
        assertRecreatesIdentically("app", "events_2026_02");
    }

    @Test
    void subPartitionedMemberCarriesItsKey() throws Exception {
        MemberDetails jan = read("app", "events_2026_01");

        assertThat(jan.isPartitioned()).isTrue();
        assertThat(jan.partitionKey()).isEqualTo("LIST (region)");
        assertThat(jan.ddl()).contains("PARTITION BY LIST (region)");
        assertThat(jan.statistics().xidAge()).isNull();
        assertThat(jan.statistics().tableBytes()).isNull();
        assertRecreatesIdentically("app", "events_2026_01");
        assertRecreatesIdentically("app", "events_2026_01_eu");
    }

    @Test
    void defaultPartitionIsUnlogged() throws Exception {
        MemberDetails def = read("app", "events_default");

        assertThat(def.isDefault()).isTrue();
        assertThat(def.persistence()).isEqualTo(Persistence.UNLOGGED);
        assertThat(def.ddl()).startsWith("CREATE UNLOGGED TABLE \"app\".\"events_default\" PARTITION OF")
                .contains("\n    DEFAULT");
        assertRecreatesIdentically("app", "events_default");
    }

    @Test
    void rootDdlHasColumnsConstraintsKeyAndIndexes() throws Exception {
        MemberDetails root = read("app", "events");

        assertThat(root.parents()).isEmpty();
        assertThat(root.ddl()).contains("\"region\" text NOT NULL DEFAULT 'eu'::text")
                .contains("PRIMARY KEY (id, occurred_at, region)").contains("PARTITION BY RANGE (occurred_at)");
        assertRecreatesIdentically("app", "events");
    }

    @Test
    void inheritanceChildWithCheckCollationAndOwnDefault() throws Exception {
        MemberDetails child = read("app", "sensor_log_2025");

        assertThat(child.partition()).isFalse();
        assertThat(child.parents()).containsExactly(new RelationName("app", "sensor_log"));
        assertThat(child.ddl()).contains("INHERITS (\"app\".\"sensor_log\")")
                .contains("\"note\" text COLLATE \"pg_catalog\".\"C\"")
                .contains("CONSTRAINT \"in_2025\" CHECK (")
                .contains("\"v\" double precision DEFAULT 1.5")
                .doesNotContain("\"sensor\" integer");
        assertRecreatesIdentically("app", "sensor_log_2025");
    }

    @Test
    void hostileNamesAreQuotedEverywhere() throws Exception {
        MemberDetails part = read(ODD_SCHEMA, ODD_PART);

        assertThat(part.ddl()).startsWith("CREATE TABLE \"Odd \"\"Schema\"\". x\".\"Part.1 été\" PARTITION OF "
                + "\"Odd \"\"Schema\"\". x\".\"My \"\"Events\"\"; DROP TABLE x;\"");
        assertThat(index(part, "idx \"q\" é.x").attached()).isFalse();
        assertRecreatesIdentically(ODD_SCHEMA, ODD_ROOT);
        assertRecreatesIdentically(ODD_SCHEMA, ODD_PART);
    }

    @Test
    void indexesHaveSizesValidityAndAttachment() throws Exception {
        MemberDetails feb = read("app", "events_2026_02");

        MemberDetails.Index pkey = index(feb, "events_2026_02_pkey");
        assertThat(pkey.primary()).isTrue();
        assertThat(pkey.unique()).isTrue();
        assertThat(pkey.valid()).isTrue();
        assertThat(pkey.constraint()).isEqualTo("events_2026_02_pkey");
        assertThat(pkey.parentIndex()).isEqualTo(new RelationName("app", "events_pkey"));
        assertThat(pkey.sizeBytes()).isPositive().isEqualTo(
                queryLong("SELECT pg_relation_size('app.events_2026_02_pkey')"));
        MemberDetails.Index own = index(feb, "events_2026_02_payload_idx");
        assertThat(own.attached()).isFalse();
        assertThat(own.primary()).isFalse();
        assertThat(own.sizeBytes()).isPositive();
        assertThat(feb.statistics().indexBytes()).isEqualTo(
                queryLong("SELECT pg_indexes_size('app.events_2026_02')"));
        assertThat(feb.statistics().tableBytes()).isPositive();
        assertThat(feb.locked()).isFalse();
        assertThat(feb.notes()).isEmpty();
    }

    @Test
    void indexCreatedOnOnlyTheParentIsInvalidAndThePartitionsOwnIsNotAttached() throws Exception {
        assertThat(index(read("app", "metrics"), "metrics_k_idx").valid()).isFalse();
        MemberDetails.Index own = index(read("app", "metrics_1"), "metrics_1_k_idx");
        assertThat(own.valid()).isTrue();
        assertThat(own.attached()).isFalse();
        assertThat(own.sizeBytes()).isPositive();
    }

    @Test
    void statisticsCountInsertsAndDeletesAndTheEffectiveFreezeMaxAge() throws Exception {
        MemberDetails.Statistics stats = read("app", "events_2026_02").statistics();

        long rows = queryLong("SELECT count(*) FROM app.events_2026_02");
        assertThat(stats.tuplesDeleted()).isPositive();
        assertThat(stats.tuplesInserted()).isEqualTo(rows + stats.tuplesDeleted());
        assertThat(stats.deadTuples()).isEqualTo(stats.tuplesDeleted());
        assertThat(stats.liveTuples()).isEqualTo(rows);
        assertThat(stats.insertsSinceVacuum()).isEqualTo(stats.tuplesInserted());
        assertThat(stats.modsSinceAnalyze()).isEqualTo(stats.tuplesInserted() + stats.tuplesDeleted());
        assertThat(stats.lastVacuum()).isNull();
        assertThat(stats.seqScan()).isNotNull();
        assertThat(stats.freezeMaxAge()).isEqualTo(100_000_000L);
        assertThat(stats.toastFreezeMaxAge()).isEqualTo(queryLong("SELECT current_setting('autovacuum_freeze_max_age')::bigint"));
        assertThat(stats.xidAge()).isNotNull();
    }

    @Test
    void toastAgeIsReadSeparatelyFromTheTablesAge() throws Exception {
        MemberDetails.Statistics stats = read("app", "sensor_log_2025").statistics();

        assertThat(stats.vacuumCount()).isPositive();
        assertThat(stats.lastVacuum()).isNotNull();
        assertThat(stats.toastXidAge()).isNotNull().isGreaterThan(stats.xidAge());
        long toastAge = queryLong("SELECT age(t.relfrozenxid) FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid"
                + " WHERE c.oid = 'app.sensor_log_2025'::regclass");
        assertThat(stats.toastXidAge()).isBetween(toastAge - 3, toastAge);
        assertThat(stats.toastBytes()).isPositive();
        assertThat(stats.relpages()).isPositive();
        assertThat(stats.xidAgeFraction()).isNotNull();
    }

    @Test
    void vanishedMemberIsReportedAsNoLongerExisting() {
        PG.exec(db, "CREATE TABLE app.events_2027 PARTITION OF app.events"
                + " FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')");
        PG.exec(db, "DROP TABLE app.events_2027");

        assertThatThrownBy(() -> read("app", "events_2027"))
                .isInstanceOfSatisfying(PartscopeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.OBJECT_NOT_FOUND))
                .hasMessageContaining("no longer exists");
    }

    @ParameterizedTest
    @CsvSource({"events_2026_01_us, app.events_2026_01_us", "sensor_log_2025, app.sensor_log_2025"})
    void memberLockedAccessExclusiveIsReadPromptlyWithoutSizes(String name, String quoted) throws Exception {
        try (TestPostgres.HeldLock lock = PG.holdAccessExclusiveLock(db, quoted)) {
            // No timing assertion: the absent sizes and the locked mark show the reader saw the lock and called no
            // size function that would have queued behind it.
            MemberDetails details = read("app", name);

            assertThat(details.locked()).isTrue();
            assertThat(details.notes()).anyMatch(n -> n.contains("ACCESS EXCLUSIVE"));
            assertThat(details.statistics().tableBytes()).isNull();
            assertThat(details.statistics().indexBytes()).isNull();
            assertThat(details.indexes()).isNotEmpty().allMatch(i -> i.sizeBytes() == null && i.definition() == null);
            assertThat(details.ddl()).startsWith("-- INCOMPLETE").contains("CREATE TABLE \"app\".\"" + name + "\"");
            assertThat(details.statistics().xidAge()).isNotNull();
        }
    }

    // ---------------------------------------------------------------- the DDL round trip

    /** Runs the DDL of the member and of its ancestors in a fresh database, and compares the copy with the original. */
    private static void assertRecreatesIdentically(String schema, String name) throws Exception {
        Deque<MemberDetails> chain = new ArrayDeque<>();
        MemberDetails current = read(schema, name);
        chain.push(current);
        while (!current.parents().isEmpty()) {
            RelationName parent = current.parents().get(0);
            current = read(parent.schema(), parent.name());
            chain.push(current);
        }
        String copy = PG.newDatabase("details_copy");
        Set<String> schemas = new HashSet<>();
        for (MemberDetails m : chain) {
            if (schemas.add(m.name().schema())) {
                PG.exec(copy, "CREATE SCHEMA " + io.partscope.core.db.Identifiers.quote(m.name().schema()));
            }
        }
        for (MemberDetails m : chain) {
            PG.exec(copy, m.ddl());
        }
        assertThat(fingerprint(copy, schema, name)).isEqualTo(fingerprint(db, schema, name));
    }

    private static final String FINGERPRINT = """
            SELECT concat_ws(E'\\n',
                   'kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text,
                   'options ' || coalesce(array_to_string(c.reloptions, ','), ''),
                   'toast options ' || coalesce((SELECT array_to_string(t.reloptions, ',') FROM pg_class t
                                                  WHERE t.oid = c.reltoastrelid), ''),
                   'bound ' || coalesce(pg_get_expr(c.relpartbound, c.oid), ''),
                   'key ' || coalesce(pg_get_partkeydef(c.oid), ''),
                   'columns ' || (SELECT string_agg(format('%s %s notnull=%s default=%s collation=%s', a.attname,
                                                 format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                                 pg_get_expr(d.adbin, d.adrelid),
                                                 (SELECT collname FROM pg_collation WHERE oid = a.attcollation)),
                                          '; ' ORDER BY a.attnum)
                                  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid
                                                                            AND d.adnum = a.attnum
                                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                   'constraints ' || coalesce((SELECT string_agg(format('%s %s %s', con.conname, con.contype,
                                                                       pg_get_constraintdef(con.oid)),
                                                                '; ' ORDER BY con.conname)
                                               FROM pg_constraint con
                                               WHERE con.conrelid = c.oid AND con.contype <> 'n'), ''),
                   'indexes ' || coalesce((SELECT string_agg(format('%s valid=%s parent=%s',
                                                                   pg_get_indexdef(x.indexrelid), x.indisvalid,
                                                                   (SELECT inhparent::regclass::text FROM pg_inherits
                                                                     WHERE inhrelid = x.indexrelid)),
                                                            '; ' ORDER BY ic.relname)
                                           FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                                           WHERE x.indrelid = c.oid), ''),
                   'parents ' || coalesce((SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno)
                                           FROM pg_inherits i WHERE i.inhrelid = c.oid), ''))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?
            """;

    private static String fingerprint(String database, String schema, String name) throws SQLException {
        try (Connection c = PG.superuserConnection(database); PreparedStatement ps = c.prepareStatement(FINGERPRINT)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("%s.%s exists in %s", schema, name, database).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection c = PG.superuserConnection(db); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
