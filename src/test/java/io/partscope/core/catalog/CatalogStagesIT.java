package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.support.Fixtures;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two stages of a read on a real server: stage 1 ({@link SizeMode#ESTIMATED}) sizes from pg_class, stage 2
 * ({@link SizeReader}) measures in batches, and the two together give what a one-stage exact read gives.
 */
class CatalogStagesIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static String db;
    private static Database database;

    @BeforeAll
    static void load() throws PartscopeException {
        db = PG.newDatabase("stages");
        Fixtures.loadPartitionSets(PG, db);
        // Wide rows that go to TOAST, so the TOAST table and its index have pages of their own.
        PG.exec(db, "CREATE TABLE app.docs (id int NOT NULL, body text) PARTITION BY RANGE (id)",
                "CREATE TABLE app.docs_1 PARTITION OF app.docs FOR VALUES FROM (0) TO (100)",
                "CREATE TABLE app.docs_2 PARTITION OF app.docs FOR VALUES FROM (100) TO (200)",
                "CREATE INDEX ON app.docs (id)",
                "INSERT INTO app.docs SELECT g, (SELECT string_agg(md5(g::text || i::text), '') "
                        + "FROM generate_series(1, 200) i) FROM generate_series(0, 199) g",
                // relpages of tables, indexes and TOAST tables are set by VACUUM: stage 1 has numbers to show.
                "VACUUM ANALYZE");
        database = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static CatalogSnapshot stageOne() throws PartscopeException {
        return new CatalogReader(database).read(CatalogFilter.ALL, SizeMode.ESTIMATED, null);
    }

    private static List<PartitionMember> members(CatalogSnapshot s) {
        return s.roots().stream().flatMap(r -> Stream.concat(Stream.of(r.root()), r.partitions().stream())).toList();
    }

    private static List<PartitionMember> withStorage(CatalogSnapshot s) {
        return members(s).stream().filter(m -> m.relkind() == RelKind.TABLE).toList();
    }

    /** table, index, toast bytes per relation name, from one query on the server. */
    private static Map<String, List<Long>> catalog(String sizesSql) throws Exception {
        Map<String, List<Long>> out = new HashMap<>();
        try (Connection c = PG.superuserConnection(db); PreparedStatement ps = c.prepareStatement(
                "SELECT n.nspname || '.' || c.relname, " + sizesSql + " FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class t ON t.oid = c.reltoastrelid"
                        + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    private static List<Long> sizesOf(PartitionMember m) {
        return List.of(m.tableBytes(), m.indexBytes(), m.toastBytes(), m.totalBytes());
    }

    @Test
    void stageOneListsEveryMemberWithSizesFromRelpagesMarkedEstimated() throws Exception {
        CatalogSnapshot exact = new CatalogReader(database).read(CatalogFilter.ALL, null);
        CatalogSnapshot estimated = stageOne();
        assertThat(members(estimated).stream().map(PartitionMember::relationName))
                .containsExactlyElementsOf(members(exact).stream().map(PartitionMember::relationName).toList());
        assertThat(withStorage(estimated)).isNotEmpty().allSatisfy(m -> assertThat(m.sizesEstimated())
                .as(m.name()).isTrue());
        assertThat(estimated.warnings()).isEmpty();
        String bs = "current_setting('block_size')::bigint";
        String indexPages = "(SELECT coalesce(sum(i.relpages), 0) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " WHERE x.indrelid = %s)";
        String toast = "(coalesce(t.relpages, 0) + " + indexPages.formatted("c.reltoastrelid") + ") * " + bs;
        Map<String, List<Long>> pages = catalog("c.relpages * " + bs + ", " + indexPages.formatted("c.oid") + " * " + bs
                + ", " + toast + ", (c.relpages + " + indexPages.formatted("c.oid") + ") * " + bs + " + " + toast);
        for (PartitionMember m : withStorage(estimated)) {
            assertThat(sizesOf(m)).as(m.relationName().qualified()).isEqualTo(pages.get(m.schema() + "." + m.name()));
        }
        PartitionMember docs = CatalogReaderIT.member(CatalogReaderIT.set(estimated, "app", "docs"), "docs_1");
        assertThat(docs.toastBytes()).as("TOAST table and index pages").isPositive();
    }

    @Test
    void stageTwoSizesMatchPgTableSizeFieldByField() throws Exception {
        CatalogSnapshot measured = new SizeReader(database).measureAll(stageOne(), null);
        Map<String, List<Long>> sizes = catalog("""
                pg_table_size(c.oid) - coalesce(pg_total_relation_size(t.oid), 0), pg_indexes_size(c.oid),
                coalesce(pg_total_relation_size(t.oid), 0), pg_total_relation_size(c.oid)""");
        assertThat(withStorage(measured)).isNotEmpty().allSatisfy(m -> {
            assertThat(m.sizesEstimated()).as(m.name()).isFalse();
            assertThat(sizesOf(m)).as(m.relationName().qualified()).isEqualTo(sizes.get(m.schema() + "." + m.name()));
        });
        assertThat(SizeReader.estimatedCount(measured)).isZero();
    }

    @Test
    void bothStagesTogetherGiveExactlyWhatOneExactReadGives() throws Exception {
        CatalogSnapshot exact = new CatalogReader(database).read(CatalogFilter.ALL, null);
        CatalogSnapshot twoStages = new SizeReader(database).measureAll(stageOne(), null);
        // Every member, its sizes, its flags and the roll-ups at every level (records compare field by field).
        assertThat(twoStages.roots()).isEqualTo(exact.roots());
    }

    @Test
    void theFirstBatchTakesTheNamedSetFirst() throws Exception {
        CatalogSnapshot estimated = stageOne();
        PartitionSet docs = CatalogReaderIT.set(estimated, "app", "docs");
        List<Long> batch = SizeReader.next(estimated, docs.relationName(), Set.of(), 2);
        assertThat(batch).containsExactlyElementsOf(docs.partitions().stream().map(PartitionMember::oid).toList());
    }

    @Test
    void theQueueGivesEveryEstimatedRelationOnceANewlyNamedSetNext() throws Exception {
        CatalogSnapshot estimated = stageOne();
        PartitionSet docs = CatalogReaderIT.set(estimated, "app", "docs");
        SizeQueue queue = new SizeQueue(estimated);
        assertThat(queue.remaining()).isEqualTo(withStorage(estimated).stream().map(PartitionMember::oid).distinct()
                .count());
        List<Long> taken = new ArrayList<>(queue.take(null, 1));
        // Named after the first batch (the user selected it meanwhile): all of its partitions come next.
        List<Long> docsLeft = docs.partitions().stream().filter(PartitionMember::awaitsMeasuring)
                .map(PartitionMember::oid).filter(oid -> !taken.contains(oid)).toList();
        List<Long> second = queue.take(docs.relationName(), docsLeft.size() + 1);
        assertThat(second).hasSize(docsLeft.size() + 1);
        assertThat(second.subList(0, docsLeft.size())).containsExactlyElementsOf(docsLeft);
        assertThat(queue.hasLeft(docs.relationName())).isFalse();
        taken.addAll(second);
        for (List<Long> batch = queue.take(docs.relationName(), 2); !batch.isEmpty();
                batch = queue.take(docs.relationName(), 2)) {
            taken.addAll(batch);
        }
        assertThat(queue.remaining()).isZero();
        // Once each, an inheritance child of two sets too.
        assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                withStorage(estimated).stream().map(PartitionMember::oid).distinct().toList());
    }

    @Test
    void cancellingStageTwoLeavesTheRestEstimatedAndMarked() throws Exception {
        CatalogSnapshot estimated = stageOne();
        int all = SizeReader.estimatedCount(estimated);
        SizeReader reader = new SizeReader(database);
        Cancellation cancel = new Cancellation();
        List<Long> first = SizeReader.next(estimated, null, Set.of(), 3);
        CatalogSnapshot partly = estimated.withSizes(reader.measure(first, cancel).sizes());
        cancel.cancel();
        List<Long> second = SizeReader.next(partly, null, new HashSet<>(first), SizeReader.MAX_BATCH);
        assertThatThrownBy(() -> reader.measure(second, cancel)).isInstanceOf(PartscopeException.class)
                .satisfies(e -> assertThat(((PartscopeException) e).kind()).isEqualTo(ErrorKind.QUERY_CANCELLED));

        assertThat(SizeReader.estimatedCount(partly)).isEqualTo(all - 3);
        Map<Long, PartitionMember> before = new HashMap<>();
        withStorage(estimated).forEach(m -> before.put(m.oid(), m));
        List<PartitionMember> stillEstimated = new ArrayList<>();
        for (PartitionMember m : withStorage(partly)) {
            assertThat(m.sizesEstimated()).as(m.name()).isEqualTo(!first.contains(m.oid()));
            if (m.sizesEstimated()) {
                stillEstimated.add(m);
                assertThat(sizesOf(m)).isEqualTo(sizesOf(before.get(m.oid())));
            }
        }
        assertThat(stillEstimated).hasSize(all - 3);
    }

    @Test
    void aPartitionLockedByDdlKeepsItsEstimateInStageTwo() throws Exception {
        CatalogSnapshot estimated = stageOne();
        PartitionSet docs = CatalogReaderIT.set(estimated, "app", "docs");
        List<Long> oids = docs.partitions().stream().map(PartitionMember::oid).toList();
        long locked = CatalogReaderIT.member(docs, "docs_2").oid();
        SizeBatch batch;
        try (TestPostgres.HeldLock ddl = PG.holdAccessExclusiveLock(db, "app.docs_2")) {
            batch = new SizeReader(database).measure(oids, null);
        }
        assertThat(batch.skipped()).containsExactly(locked);
        assertThat(batch.lockBlocked()).isFalse();
        PartitionSet after = CatalogReaderIT.set(estimated.withSizes(batch.sizes()), "app", "docs");
        assertThat(CatalogReaderIT.member(after, "docs_2").sizesEstimated()).isTrue();
        assertThat(CatalogReaderIT.member(after, "docs_1").sizesEstimated()).isFalse();
        assertThat(after.totals().totalBytes()).isEqualTo(CatalogReaderIT.member(after, "docs_1").totalBytes()
                + CatalogReaderIT.member(after, "docs_2").totalBytes());
    }
}
