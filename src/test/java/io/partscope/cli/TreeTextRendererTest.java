package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.support.Members;
import io.partscope.ui.Formats;
import io.partscope.ui.browser.PartitionSetRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The set line of {@code tree}'s text: the numbers the app shows, said the way the app says them. */
class TreeTextRendererTest {
    private static final long CLUSTER = Members.CLUSTER_FREEZE_MAX_AGE;

    private static String render(PartitionSet set) {
        StringWriter text = new StringWriter();
        new TreeTextRenderer(new PrintWriter(text, true)).render(new CatalogSnapshot("18.1", 180001, "test",
                OffsetDateTime.parse("2026-12-01T00:00:00Z"), CLUSTER, null, List.of(), List.of(set)));
        return text.toString();
    }

    private static String appPercent(PartitionSet set) {
        return Formats.percent(PartitionSetRow.of(set).worstXidAgeFraction());
    }

    @Test
    void aPartitionsOwnFreezeMaxAgeGivesTheSamePercentageAsTheApp() {
        // 95M under its own 100M reloption: 95 %, not 48 % of the cluster's 200M
        PartitionSet set = Members.set("events", List.of(
                Members.leaf("events", 1, "events_2026_01", "FOR VALUES FROM (1) TO (2)", false, 10, 95_000_000L,
                        100_000_000L, null),
                Members.leaf("events", 1, "events_2026_02", "FOR VALUES FROM (2) TO (3)", false, 10, 20_000_000L,
                        CLUSTER, null)));

        assertThat(appPercent(set)).isEqualTo("95%");
        assertThat(render(set)).contains("worst XID age 95.0M (" + appPercent(set) + " of 100.0M)");
    }

    @Test
    void whenTheOldestIsNotClosestToItsLimitTheLineNamesTheOneThatIs() {
        PartitionSet set = Members.set("events", List.of(
                Members.leaf("events", 1, "events_2026_01", "FOR VALUES FROM (1) TO (2)", false, 10, 95_000_000L,
                        100_000_000L, null),
                Members.leaf("events", 1, "events_2026_02", "FOR VALUES FROM (2) TO (3)", false, 10, 150_000_000L,
                        CLUSTER, null)));

        assertThat(appPercent(set)).isEqualTo("95%");
        assertThat(render(set)).contains("worst XID age 150.0M (closest to its limit: public.events_2026_01 at"
                + " 95.0M, 95% of 100.0M)");
    }

    @Test
    void aSmallShareReadsAsInTheApp() {
        PartitionSet set = Members.set("calls", List.of(
                Members.leaf("calls", 1, "calls_1", "FOR VALUES FROM (1) TO (2)", false, 10, 980_900L, 100_000_000L,
                        null)));

        assertThat(render(set)).contains("(" + appPercent(set) + " of 100.0M)").contains("(1.0% of 100.0M)");
    }

    @Test
    void subPartitionsAreCountedAsPartitionsWithTheirLeavesAndTheirDefaultsAreSaidToBeBelow() {
        List<PartitionMember> members = new ArrayList<>();
        for (String month : List.of("2026_01", "2026_02")) {
            String parent = "events_" + month;
            List<PartitionMember> leaves = List.of(
                    Members.leaf(parent, 2, parent + "_eu", "FOR VALUES IN ('eu')", false, 50, 10, CLUSTER, null),
                    Members.leaf(parent, 2, parent + "_default", "DEFAULT", true, 492, 10, CLUSTER, null));
            members.add(Members.branch("events", parent, "FOR VALUES FROM (1) TO (2)", leaves));
            members.addAll(leaves);
        }

        String text = render(Members.set("events", members));

        assertThat(text).contains("  6 partitions (4 leaves), ")
                .contains(", 984 rows in the DEFAULTs of 2 sub-partitions (none at the top level)");
    }
}
