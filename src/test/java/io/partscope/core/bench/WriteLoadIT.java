package io.partscope.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.RelationName;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The write load on a real server: ids recorded, errors with their SQLSTATE, and a check that can fail. */
class WriteLoadIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;
    private static final RelationName SET = new RelationName("Odd \"Schema\"", "my events");

    @BeforeAll
    static void setUp() {
        db = PG.newDatabase("writeload");
        PG.exec(db, "CREATE SCHEMA \"Odd \"\"Schema\"\"\"",
                "CREATE TABLE \"Odd \"\"Schema\"\"\".\"my events\" (\"the id\" bigint NOT NULL, at timestamptz NOT NULL,"
                        + " note text DEFAULT 'w') PARTITION BY RANGE (at)",
                "CREATE TABLE \"Odd \"\"Schema\"\"\".\"my events 2025-01\" PARTITION OF \"Odd \"\"Schema\"\"\".\"my events\""
                        + " FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2025-02-01 00:00+00')",
                "CREATE TABLE \"Odd \"\"Schema\"\"\".\"my events default\" PARTITION OF \"Odd \"\"Schema\"\"\".\"my events\""
                        + " DEFAULT",
                "CREATE TABLE plain_events (id bigint NOT NULL, v int NOT NULL) PARTITION BY LIST (v)",
                "CREATE TABLE plain_events_1 PARTITION OF plain_events FOR VALUES IN (1)",
                "SELECT 1");
    }

    @Test
    void recordsEveryCommittedIdAndTheCheckFindsThemExactlyOnce() throws Exception {
        WriteLoad load = WriteLoad.builder(PG.superuserSettings(db))
                .into(SET, "the id", "at", WriteLoad.KeyGenerator.timestamps(
                        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"),
                        Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:00Z")))
                .writers(3).firstId(1).start();
        load.awaitMoreRows(300, Duration.ofSeconds(60));
        for (int i = 0; i < 600 && load.readsSoFar() == 0; i++) {
            Thread.sleep(100);
        }
        WriteLoad.Summary s = load.stop();
        System.out.println("WriteLoadIT: " + s.describe());

        assertThat(s.writerErrors()).isEmpty();
        assertThat(s.readerErrors()).isEmpty();
        assertThat(s.inserts()).isGreaterThanOrEqualTo(300);
        assertThat(s.reads()).isPositive();
        assertThat(s.longestStall()).isPositive();
        assertThat(PG.queryString(db, "SELECT count(*) FROM \"Odd \"\"Schema\"\"\".\"my events\""))
                .isEqualTo(Long.toString(s.inserts()));
        // the keys went into both ranges: the partition and the DEFAULT
        assertThat(Long.parseLong(PG.queryString(db,
                "SELECT count(*) FROM \"Odd \"\"Schema\"\"\".\"my events default\""))).isPositive();
        assertThat(Long.parseLong(PG.queryString(db,
                "SELECT count(*) FROM \"Odd \"\"Schema\"\"\".\"my events 2025-01\""))).isPositive();

        try (Connection c = PG.superuserConnection(db)) {
            WriteLoad.CheckResult ok = WriteLoad.check(c, "the id", List.of(SET), s);
            assertThat(ok.ok()).as(ok.toString()).isTrue();
            assertThat(ok.checked()).isEqualTo(s.inserts());
        }
    }

    @Test
    void theCheckReportsMissingAndDuplicatedIds() throws Exception {
        PG.exec(db, "CREATE TABLE dup_set (id bigint NOT NULL, k bigint NOT NULL) PARTITION BY RANGE (k)",
                "CREATE TABLE dup_set_low PARTITION OF dup_set FOR VALUES FROM (0) TO (1000)",
                "CREATE TABLE dup_set_default PARTITION OF dup_set DEFAULT",
                "CREATE TABLE dup_detached (id bigint NOT NULL, k bigint NOT NULL)");
        WriteLoad load = WriteLoad.builder(PG.superuserSettings(db))
                .into(new RelationName("public", "dup_set"), "id", "k",
                        WriteLoad.KeyGenerator.longs(new long[] {0, 1000}, new long[] {5000, 6000}))
                .writers(2).firstId(10).start();
        load.awaitMoreRows(50, Duration.ofSeconds(60));
        WriteLoad.Summary s = load.stop();
        long lost = s.committedIds()[0];
        long twice = s.committedIds()[1];
        PG.exec(db, "DELETE FROM dup_set WHERE id = " + lost,
                "INSERT INTO dup_detached SELECT * FROM dup_set WHERE id = " + twice);
        try (Connection c = PG.superuserConnection(db)) {
            WriteLoad.CheckResult r = WriteLoad.check(c, "id", List.of(new RelationName("public", "dup_set"),
                    new RelationName("public", "dup_detached")), s);
            assertThat(r.ok()).isFalse();
            assertThat(r.missing()).containsExactly(lost);
            assertThat(r.duplicated()).containsExactly(twice);
            assertThat(r.toString()).contains("1 missing").contains("1 duplicated");
        }
    }

    @Test
    void recordsWriterErrorsWithTheirSqlState() throws Exception {
        // value 2 has no partition (and no DEFAULT): every second insert fails with 23514
        WriteLoad load = WriteLoad.builder(PG.superuserSettings(db))
                .into(new RelationName("public", "plain_events"), "id", "v", WriteLoad.KeyGenerator.oneOf(1, 2))
                .writers(1).firstId(1).start();
        load.awaitMoreRows(20, Duration.ofSeconds(60));
        WriteLoad.Summary s = load.stop();
        assertThat(s.writerErrors()).isNotEmpty();
        assertThat(s.writerErrors()).allSatisfy(e -> assertThat(e.sqlState()).isEqualTo("23514"));
        try (Connection c = PG.superuserConnection(db)) {
            WriteLoad.CheckResult r = WriteLoad.check(c, "id", List.of(new RelationName("public", "plain_events")),
                    s);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.checked()).isEqualTo(Long.parseLong(PG.queryString(db, "SELECT count(*) FROM plain_events")));
        }
    }
}
