package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each member's effective autovacuum_multixact_freeze_max_age, read as the XID limit is: the server setting, lowered
 * by the table's or its TOAST table's reloption.
 */
class MultixactFreezeLimitIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static Database database;
    private static String db;
    private static PartitionSet orders;

    @BeforeAll
    static void load() throws PartscopeException {
        db = PG.newDatabase("mxid_limit");
        PG.exec(db,
                "CREATE TABLE orders (id bigint, note text, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE orders_plain PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE orders_own PARTITION OF orders FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')"
                        + " WITH (autovacuum_multixact_freeze_max_age = 150000000)",
                "CREATE TABLE orders_toast PARTITION OF orders FOR VALUES FROM ('2026-03-01') TO ('2026-04-01')"
                        + " WITH (autovacuum_multixact_freeze_max_age = 300000000,"
                        + " toast.autovacuum_multixact_freeze_max_age = 120000000)");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
        orders = new CatalogReader(database).read(CatalogFilter.ALL, null).roots().stream()
                .filter(s -> s.name().equals("orders")).findFirst().orElseThrow();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static PartitionMember member(String name) {
        return orders.partitions().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void withoutAReloptionTheMultixactLimitIsTheServerSetting() {
        long setting = Long.parseLong(PG.queryString(db, "SHOW autovacuum_multixact_freeze_max_age"));
        assertThat(member("orders_plain").mxidFreezeMaxAge()).isEqualTo(setting);
        // not the XID limit: the two settings differ (400M and 200M by default)
        assertThat(member("orders_plain").mxidFreezeMaxAge()).isNotEqualTo(member("orders_plain").freezeMaxAge());
    }

    @Test
    void theTablesReloptionLowersIt() {
        assertThat(member("orders_own").mxidFreezeMaxAge()).isEqualTo(150_000_000L);
        assertThat(member("orders_own").freezeMaxAge()).isEqualTo(member("orders_plain").freezeMaxAge());
    }

    @Test
    void theToastTablesReloptionCountsWhenLower() {
        assertThat(member("orders_toast").mxidFreezeMaxAge()).isEqualTo(120_000_000L);
    }
}
