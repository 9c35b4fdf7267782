package io.partscope.ui.chart;

import io.partscope.core.catalog.PartitionSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Renders the three charts for a realistic set to PNG files, to look at them (and for docs/images). Not a test:
 * run with {@code java -Djava.awt.headless=true -cp target/classes:target/test-classes:<deps>
 * io.partscope.ui.chart.ChartPreview [folder]}.
 */
public final class ChartPreview {
    private ChartPreview() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/chart-preview");
        LocalDate first = LocalDate.of(2025, 10, 1);
        PartitionSet metrics = ChartFixtures.dailyMetrics(first, 400,
                List.of(LocalDate.of(2026, 3, 14), LocalDate.of(2026, 3, 15)), 18_250);
        Clock clock = Clock.fixed(Instant.parse("2026-09-20T09:30:00Z"), ZoneOffset.UTC);

        ChartExport.savePng(SizeChart.createChart(metrics), folder.resolve("chart-size.png"), 1200, 520);
        ChartExport.savePng(XidAgeChart.createChart(metrics, ChartFixtures.FREEZE_MAX_AGE, ChartFixtures.FAILSAFE_AGE),
                folder.resolve("chart-xid-age.png"), 1200, 560);
        ChartExport.savePng(RangeTimelineChart.createChart(metrics, clock).orElseThrow(),
                folder.resolve("chart-timeline.png"), 1200, 340);
        System.out.println("wrote " + folder.toAbsolutePath());
    }
}
