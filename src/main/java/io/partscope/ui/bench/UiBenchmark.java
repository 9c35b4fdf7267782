package io.partscope.ui.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.partscope.core.bench.BenchSets;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.db.Environment;
import io.partscope.core.db.PartscopeException;
import io.partscope.ui.MainWindow;
import io.partscope.ui.explain.ExplainSetup;
import io.partscope.ui.explain.ExplainViewModel;
import io.partscope.ui.explain.PlanRow;
import io.partscope.ui.task.FxTaskExecutor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The desktop app at scale (docs/performance.md, "UI at scale"): for each partition count, the real main window
 * connects to a database holding one set of that many partitions ({@link BenchSets}), and the benchmark times each
 * step a user takes (connect until the sets show, select the set until its partitions are drawn, scroll through them,
 * sort, filter, "Only problems", the chart tabs) and the longest time the FX thread did not respond meanwhile
 * ({@link FxStallMonitor}). Stalls over 100 ms are listed with the code the FX thread was in.
 *
 * <pre>
 * xvfb-run -a -s '-screen 0 1920x1200x24' java -cp target/partscope.jar io.partscope.ui.bench.UiBenchmark \
 *     --partitions 10000,100000 [--url URL] [--runs 3] [--json FILE] [--keep-data DIR]
 * </pre>
 */
@Command(name = "UiBenchmark", mixinStandardHelpOptions = true,
        description = "Time to first paint and FX-thread stalls of the desktop app at 10,000s of partitions.")
public final class UiBenchmark implements Callable<Integer> {
    /** Stalls longer than this are listed with where the FX thread was (the target: none). */
    public static final double STALL_TARGET_MS = 100;

    @Option(names = "--partitions", split = ",", defaultValue = "10000,100000",
            description = "Leaf partition counts (default: ${DEFAULT-VALUE}).")
    List<Integer> partitions;

    @Option(names = "--layout", defaultValue = "two-level", converter = LayoutConverter.class,
            description = "How the leaves hang under the root: flat, two-level or deep (default: ${DEFAULT-VALUE}; "
                    + "databases bench_tree_N, bench_tree_flat_N, bench_tree_deep_N as `bench tree` names them).")
    BenchSets.Layout layout;

    /** picocli: the layout as {@code bench tree --layout} spells it. */
    static final class LayoutConverter implements CommandLine.ITypeConverter<BenchSets.Layout> {
        @Override
        public BenchSets.Layout convert(String value) {
            return BenchSets.Layout.parse(value);
        }
    }

    @Option(names = "--runs", defaultValue = "3", description = "Runs per size, each in a new window "
            + "(default: ${DEFAULT-VALUE}); the table shows the median time and the worst stall.")
    int runs;

    @Option(names = "--url", description = "A server of your own, as postgresql://user@host:port/db (superuser: "
            + "creates databases bench_tree_N) instead of an embedded one.")
    String url;

    @Option(names = "--keep-data", description = "Keep the embedded server's cluster in this folder, so the "
            + "partitions are created once (shared with `partscope bench tree --data-dir`).")
    Path keepData;

    @Option(names = "--json", description = "Also write the results to this file as JSON.")
    Path json;

    @Option(names = "--explain-max", defaultValue = "10000", description = "Also time the EXPLAIN view (a plan over "
            + "every leaf, its scan group opened, a generic plan compared with it) up to this many partitions "
            + "(default: ${DEFAULT-VALUE}; the server plans 100,000 partitions for minutes).")
    int explainMax;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for one step "
            + "(default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final PrintStream out;
    private final PrintStream err;

    public UiBenchmark() {
        this(System.out, System.err);
    }

