package io.partscope.ui.ops;

import io.partscope.core.db.Database;
import io.partscope.core.db.Environment;
import io.partscope.core.ops.BackendSignal;
import io.partscope.core.ops.Blocker;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.LockNote;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.Step;
import io.partscope.ui.Styles;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.BackgroundTask;
import io.partscope.ui.theme.Themes;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A paged window for one operation: Options → Preview (preflight checks, the steps with their exact SQL and locks)
 * → Run (live step states, progress, log; Pause/Resume and Cancel) → Summary (outcome, verification, the journal).
 * Planning and running happen in background tasks of the tab's {@link Activity}. Closing after a run refreshes the
 * tab's catalog.
 */
public final class OperationWizard {
    public static final String ROOT_CLASS = "operation-wizard";
    public static final String PAGE_TITLE_ID = "wizardPageTitle";
    public static final String NEXT_ID = "wizardNext";
    public static final String BACK_ID = "wizardBack";
    public static final String RUN_ID = "wizardRun";
    public static final String PAUSE_ID = "wizardPause";
    public static final String CANCEL_ID = "wizardCancel";
    public static final String CLOSE_ID = "wizardClose";
    public static final String SQL_ID = "wizardSql";
    public static final String CHECKS_ID = "wizardChecks";
    public static final String REFUSAL_ID = "wizardRefusal";
    public static final String STEPS_ID = "wizardSteps";
    public static final String LOG_ID = "wizardLog";
    public static final String OUTCOME_ID = "wizardOutcome";
    public static final String SUMMARY_ID = "wizardSummary";
    public static final String BLOCKERS_ID = "wizardBlockers";
    public static final String JOURNAL_ID = "wizardJournal";
    /** A blocking session's buttons: this prefix, then "-" and its pid. */
    public static final String CANCEL_BACKEND_ID = "wizardCancelBackend";
    public static final String TERMINATE_BACKEND_ID = "wizardTerminateBackend";
    public static final String SIGNAL_RESULT_ID = "wizardSignalResult";
    public static final String SIGNAL_DISABLED_ID = "wizardSignalDisabled";
    public static final String SIGNAL_CONFIRM_ID = "wizardSignalConfirm";

    enum Page { OPTIONS, PREVIEW, RUN, SUMMARY }

