package io.partscope.ui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.explain.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping of sibling scans, the labels and the numbers of the plan tree's rows. */
class PlanRowTest {
    private int nextId;

    private PlanNode scan(String table, Long loops, List<PlanNode> children) {
        return new PlanNode(nextId++, "Seq Scan", "Member", null, new PlanNode.RelationRef("public", table), table,
                null, null, null, 0.0, 10.0, 100.0, loops == null ? null : 0.01, loops == null ? null : 0.5,
                loops == null ? null : 7.0, loops, loops == null ? null : 3L, loops == null ? null : 1L, null, null,
                null, null, null, null, Map.of("Filter", "(v > 0)"), List.of(), children);
    }

    private PlanNode append(int scans, boolean analyze) {
        int id = nextId++;
        List<PlanNode> children = new ArrayList<>();
        children.add(new PlanNode(nextId++, "Result", "Member", null, null, null, null, null, null, 0.0, 1.0, 1.0,
                null, null, null, null, null, null, null, null, null, null, null, null, Map.of(), List.of(),
                List.of()));
        for (int i = 0; i < scans; i++) {
            children.add(scan("events_" + i, analyze ? (i < 4 ? 1L : 0L) : null, List.of()));
        }
        return new PlanNode(id, "Append", null, null, null, null, null, null, null, 0.0, 960.0, 9600.0, null, null,
                null, null, null, null, null, null, null, null, null, null, Map.of(), List.of(), children);
    }

    @Test
    void manySiblingScansBecomeOneGroupAndTheirMembersAppearOnlyWhenAsked() {
        PlanRow root = PlanRow.root(append(96, true));

        List<PlanRow> children = root.children();
        assertEquals(2, children.size());
        assertEquals("Result", children.get(0).label());
        PlanRow group = children.get(1);
        assertTrue(group.isGroup());
        assertEquals("96 × Seq Scan on events_* — 4 executed, 92 never executed", group.label());
        assertEquals(96 * 100.0, group.estRows());
        assertEquals(4 * 7.0, group.actualRows(), "rows of all loops");
        assertEquals(4L, group.loops());
        assertEquals(96 * 3L, group.sharedHit());
        assertFalse(group.neverExecuted());
        assertEquals(96, group.children().size());
        assertEquals("Seq Scan on events_95", group.children().get(95).label());
        assertTrue(group.children().get(95).neverExecuted());
        assertEquals("Filter: (v > 0)", group.children().get(0).conditions());
    }

    @Test
    void aLargeGroupOpensInChunks() {
        PlanRow group = PlanRow.root(append(1200, false)).children().get(1);
        assertEquals("1200 × Seq Scan on events_*", group.label());
        assertEquals(List.of("500 × Seq Scan on events_* (1–500 of 1,200)",
                "500 × Seq Scan on events_* (501–1,000 of 1,200)", "200 × Seq Scan on events_* (1,001–1,200 of 1,200)"),
                group.children().stream().map(PlanRow::label).toList());
        assertEquals("Seq Scan on events_1199", group.children().get(2).children().get(199).label());
    }

    @Test
    void aFewSiblingsStayRowsOfTheirOwn() {
        PlanRow root = PlanRow.root(append(PlanRow.GROUP_MIN - 1, false));
        assertEquals(PlanRow.GROUP_MIN, root.children().size());
        assertTrue(root.children().stream().noneMatch(PlanRow::isGroup));
    }

    @Test
    void aGroupContainsTheNodesOfItsMembersSubtrees() {
        PlanNode plan = append(20, false);
        PlanRow group = PlanRow.root(plan).children().get(1);
        int firstScan = plan.children().get(1).id();
        int lastScan = plan.children().get(20).id();
        assertTrue(group.contains(firstScan));
        assertTrue(group.contains(lastScan));
        assertFalse(group.contains(plan.id()));
        assertFalse(group.contains(plan.children().get(0).id()));
    }

    @Test
    void selfTimeIsTheNodesTotalLessItsChildren() {
        PlanNode child = scan("a", 2L, List.of());
        PlanNode parent = new PlanNode(nextId++, "Hash", null, null, null, null, null, null, null, 0.0, 1.0, 1.0, 0.0,
                3.0, 1.0, 1L, null, null, null, null, null, null, null, null, Map.of(), List.of(), List.of(child));
        PlanRow row = PlanRow.of(parent);
        assertEquals(3.0, row.timeMs());
        assertEquals(2.0, row.selfMs(), 1e-9, "3 ms less 2 loops of 0.5 ms");
        assertNull(PlanRow.of(scan("b", null, List.of())).timeMs(), "no times without ANALYZE");
    }

    @Test
    void commonNameIsThePrefixWithAStar() {
        assertEquals("events_*", PlanRow.commonName(List.of(scan("events_2026_01", null, List.of()),
                scan("events_2025_12", null, List.of()))));
        assertEquals("events_2026_*", PlanRow.commonName(List.of(scan("events_2026_01", null, List.of()),
                scan("events_2026_12", null, List.of()))));
        assertEquals("t", PlanRow.commonName(List.of(scan("t", null, List.of()), scan("t", null, List.of()))));
    }
}
