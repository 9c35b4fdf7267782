package io.partscope.ui.ops;

import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.Strategy;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Step;
import io.partscope.core.ops.StepOutcome;
import io.partscope.core.ops.split.SplitAnalysis;
import io.partscope.core.ops.split.SplitDefaultPlanner;
import io.partscope.ui.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The split-DEFAULT wizard: options (interval, copy-ahead threshold), the analysis of the DEFAULT in the preview
 * (what will be created with counts and sizes, what stays, the estimated time writers wait), progress per new
 * partition (one step each), and the verification (before = moved + left) and lock times in the summary.
 */
public final class SplitDefaultWizardModel implements WizardModel {
    public static final String INTERVAL_ID = "splitInterval";
    public static final String COPY_AHEAD_ID = "splitCopyAhead";

    private final String table;
    private final String defaultName;
    private final Strategy strategy;
    private final StringProperty interval = new SimpleStringProperty("");
    private final StringProperty copyAhead = new SimpleStringProperty(Long.toString(SplitDefaultPlanner.COPY_AHEAD_ROWS));
    /** The analysis of the last plan (written off the FX thread by plan(), read on it by the preview). */
    private volatile SplitAnalysis analysis;

    public SplitDefaultWizardModel(PartitionSet set) {
        this.table = set.relationName().qualified();
        this.strategy = set.strategy();
        this.defaultName = set.partitions().stream().filter(m -> m.level() == 1 && m.isDefault())
                .map(m -> m.relationName().qualified()).findFirst().orElse("(no DEFAULT partition)");
    }

    @Override
    public String title() {
        return "Split the DEFAULT partition of " + table;
    }

    /** The request as the CLI would build it from the same options. */
    public SplitDefaultPlanner.Request request() {
        long rows;
        try {
            String text = copyAhead.get().strip().replace(",", "").replace("_", "");
            rows = text.isEmpty() ? 0 : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            rows = SplitDefaultPlanner.COPY_AHEAD_ROWS;
        }
        String i = interval.get() == null || interval.get().isBlank() ? null : interval.get().strip();
        return new SplitDefaultPlanner.Request(i, rows);
    }

    @Override
    public OperationPlan plan(Database db, boolean profileReadOnly, Cancellation cancellation) throws Exception {
        OperationPlan plan = new SplitDefaultPlanner(db).plan(table, request(), profileReadOnly, cancellation);
        analysis = SplitDefaultPlanner.analysis(plan).orElse(null);
        return plan;
    }

    @Override
    public List<String> previewLines() {
        SplitAnalysis a = analysis;
        if (a == null || a.defaultPartition().isEmpty()) {
            return List.of();
        }
        return analysisLines(a);
    }

    /** The analysis as the preview shows it (and the CLI prints it). */
    static List<String> analysisLines(SplitAnalysis a) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %,d rows, %s (counts exact, sizes estimated)", a.defaultPartition(),
                a.defaultRows(), bytes(a.defaultBytes())));
        int width = a.groups().stream().mapToInt(g -> g.name().length()).max().orElse(4);
        for (SplitAnalysis.Group g : a.groups()) {
            lines.add(String.format(Locale.ROOT, "  new  %-" + width + "s %,10d rows %9s  writers wait ~%s%s",
                    g.name(), g.rows(), bytes(g.bytesEstimate()), ms(g.lockMillisEstimate()),
                    g.copyAhead() ? " (copied ahead)" : ""));
        }
        for (SplitAnalysis.Stay s : a.stay()) {
            lines.add(String.format(Locale.ROOT, "  stay %,d rows: %s", s.rows(), s.reason()));
        }
        if (!a.groups().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "Writers of the set wait about %s in all, one short lock per new"
                    + " partition (SHARE ROW EXCLUSIVE: readers continue)", ms(a.lockMillisEstimate())));
        }
        return lines;
    }

    @Override
    public List<String> summaryLines(OperationOutcome outcome) {
        List<String> lines = new ArrayList<>();
        long locked = 0;
        List<String> each = new ArrayList<>();
        for (int i = 0; i < outcome.steps().size() && i < outcome.plan().steps().size(); i++) {
            Step step = outcome.plan().steps().get(i);
            StepOutcome o = outcome.steps().get(i);
            int lock = -1;
            for (int k = 0; k < step.statements().size() && lock < 0; k++) {
                if (step.statements().get(k).startsWith("LOCK TABLE")) {
                    lock = k;
                }
            }
            if (o.status() != StepOutcome.Status.DONE || lock < 0) {
                continue;
            }
            long ms = 0;
            List<Long> times = o.statementMillis();
            for (int k = lock; k < times.size(); k++) {
                ms += times.get(k);
            }
            locked += ms;
            each.add(String.format(Locale.ROOT, "  %s: writers waited %s%s", step.title(), ms(ms),
                    o.attempts() > 1 ? " (" + o.attempts() + " attempts)" : ""));
        }
        if (!each.isEmpty()) {
            lines.add("The set was locked against writers for " + ms(locked) + " in all (from LOCK TABLE to COMMIT):");
            lines.addAll(each);
        }
        return lines;
    }

    @Override
    public Node optionsPage() {
        VBox page = new VBox();
        page.getStyleClass().add(Styles.WIZARD_PAGE);
        Label what = new Label("Moves the rows of " + defaultName + " into new partitions of their own ("
                + (strategy == Strategy.LIST ? "one per value" : "one per interval of the set") + "), each in one short"
                + " transaction that blocks the set's writers (not its readers) and attaches the new partition."
                + " Rows with no partition of their own stay. The preview shows what will be created.");
        what.setWrapText(true);
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.WIZARD_FORM);
        int row = 0;
        if (strategy == Strategy.RANGE) {
            TextField i = field(interval, "the set's (month, week, 1000…)");
            i.setId(INTERVAL_ID);
            grid.addRow(row++, new Label("Interval"), i);
        }
        TextField c = field(copyAhead, Long.toString(SplitDefaultPlanner.COPY_AHEAD_ROWS));
        c.setId(COPY_AHEAD_ID);
        grid.addRow(row++, new Label("Copy ahead from"), c, new Label("rows (copied before the lock; sets with a"
                + " primary key; 0: off, measured faster)"));
        page.getChildren().addAll(what, grid);
        return page;
    }

    private static TextField field(StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    public StringProperty intervalProperty() {
        return interval;
    }

    private static String ms(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f kB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1024.0 / 1024);
        }
        return String.format(Locale.ROOT, "%.1f GB", b / 1024.0 / 1024 / 1024);
    }
}