    private final WizardModel model;
    private final Activity activity;
    private final Database database;
    private final boolean readOnly;
    private final Runnable afterRun;
    private final OperationRunViewModel run;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final Label pageTitle = new Label();
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.OPTIONS);
    private final ObjectProperty<OperationPlan> plan = new SimpleObjectProperty<>();
    private final BooleanProperty planning = new SimpleBooleanProperty(false);
    private final Label planError = new Label();
    private final Node optionsPage;
    /** The wait panel's Cancel query… / Terminate session… per listed pid, and the latest reading of each. */
    private final java.util.Map<Integer, HBox> signalButtons = new java.util.HashMap<>();
    private final java.util.Map<Integer, Blocker> shownBlockers = new java.util.HashMap<>();

    public OperationWizard(Window owner, WizardModel model, Activity activity, Database database, boolean readOnly,
            Runnable afterRun) {
        this.model = model;
        this.activity = activity;
        this.database = database;
        this.readOnly = readOnly;
        this.afterRun = afterRun;
        this.run = new OperationRunViewModel(activity, database, Environment.system(), readOnly);
        this.optionsPage = model.optionsPage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle(model.title());
        root.getStyleClass().add(ROOT_CLASS);
        pageTitle.setId(PAGE_TITLE_ID);
        pageTitle.getStyleClass().add(Styles.SECTION_TITLE);
        planError.getStyleClass().add(Styles.DANGER);
        planError.setWrapText(true);
        root.setTop(pageTitle);
        root.setBottom(buttons());
        page.addListener((o, a, p) -> show(p));
        run.outcomeProperty().addListener((o, a, outcome) -> {
            if (outcome != null) {
                run.log().addAll(model.leftBehind(outcome));
                page.set(Page.SUMMARY);
            }
        });
        show(Page.OPTIONS);
        Scene scene = new Scene(root, 980, 680);
        Themes.style(scene);
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            if (run.runningProperty().get()) {
                event.consume(); // cancel first: the window shows how the step ends
            } else {
                finish();
            }
        });
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public OperationRunViewModel runModel() {
        return run;
    }

    private Node buttons() {
        Button back = new Button("< Back");
        back.setId(BACK_ID);
        back.setOnAction(e -> page.set(Page.OPTIONS));
        back.visibleProperty().bind(page.isEqualTo(Page.PREVIEW));
        back.disableProperty().bind(planning);
        Button next = new Button("Preview >");
        next.setId(NEXT_ID);
        // Enter previews; it never runs (Run is a deliberate click).
        next.defaultButtonProperty().bind(page.isEqualTo(Page.OPTIONS));
        next.setOnAction(e -> preview());
        next.visibleProperty().bind(page.isEqualTo(Page.OPTIONS));
        next.disableProperty().bind(planning);
        Button runButton = new Button("Run");
        runButton.setId(RUN_ID);
        runButton.visibleProperty().bind(page.isEqualTo(Page.PREVIEW));
        runButton.disableProperty().bind(Bindings.createBooleanBinding(() -> planning.get() || plan.get() == null
                || plan.get().refused() || plan.get().steps().isEmpty(), planning, plan));
        runButton.setOnAction(e -> {
            page.set(Page.RUN);
            run.start(plan.get(), model.progressProbe());
        });
        Button pause = new Button("Pause");
        pause.setId(PAUSE_ID);
        pause.textProperty().bind(Bindings.when(run.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> {
            if (run.pausedProperty().get()) {
                run.resume();
            } else {
                run.pause();
            }
        });
        pause.visibleProperty().bind(page.isEqualTo(Page.RUN));
        pause.disableProperty().bind(run.runningProperty().not());
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> {
            if (run.runningProperty().get()) {
                run.cancel();
            } else {
                finish();
                stage.close();
            }
        });
        cancel.visibleProperty().bind(page.isNotEqualTo(Page.SUMMARY));
        Button close = new Button("Close");
        close.setId(CLOSE_ID);
        close.setOnAction(e -> {
            finish();
            stage.close();
        });
        close.visibleProperty().bind(page.isEqualTo(Page.SUMMARY));
        // Esc and Enter both close the summary (nothing is left to cancel by then).
        close.cancelButtonProperty().bind(page.isEqualTo(Page.SUMMARY));
        close.defaultButtonProperty().bind(page.isEqualTo(Page.SUMMARY));
        for (Button b : List.of(back, next, runButton, pause, cancel, close)) {
            b.managedProperty().bind(b.visibleProperty());
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(back, spacer, next, runButton, pause, cancel, close);
        bar.getStyleClass().add(Styles.WIZARD_BUTTONS);
        bar.setAlignment(Pos.CENTER_RIGHT);
        return bar;
    }

    /** Refreshes the catalog once if anything ran. */
    private void finish() {
        if (run.outcomeProperty().get() != null && afterRun != null) {
            afterRun.run();
        }
    }

    private void preview() {
        planError.setText("");
        planning.set(true);
        plan.set(null);
        page.set(Page.PREVIEW);
        activity.run("Planning: " + model.title(), BackgroundTask.of("plan operation",
                cancellation -> model.plan(database, readOnly, cancellation))
                .whenDone(() -> planning.set(false))
                .onSuccess(p -> {
                    plan.set(p);
                    show(Page.PREVIEW);
                })
                .onFailure(failure -> {
                    planError.setText(failure.getMessage() == null ? failure.toString() : failure.getMessage());
                    show(Page.PREVIEW);
                }));
    }

    /** Shows a page without planning or running (the view's tests). */
    void showPage(Page p) {
        page.set(p);
    }

    private void show(Page p) {
        switch (p) {
            case OPTIONS -> {
                pageTitle.setText("1. Options — " + model.title());
                root.setCenter(optionsPage);
            }
            case PREVIEW -> {
                pageTitle.setText("2. Preview — checks, SQL and locks");
                root.setCenter(previewPage());
            }
            case RUN -> {
                pageTitle.setText("3. Run");
                root.setCenter(runPage());
            }
            case SUMMARY -> {
                pageTitle.setText("4. Summary");
                root.setCenter(summaryPage());
            }
        }
    }

    private Node previewPage() {
        VBox box = new VBox();
        box.getStyleClass().add(Styles.WIZARD_PAGE);
        OperationPlan p = plan.get();
        if (p == null) {
            Label waiting = new Label(planning.get() ? "Planning…" : "");
            box.getChildren().addAll(waiting, planError);
            return box;
        }
        Label summary = wrapped(p.summary());
        VBox checks = new VBox();
        checks.setId(CHECKS_ID);
        checks.getStyleClass().add(Styles.WIZARD_CHECKS);
        for (Check c : p.preflight()) {
            checks.getChildren().add(checkLine(c));
        }
        box.getChildren().addAll(summary, section("Preflight"), checks);
        if (p.refused()) {
            Label refusal = wrapped("Run is disabled: " + String.join("; ", p.preflight().stream()
                    .filter(c -> c.status() == Check.Status.REFUSE).map(Check::message).toList()));
            refusal.setId(REFUSAL_ID);
            refusal.getStyleClass().add(Styles.DANGER);
            box.getChildren().add(refusal);
        } else if (p.steps().isEmpty()) {
            Label nothing = new Label("Nothing to do.");
            nothing.setId(REFUSAL_ID);
            box.getChildren().add(nothing);
        }
        List<String> lines = model.previewLines();
        if (!lines.isEmpty()) {
            box.getChildren().add(section("Partitions"));
            for (String line : lines) {
                Label l = new Label(line);
                l.getStyleClass().add(Styles.CODE);
                box.getChildren().add(l);
            }
        }
        if (!p.steps().isEmpty()) {
            box.getChildren().add(section("Steps, their SQL and locks"));
            TextArea sql = new TextArea(sqlText(p));
            sql.setId(SQL_ID);
            sql.setEditable(false);
            sql.setWrapText(true);
            sql.getStyleClass().addAll(Styles.CODE, Styles.WIZARD_SQL);
            sql.setPrefRowCount(18);
            VBox.setVgrow(sql, Priority.ALWAYS);
            box.getChildren().add(sql);
        }
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        return scroll;
    }

    /** The steps as a DBA reads them: title, the locks (relation, mode, why, effect), the exact SQL. */
    static String sqlText(OperationPlan p) {
        StringBuilder out = new StringBuilder();
        int i = 1;
        for (Step s : p.steps()) {
            out.append("-- ").append(i++).append(". ").append(s.title())
                    .append(s.transactional() ? " (one transaction)" : " (autocommit)").append('\n');
            if (s.lockTimeout() != null) {
                out.append("--    lock_timeout ").append(s.lockTimeout().isZero() ? "none: it waits as long as the"
                        + " sessions it waits for" : s.lockTimeout().toMillis() + " ms").append('\n');
            }
            for (LockNote l : s.locks()) {
                out.append("--    lock ").append(l.mode().sql()).append(" on ").append(l.relation())
                        .append(": ").append(l.why()).append(" (").append(l.mode().effect()).append(")\n");
            }
            for (String statement : s.statements()) {
                out.append(statement).append(statement.strip().endsWith(";") ? "" : ";").append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static Node checkLine(Check c) {
        Label icon = new Label(switch (c.status()) {
            case PASS -> "✔";
            case WARN -> "⚠";
            case REFUSE -> "✖";
        });
        icon.getStyleClass().addAll(Styles.WIZARD_CHECK_ICON, switch (c.status()) {
            case PASS -> Styles.WIZARD_PASS;
            case WARN -> Styles.WARNING;
            case REFUSE -> Styles.DANGER;
        });
        Label text = wrapped(c.status().json().toUpperCase(java.util.Locale.ROOT) + "  " + c.name() + ": "
                + c.message());
        HBox line = new HBox(icon, text);
        line.getStyleClass().add(Styles.WIZARD_CHECK);
        return line;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private Node runPage() {
        ListView<OperationRunViewModel.StepLine> steps = new ListView<>(run.steps());
        steps.setId(STEPS_ID);
        steps.setPrefHeight(160);
        steps.setMinHeight(90); // the waiting view takes its room from the log, not from the steps
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(run.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label progressText = new Label();
        progressText.textProperty().bind(run.progressTextProperty());
        ListView<String> log = new ListView<>(run.log());
        log.setId(LOG_ID);
        log.getStyleClass().add(Styles.CODE);
        run.log().addListener((javafx.collections.ListChangeListener<String>) change ->
                log.scrollTo(run.log().size() - 1));
        VBox.setVgrow(log, Priority.ALWAYS);
        Label journal = new Label("Journal: " + run.journalFile());
        journal.getStyleClass().add(Styles.MUTED);
        VBox box = new VBox(section("Steps"), steps, progressText, bar, waitingView(), section("Log"), log, journal);
        box.getStyleClass().add(Styles.WIZARD_PAGE);
        return box;
    }

    /** While a step waits for other sessions (DETACH CONCURRENTLY): who, for how long, and what they run. */
    private Node waitingView() {
        Label title = section("Waiting for these sessions");
        title.getStyleClass().add(Styles.WARNING);
        Label note = wrapped("They hold locks on the tables of this step and began before it. Reads and writes of"
                + " the set go on; the step continues when they end, or when Cancel query… or Terminate session… ends"
                + " their hold. Cancel below stops waiting (a DETACH CONCURRENTLY is then left pending: finish it"
                + " with Finalize detach).");
        note.getStyleClass().add(Styles.MUTED);
        VBox list = new VBox();
        list.setId(BLOCKERS_ID);
        list.getStyleClass().add(Styles.WIZARD_CHECKS);
        Runnable fill = () -> {
            java.util.Set<Integer> pids = new java.util.HashSet<>();
            run.blockers().forEach(b -> pids.add(b.pid()));
            signalButtons.keySet().retainAll(pids);
            shownBlockers.keySet().retainAll(pids);
            list.getChildren().setAll(run.blockers().stream().map(this::blockerWithActions).toList());
        };
        run.blockers().addListener((javafx.collections.ListChangeListener<io.partscope.core.ops.Blocker>) c ->
                fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(110);
        scroll.setMinViewportHeight(110);
        // Disabled buttons take no mouse events (no tooltip): the reason is written out.
        Label disabled = wrapped(run.signalDisabledReason());
        disabled.setId(SIGNAL_DISABLED_ID);
        disabled.getStyleClass().add(Styles.MUTED);
        disabled.setVisible(!run.signalDisabledReason().isEmpty());
        disabled.managedProperty().bind(disabled.visibleProperty());
        Label result = wrapped("");
        result.setId(SIGNAL_RESULT_ID);
        result.textProperty().bind(run.signalResultProperty());
        result.visibleProperty().bind(run.signalResultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        VBox box = new VBox(title, note, disabled, scroll, result);
        box.setMinHeight(Region.USE_PREF_SIZE);
        box.visibleProperty().bind(Bindings.isNotEmpty(run.blockers()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A session as {@link #blockerView} shows it, with Cancel query… and Terminate session… (each confirmed). */
    private Node blockerWithActions(Blocker b) {
        shownBlockers.put(b.pid(), b);
        VBox v = (VBox) blockerView(b);
        v.getChildren().add(signalButtons.computeIfAbsent(b.pid(), this::signalButtons));
        return v;
    }

    /**
     * A session's buttons, kept while it is listed: each reading rebuilds the session's text (its transaction's age
     * grows), and a button replaced under the pointer would lose the click. The action signals the latest reading.
     */
    private HBox signalButtons(int pid) {
        HBox actions = new HBox();
        actions.getStyleClass().add(Styles.WIZARD_BUTTONS);
        for (BackendSignal.Kind kind : BackendSignal.Kind.values()) {
            Button button = new Button(kind.label() + "…");
            button.setId((kind == BackendSignal.Kind.CANCEL ? CANCEL_BACKEND_ID : TERMINATE_BACKEND_ID) + "-"
                    + pid);
            button.setDisable(!run.signalDisabledReason().isEmpty());
            button.setOnAction(e -> {
                Blocker latest = shownBlockers.get(pid);
                if (latest != null && confirmSignal(kind, latest)) {
                    run.signal(kind, latest);
                }
            });
            actions.getChildren().add(button);
        }
        return actions;
    }

    /** Asks before a blocking session is signalled, naming its pid, user, application, state and query. */
    private boolean confirmSignal(BackendSignal.Kind kind, Blocker b) {
        ButtonType send = new ButtonType(kind.label(), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep it", javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", send, keep);
        confirm.initOwner(stage);
        Themes.style(confirm);
        confirm.getDialogPane().setId(SIGNAL_CONFIRM_ID);
        confirm.setTitle(kind.label());
        String text = BackendSignal.confirmation(kind, b);
        int question = text.indexOf("\n\n");
        confirm.setHeaderText(text.substring(0, question));
        confirm.setContentText(text.substring(question + 2));
        // Enter must not signal a session: the safe choice is the default.
        ((Button) confirm.getDialogPane().lookupButton(send)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        confirm.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        return confirm.showAndWait().filter(r -> r == send).isPresent();
    }

    /** One session: pid, state and age; the locks it holds; its (last) query. */
    static Node blockerView(io.partscope.core.ops.Blocker b) {
        Label head = wrapped("pid " + b.pid() + " — " + (b.state() == null ? "state unknown" : b.state())
                + (b.transactionSeconds() == null ? "" : ", transaction open " + b.transactionSeconds() + " s")
                + (b.user() == null ? "" : " — user " + b.user())
                + (b.application() == null || b.application().isBlank() ? "" : ", application " + b.application()));
        VBox v = new VBox(head);
        if (b.locks() != null && !b.locks().isBlank()) {
            Label locks = wrapped("holds " + b.locks());
            locks.getStyleClass().add(Styles.MUTED);
            v.getChildren().add(locks);
        }
        if (b.query() != null && !b.query().isBlank()) {
            Label q = wrapped(b.query());
            q.getStyleClass().add(Styles.CODE);
            v.getChildren().add(q);
        }
        v.getStyleClass().add(Styles.WIZARD_CHECK);
        return v;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * The checks counted by status and reason when the model's lines list the items themselves: "26 of 26 passed",
     * "3 of 26: not lower; an old snapshot ..." once, not once per partition. The reason is what follows the
     * item's own part of the message (up to its first ": ").
     */
    static List<Check> grouped(List<Check> checks) {
        java.util.Map<String, List<Check>> groups = new java.util.LinkedHashMap<>();
        for (Check c : checks) {
            String reason = c.status() == Check.Status.PASS ? "passed" : reason(c.message());
            groups.computeIfAbsent(c.status() + "\u0000" + reason, k -> new ArrayList<>()).add(c);
        }
        List<Check> out = new ArrayList<>();
        for (java.util.Map.Entry<String, List<Check>> g : groups.entrySet()) {
            Check first = g.getValue().get(0);
            String reason = g.getKey().substring(g.getKey().indexOf('\u0000') + 1);
            String counted = g.getValue().size() + " of " + checks.size();
            out.add(new Check("verification", first.status(), first.status() == Check.Status.PASS
                    ? counted + " checks passed (the partitions are listed below)"
                    : counted + ": " + reason + (g.getValue().size() == 1 ? " (" + first.name() + ")" : "")));
        }
        return out;
    }

    private static String reason(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    /**
     * Outcome, verification, the model's lines, the log and the journal, in a scroll pane: after a freeze of hundreds
     * of partitions the page is taller than any window, and the buttons below it must stay in view.
     */
    private Node summaryPage() {
        OperationOutcome o = run.outcomeProperty().get();
        VBox box = new VBox();
        box.setId(SUMMARY_ID);
        box.getStyleClass().add(Styles.WIZARD_PAGE);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        if (o == null) {
            return scroll;
        }
        // wrapped whole: a failure's message says what is done and what is left, to its last word
        Label outcome = wrapped(o.status().json().toUpperCase(java.util.Locale.ROOT) + ": " + o.message());
        outcome.setId(OUTCOME_ID);
        outcome.getStyleClass().addAll(Styles.SECTION_TITLE,
                o.status() == OperationOutcome.Status.SUCCEEDED ? Styles.WIZARD_PASS : Styles.DANGER);
        box.getChildren().add(outcome);
        box.getChildren().add(new Label(o.stepsDone() + " of " + o.steps().size() + " steps done, "
                + java.time.Duration.between(o.started(), o.finished()).toMillis() + " ms"));
        List<String> extra = new ArrayList<>(model.summaryLines(o));
        if (!o.verification().isEmpty()) {
            box.getChildren().add(section("Verification"));
            List<Check> shown = model.summaryListsVerifiedItems() && !extra.isEmpty()
                    ? grouped(o.verification()) : o.verification();
            for (Check c : shown) {
                box.getChildren().add(checkLine(c));
            }
        }
        if (!extra.isEmpty()) {
            box.getChildren().add(section("Partitions"));
            for (String line : extra) {
                Label l = wrapped(line);
                l.getStyleClass().add(Styles.CODE);
                box.getChildren().add(l);
            }
        }
        ListView<String> log = new ListView<>(run.log());
        log.getStyleClass().add(Styles.CODE);
        // A fixed height: the page scrolls, the log scrolls inside it
        log.setPrefHeight(220);
        log.setMinHeight(120);
        Label journal = wrapped("Recorded in the journal: " + run.journalFile()
                + "   — Close (or Esc) refreshes the catalog.");
        journal.setId(JOURNAL_ID);
        journal.getStyleClass().add(Styles.MUTED);
        box.getChildren().addAll(section("Log"), log, journal);
        return scroll;
    }
}