    UiBenchmark(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One step of one run. Times in milliseconds. */
    public record PhaseRun(String phase, double ms, double maxStallMs, double p99StallMs,
            List<FxStallMonitor.Stall> stalls) {
    }

    /** One run at one size. */
    public record Run(int partitions, int run, int memberRows, String status, List<PhaseRun> phases) {
    }

    /** What the JSON holds. */
    public record Report(Map<String, Object> setup, List<Run> runs) {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new UiBenchmark()).execute(args);
        Platform.exit();
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || partitions.isEmpty() || partitions.stream().anyMatch(n -> n < 1)) {
            err.println("UiBenchmark: --runs and every --partitions count must be at least 1");
            return 2;
        }
        Map<String, Object> setup = setup();
        // As the app does at start (PartscopeApp.init): headless AWT, chart classes loaded in the background.
        System.setProperty("java.awt.headless", "true");
        io.partscope.ui.chart.ChartWarmUp.start();
        startFx();
        setup.put("javafx", System.getProperty("javafx.runtime.version"));
        setup.put("layout", layout.label());
        EmbeddedPostgres embedded = null;
        try {
            ConnectionSettings server;
            if (url != null) {
                server = new ConnectionSettingsResolver(Environment.system()).resolve(url, null);
                setup.put("server", server.displayUrl());
            } else {
                embedded = BenchSets.startEmbedded(keepData, err::println);
                server = BenchSets.embeddedSettings(embedded);
                setup.put("server", "embedded, autovacuum off, shared_buffers 256MB");
            }
            List<Run> results = new ArrayList<>();
            for (int n : partitions) {
                String database = BenchSets.databaseName(layout, n);
                long t0 = System.nanoTime();
                if (BenchSets.ensureDatabase(server, database, layout, n, err::println)) {
                    setup.put("created " + database + " (s)", Math.round((System.nanoTime() - t0) / 1e9));
                }
                String target = url != null ? withDatabase(url, database)
                        : "postgresql://postgres@127.0.0.1:" + embedded.getPort() + "/" + database;
                for (int run = 1; run <= runs; run++) {
                    err.printf(Locale.ROOT, "%,d partitions, run %d of %d%n", n, run, runs);
                    results.add(runOnce(n, run, target));
                }
            }
            printTable(results);
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                        new Report(setup, results));
                err.println("wrote " + json);
            }
            return 0;
        } catch (PartscopeException | IllegalStateException | java.util.concurrent.TimeoutException e) {
            // the app showed an error, or a step never finished: the message says which
            err.println("UiBenchmark: " + e.getMessage());
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private Map<String, Object> setup() {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        setup.put("cores", Runtime.getRuntime().availableProcessors());
        setup.put("max heap (MiB)", Runtime.getRuntime().maxMemory() / 1048576);
        return setup;
    }

    private static void startFx() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        Platform.setImplicitExit(false);
    }

    /** A new window, the scenario, the window closed. */
    private Run runOnce(int partitions, int run, String target) throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(2);
        long timeoutMs = Duration.ofSeconds(timeoutSeconds).toMillis();
        MainWindow window = new BenchDriver(null, timeoutMs).fx(() -> {
            Stage stage = new Stage();
            MainWindow w = MainWindow.create(stage, executor);
            stage.show();
            return w;
        });
        BenchDriver ui = new BenchDriver(window.stage().getScene(), timeoutMs);
        FxStallMonitor monitor = new FxStallMonitor();
        List<PhaseRun> phases = new ArrayList<>();
        try {
            ui.awaitPulse();
            ui.awaitPulse();
            String setName = "public." + BenchSets.SET_NAME;
            phase(phases, monitor, "connect, sets shown", () -> {
                ui.connect(target);
                ui.awaitSetsShown();
            });
            phase(phases, monitor, "select set, partitions drawn", () -> {
                ui.selectSet(setName);
                ui.awaitMembersShown(BenchSets.SET_NAME + "_");
            });
            // The first screen above may be a large set's first level; this is the rest of it replacing that.
            phase(phases, monitor, "whole set drawn", () -> ui.awaitReadsDone(
                    () -> window.viewModel().currentSession().browser().isWholeSetShown()));
            phase(phases, monitor, "every set read, exact sizes measured", () -> ui.awaitReadsDone(() -> {
                var session = window.viewModel().currentSession();
                return !session.activity().isBusy() && !session.browser().measuringSizesProperty().get();
            }));
            // The same server work without the app: what "exact sizes in at most 1.5x the bare size queries" is read
            // against, in the same run (after the sizes step, so the two never share the server).
            phase(phases, monitor, BARE_SIZES_STEP, () -> bareSizeQueries(target));
            err.printf(Locale.ROOT, "  exact sizes measured / bare size queries: %.2fx%n",
                    phases.get(phases.size() - 2).ms() / phases.get(phases.size() - 1).ms());
            int rows = ui.memberRows();
            String status = ui.statusText();
            err.println("  status: " + status);
            phase(phases, monitor, "scroll top to bottom, 50 steps", () -> {
                int steps = 50;
                for (int i = 0; i < steps; i++) {
                    ui.scrollMembersTo((int) ((long) i * Math.max(0, rows - 1) / (steps - 1)));
                }
            });
            phase(phases, monitor, "sort by XID age", () -> ui.sortMembersBy("XID age", true));
            phase(phases, monitor, "type filter \"p777\"", () -> ui.typeMemberFilter("p777"));
            phase(phases, monitor, "clear filter", ui::clearMemberFilter);
            phase(phases, monitor, "Only problems on", ui::toggleOnlyProblems);
            phase(phases, monitor, "Only problems off", ui::toggleOnlyProblems);
            List<String> tabs = ui.setTabTitles();
            for (String tab : tabs.subList(1, tabs.size())) {
                if (tab.equals("Details")) {
                    continue;
                }
                phase(phases, monitor, "tab " + tab, () -> ui.showSetTab(tab));
            }
            phase(phases, monitor, "tab " + tabs.get(0) + " again", () -> ui.showSetTab(tabs.get(0)));
            if (partitions <= explainMax) {
                explainPhases(phases, monitor, ui, window, setName);
            }
            return new Run(partitions, run, rows, status, phases);
        } finally {
            ui.fx(() -> {
                window.viewModel().shutdown();
                window.stage().close();
                return null;
            });
            executor.close();
            executor.awaitTermination(Duration.ofSeconds(10));
            System.gc();
        }
    }

    /** The step that times sizes.sql alone, beside "every set read, exact sizes measured". */
    static final String BARE_SIZES_STEP = "bare size queries (sizes.sql, every leaf)";

    /**
     * sizes.sql (stage 2's size functions) over every leaf of the database in one statement, rows thrown away: the
     * server's part of measuring every size, without batches, merges or swaps.
     */
    private static void bareSizeQueries(String target) throws Exception {
        ConnectionSettings settings = new ConnectionSettingsResolver(Environment.system()).resolve(target, null);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(settings.jdbcUrl(),
                settings.jdbcProperties()); java.sql.Statement s = c.createStatement()) {
            List<Long> leaves = new ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery(
                    "SELECT oid::bigint FROM pg_class WHERE relkind = 'r' AND relispartition")) {
                while (rs.next()) {
                    leaves.add(rs.getLong(1));
                }
            }
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = c.prepareStatement(io.partscope.core.db.SqlResource.load(
                    io.partscope.core.catalog.SizeReader.class, "sizes.sql"))) {
                ps.setFetchSize(2_000);
                ps.setArray(1, c.createArrayOf("bigint", leaves.toArray()));
                ps.setArray(2, c.createArrayOf("bigint", new Object[0]));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(2);
                    }
                }
            }
            c.rollback();
        }
    }

    /**
     * The EXPLAIN view at this size: a plan that scans every leaf drawn (grid, timeline, plan tree), the group of
     * its N scans opened in the plan tree, then the generic plan of a prepared lookup (planned over every leaf, all
     * but one removed at executor start) compared with it side by side.
     */
    private void explainPhases(List<PhaseRun> phases, FxStallMonitor monitor, BenchDriver ui, MainWindow window,
            String setName) throws Exception {
        ExplainViewModel explain = ui.fx(() -> window.currentView().session().explain());
        phase(phases, monitor, "EXPLAIN every leaf, drawn", () -> {
            ui.fx(() -> {
                window.currentView().showExplain();
                explain.queryProperty().set("SELECT count(*) FROM " + setName);
                explain.run();
                return null;
            });
            ui.awaitExplain(explain, false);
        });
        err.println("  explain: " + ui.fx(() -> window.currentView().explain().targetView().header().getText()));
        phase(phases, monitor, "EXPLAIN open the scan group", () -> {
            ui.fx(() -> {
                openFirstGroup(window.currentView().explain().planTree().table().getRoot());
                return null;
            });
            ui.awaitPulse();
            ui.awaitPulse();
        });
        phase(phases, monitor, "EXPLAIN generic plan, compared", () -> {
            ui.fx(() -> {
                explain.pin();
                explain.setupTextProperty().set("PREPARE bench_lookup(bigint) AS SELECT * FROM " + setName
                        + " WHERE id = $1;");
                explain.planCacheModeProperty().set(ExplainSetup.PlanCacheMode.FORCE_GENERIC_PLAN);
                explain.queryProperty().set("EXECUTE bench_lookup(5000)");
                explain.run();
                return null;
            });
            ui.awaitExplain(explain, true);
        });
        err.println("  compared: " + ui.fx(() -> window.currentView().explain().comparisonView().title().getText()));
        ui.fx(() -> {
            window.currentView().showBrowser();
            return null;
        });
    }

    /** Expands the first scan group of the plan tree (depth first), as a click on its arrow would. */
    private static boolean openFirstGroup(javafx.scene.control.TreeItem<PlanRow> item) {
        if (item == null) {
            return false;
        }
        if (item.getValue().isGroup()) {
            item.setExpanded(true);
            return true;
        }
        for (javafx.scene.control.TreeItem<PlanRow> child : item.getChildren()) {
            if (openFirstGroup(child)) {
                return true;
            }
        }
        return false;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void phase(List<PhaseRun> phases, FxStallMonitor monitor, String name, Step step) throws Exception {
        monitor.start();
        long t0 = System.nanoTime();
        try {
            step.run();
        } finally {
            double ms = (System.nanoTime() - t0) / 1e6;
            FxStallMonitor.Result stall = monitor.stop();
            phases.add(new PhaseRun(name, ms, stall.maxMs(), stall.p99Ms(), stall.stalls()));
            err.printf(Locale.ROOT, "  %-32s %9.0f ms   longest stall %7.1f ms   p99 %6.1f ms%n", name, ms,
                    stall.maxMs(), stall.p99Ms());
        }
    }

    /** The markdown table of docs/performance.md, then the stalls over the target with where they were. */
    private void printTable(List<Run> results) {
        out.println("| partitions | step | time (ms, median) | longest FX stall (ms, worst run) | p99 FX stall (ms, "
                + "median) |");
        out.println("|---:|---|---:|---:|---:|");
        Map<Integer, List<Run>> bySize = new LinkedHashMap<>();
        results.forEach(r -> bySize.computeIfAbsent(r.partitions(), k -> new ArrayList<>()).add(r));
        for (var size : bySize.entrySet()) {
            List<Run> sizeRuns = size.getValue();
            for (int p = 0; p < sizeRuns.get(0).phases().size(); p++) {
                int i = p;
                List<PhaseRun> same = sizeRuns.stream().map(r -> r.phases().get(i)).toList();
                out.println(String.format(Locale.ROOT, "| %,d | %s | %.0f | %.0f | %.1f |", size.getKey(),
                        same.get(0).phase(), median(same.stream().mapToDouble(PhaseRun::ms).toArray()),
                        same.stream().mapToDouble(PhaseRun::maxStallMs).max().orElse(0),
                        median(same.stream().mapToDouble(PhaseRun::p99StallMs).toArray())));
            }
        }
        out.println();
        out.println("FX-thread stalls over " + (int) STALL_TARGET_MS + " ms, per step, with where the FX thread was "
                + "(stack samples every 5 ms: outermost … innermost Partscope frame > innermost frame):");
        boolean any = false;
        for (var size : bySize.entrySet()) {
            List<Run> sizeRuns = size.getValue();
            for (int p = 0; p < sizeRuns.get(0).phases().size(); p++) {
                int i = p;
                List<FxStallMonitor.Stall> stalls = sizeRuns.stream()
                        .flatMap(r -> r.phases().get(i).stalls().stream()).toList();
                if (stalls.isEmpty()) {
                    continue;
                }
                any = true;
                out.println(String.format(Locale.ROOT, "- %,d partitions, %s: %d stalls in %d runs, longest %.0f ms",
                        size.getKey(), sizeRuns.get(0).phases().get(i).phase(), stalls.size(), sizeRuns.size(),
                        stalls.stream().mapToDouble(FxStallMonitor.Stall::ms).max().orElse(0)));
                Map<String, Integer> where = new LinkedHashMap<>();
                stalls.forEach(st -> st.where().forEach((k, v) -> where.merge(k, v, Integer::sum)));
                int total = where.values().stream().mapToInt(Integer::intValue).sum();
                where.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(
                        Comparator.reverseOrder())).limit(6)
                        .forEach(e -> out.println("    " + e.getValue() + "/" + total + " x " + e.getKey()));
            }
        }
        if (!any) {
            out.println("- none");
        }
        out.flush();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** The URL with another database: postgresql://u@h:p/postgres?x -> postgresql://u@h:p/DB?x. */
    static String withDatabase(String url, String database) throws PartscopeException {
        try {
            URI u = new URI(url);
            return new URI(u.getScheme(), u.getRawUserInfo() == null ? null : u.getUserInfo(), u.getHost(),
                    u.getPort(), "/" + database, u.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            throw new PartscopeException(io.partscope.core.db.ErrorKind.BAD_INPUT,
                    "--url must be a URL such as postgresql://postgres@localhost:5432/postgres: " + e.getMessage(), e);
        }
    }
}
