package io.partscope.ui.chart;

import io.partscope.core.catalog.BloatStatus;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.SetKind;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.catalog.Totals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Hand-built partition sets for the chart tests and the preview; no server needed. */
final class ChartFixtures {
    static final long FREEZE_MAX_AGE = 200_000_000L;
    static final long FAILSAFE_AGE = 1_600_000_000L;

    private ChartFixtures() {
    }

    static PartitionMember root(String name, String key) {
        return new PartitionMember(1, "public", name, null, null, List.of(), 0, false, false, null, key, false,
                RelKind.PARTITIONED_TABLE, Persistence.PERMANENT, null, List.of(), 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                null, null, FREEZE_MAX_AGE, null, null, BloatStatus.NOT_APPLICABLE, null, null, null, null, null,
                false);
    }

    static PartitionMember leaf(String parent, String name, String bound, long bytes, long rows, Long xidAge,
            long freezeMaxAge) {
        return member(parent, name, 1, bound, bytes, rows, xidAge, freezeMaxAge);
    }

    static PartitionMember member(String parent, String name, int level, String bound, long bytes, long rows,
            Long xidAge, long freezeMaxAge) {
        return new PartitionMember(2, "public", name, "public", parent, List.of(), level, true,
                "DEFAULT".equals(bound), bound, null, false, RelKind.TABLE, Persistence.PERMANENT, null, List.of(),
                bytes, bytes, 0L, 0L, rows, rows, 0L, 0L, xidAge, 10L, freezeMaxAge, 0L, 0.0, BloatStatus.ESTIMATED,
                null, null, null, null, null, false);
    }

    static PartitionSet set(String name, Strategy strategy, String key, List<PartitionMember> members) {
        List<PartitionMember> leaves = members.stream().filter(PartitionMember::isLeaf).toList();
        long bytes = leaves.stream().mapToLong(PartitionMember::totalBytes).sum();
        long rows = leaves.stream().mapToLong(PartitionMember::liveTuples).sum();
        Long maxXid = leaves.stream().map(PartitionMember::xidAge).filter(a -> a != null).max(Long::compare)
                .orElse(null);
        long defaultRows = leaves.stream().filter(PartitionMember::isDefault).mapToLong(PartitionMember::liveTuples)
                .sum();
        int defaults = (int) leaves.stream().filter(PartitionMember::isDefault).count();
        Totals totals = new Totals(members.size(), leaves.size(), bytes, bytes, 0, 0, rows, rows, 0, maxXid, 10L, 0,
                defaults, defaultRows, 0);
        return new PartitionSet(root(name, key), SetKind.DECLARATIVE, strategy, key, members, totals);
    }

    static String daily(LocalDate day) {
        return "FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')";
    }

    /**
     * {@code days} daily partitions from {@code first} (timestamptz key), leaving out {@code missing} (a gap), plus
     * a DEFAULT with {@code defaultRows} rows. Sizes grow over time with a weekly rhythm; XID ages fall from 90% of
     * the freeze max age for the oldest partition to young for the newest; every 50th partition has its own, lower
     * freeze max age.
     */
    static PartitionSet dailyMetrics(LocalDate first, int days, List<LocalDate> missing, long defaultRows) {
        List<PartitionMember> members = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            if (missing.contains(day)) {
                continue;
            }
            double growth = 0.4 + 0.6 * i / days;
            double weekday = day.getDayOfWeek().getValue() >= 6 ? 0.45 : 1.0;
            long bytes = (long) (900L * 1024 * 1024 * growth * weekday * (0.9 + 0.2 * ((i * 7919) % 13) / 13.0));
            long rows = bytes / 180;
            long age = (long) (0.9 * FREEZE_MAX_AGE * Math.pow((days - i) / (double) days, 1.3)) + 15_000;
            long own = i % 50 == 25 ? 150_000_000L : FREEZE_MAX_AGE;
            members.add(leaf("metrics", "metrics_" + day.toString().replace('-', '_'), daily(day), bytes, rows, age,
                    own));
        }
        members.add(leaf("metrics", "metrics_default", "DEFAULT", 48L * 1024 * 1024, defaultRows, 2_500_000L,
                FREEZE_MAX_AGE));
        return set("metrics", Strategy.RANGE, "RANGE (recorded_at)", members);
    }
}
