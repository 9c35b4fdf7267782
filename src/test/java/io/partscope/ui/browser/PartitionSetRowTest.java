package io.partscope.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionSetRowTest {

    @Test
    void summarisesTheSetFromItsTotalsAndWorstLeaf() {
        PartitionSetRow row = PartitionSetRow.of(CatalogFixtures.set("events", List.of(
                CatalogFixtures.leaf("events", "events_2024", "FOR VALUES FROM (1) TO (2)", false, 8192, 100, 5,
                        50_000_000, false),
                CatalogFixtures.leaf("events", "events_2025", "FOR VALUES FROM (2) TO (3)", false, 16384, 200, 0,
                        150_000_000, true),
                CatalogFixtures.leaf("events", "events_default", "DEFAULT", true, 8192, 7, 0, 1_000, false))));

        assertEquals("public.events", row.name());
        assertEquals("declarative", row.kind());
        assertEquals("range", row.strategy());
        assertEquals(3, row.partitions());
        assertEquals(32768L, row.totalBytes());
        assertEquals(150_000_000L, row.worstXidAge());
        assertEquals(0.75, row.worstXidAgeFraction(), 1e-9);
        assertEquals(5L, row.deadTuples());
        assertEquals(7L, row.defaultRows());
        assertEquals(1, row.detachPending());
    }

    @Test
    void aSetWithoutDefaultPartitionHasNoDefaultRows() {
        PartitionSetRow row = PartitionSetRow.of(CatalogFixtures.set("logs", List.of(
                CatalogFixtures.leaf("logs", "logs_a", "FOR VALUES IN ('a')", false, 8192, 1, 0, 10, false))));

        assertNull(row.defaultRows());
    }

    @Test
    void filterMatchesNameStrategyAndKeyIgnoringCase() {
        PartitionSetRow row = PartitionSetRow.of(CatalogFixtures.set("Events", List.of()));

        assertTrue(row.matches("events"));
        assertTrue(row.matches("range"));
        assertTrue(row.matches("(at)"));
        assertFalse(row.matches("orders"));
    }

    @Test
    void memberRowFlagsDefaultAndDetachPending() {
        MemberRow row = MemberRow.of(CatalogFixtures.leaf("t", "t_default", "DEFAULT", true, 1, 1, 0, 1, true));

        assertEquals(List.of(MemberRow.DEFAULT, MemberRow.DETACH_PENDING), row.flags());
    }
}
