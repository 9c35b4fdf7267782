package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.RequiresServerVersion;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader while other sessions run DDL: pending detaches, held locks, cancellation. */
class CatalogReaderConcurrencyIT {
    private static final TestPostgres PG = TestPostgres.get();
    private String db;

    @BeforeEach
    void createSet() {
        db = PG.newDatabase("concurrency");
        PG.exec(db, "CREATE TABLE m (k int NOT NULL) PARTITION BY RANGE (k)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20)",
                "CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
                "INSERT INTO m SELECT g % 30 FROM generate_series(1, 3000) g");
    }

    private CatalogSnapshot read(DatabaseOptions options, Cancellation cancel) throws PartscopeException {
        try (Database d = Database.open(PG.superuserSettings(db), options)) {
            return new CatalogReader(d).read(CatalogFilter.ALL, cancel);
        }
    }

    @Test
    @RequiresServerVersion(min = 14)
    void interruptedDetachConcurrentlyLeavesAPendingMemberThatTheTreeStillShows() throws Exception {
        try (Connection blocker = PG.superuserConnection(db); Connection detacher = PG.superuserConnection(db)) {
            // An open transaction that has touched the parent: DETACH CONCURRENTLY waits for it in its second step.
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("SELECT count(*) FROM m");
            }
            try (Statement s = detacher.createStatement()) {
                s.execute("SET statement_timeout = '500ms'");
                assertThatThrownBy(() -> s.execute("ALTER TABLE m DETACH PARTITION m_2 CONCURRENTLY"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("statement timeout");
            }
            blocker.rollback();
        }
        PartitionSet m = CatalogReaderIT.set(read(DatabaseOptions.DEFAULTS, null), "public", "m");
        PartitionMember pending = CatalogReaderIT.member(m, "m_2");
        assertThat(pending.detachPending()).isTrue();
        assertThat(CatalogReaderIT.member(m, "m_1").detachPending()).isFalse();
        assertThat(m.totals().detachPending()).isEqualTo(1);
        assertThat(m.partitions()).hasSize(3);
    }

    @Test
    void aPartitionLockedByDdlIsSizedFromTheCatalogInsteadOfWaiting() throws Exception {
        PG.exec(db, "VACUUM m_3");
        try (TestPostgres.HeldLock ddl = PG.holdAccessExclusiveLock(db, "m_3")) {
            // A lock timeout far longer than the test: it passes only if the reader never waits for the lock.
            CatalogSnapshot snapshot = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(DatabaseOptions.DEFAULTS.withLockTimeout(Duration.ofMinutes(5)), null);
                } catch (PartscopeException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            PartitionSet m = CatalogReaderIT.set(snapshot, "public", "m");
            PartitionMember locked = CatalogReaderIT.member(m, "m_3");
            assertThat(locked.sizesEstimated()).isTrue();
            assertThat(locked.tableBytes()).isPositive();
            assertThat(CatalogReaderIT.member(m, "m_1").sizesEstimated()).isFalse();
            assertThat(snapshot.warnings()).anyMatch(w -> w.contains("locked ACCESS EXCLUSIVE"));
        }
    }

    @Test
    void aReadBlockedOnTheCatalogEndsWithStatementTimeout() throws Exception {
        try (TestPostgres.HeldLock ddl = PG.holdAccessExclusiveLock(db, "pg_catalog.pg_inherits")) {
            DatabaseOptions options = DatabaseOptions.DEFAULTS.withLockTimeout(Duration.ZERO)
                    .withStatementTimeout(Duration.ofMillis(700));
            assertThatThrownBy(() -> read(options, null)).isInstanceOf(PartscopeException.class)
                    .satisfies(e -> assertThat(((PartscopeException) e).kind()).isEqualTo(ErrorKind.QUERY_CANCELLED))
                    .hasMessageContaining("statement_timeout");
        }
    }

    @Test
    void cancelStopsABlockedReadAtOnce() throws Exception {
        try (TestPostgres.HeldLock ddl = PG.holdAccessExclusiveLock(db, "pg_catalog.pg_inherits")) {
            Cancellation cancel = new Cancellation();
            DatabaseOptions patient = DatabaseOptions.DEFAULTS.withLockTimeout(Duration.ZERO)
                    .withStatementTimeout(Duration.ZERO);
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    read(patient, cancel);
                    return null;
                } catch (PartscopeException e) {
                    return e;
                }
            });
            PG.awaitTrue(db, "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'partscope'"
                    + " AND wait_event_type = 'Lock'");
            cancel.cancel();
            Throwable failure = outcome.get(30, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(PartscopeException.class).hasMessageContaining("cancelled by the user");
            assertThat(((PartscopeException) failure).kind()).isEqualTo(ErrorKind.QUERY_CANCELLED);
        }
    }
}
