package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.Json;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.OperationRunner;
import io.partscope.core.ops.ProgressProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The one way an {@code op} subcommand runs its plan: print it, stop there for --dry-run or without --yes, run it
 * on the safe engine with Ctrl-C as cancel, record it in the journal, print the outcome, return the exit code.
 *
 * <p>Exit codes: 0 succeeded (warnings included) or --dry-run; 13 planned without --yes; 11 refused; 9 cancelled
 * or no lock after the retries; 12 connection lost; otherwise the failed step's kind (7 permission denied, 1 an
 * unforeseen error or a failed verification).
 */
public final class OpFlow {
    private final CliContext context;
    private final OpOptions options;

    public OpFlow(CliContext context, OpOptions options) {
        this.context = context;
        this.options = options;
    }

    /**
     * @param extraJson adds operation-specific fields to the JSON document (after the run; outcome may be null)
     * @param afterText prints operation-specific text after the outcome (e.g. freeze's age table)
     */
    public int run(Database db, OperationPlan plan, ExecutionOptions execution, ProgressProbe probe,
            BiConsumer<Map<String, Object>, OperationOutcome> extraJson, BiConsumer<PrintWriter, OperationOutcome> afterText)
            throws IOException {
        PrintWriter out = context.out();
        boolean json = options.json();
        OperationPrinter printer = new OperationPrinter(out);
        Journal journal = Journal.standard(context.environment());
        InterruptedNotice.print(context.err(), db, journal);
        if (!json) {
            printer.printPlan(plan, db, execution);
        }
        OperationOutcome outcome = null;
        int exit;
        Cancellation cancellation = new Cancellation();
        OperationRunner runner = new OperationRunner(db, execution,
                json ? new OperationPrinter(context.err()).liveListener(plan.steps().size())
                        : printer.liveListener(plan.steps().size()), cancellation)
                .journal(journal).progressProbe(probe).command(InterruptedNotice.command(options.mixee()));
        if (plan.steps().isEmpty() && !plan.refused()) {
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("plan", OperationPrinter.planJson(plan, execution));
                doc.put("run", "nothing to do");
                doc.put("outcome", null);
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } else {
                out.println();
                out.println("Nothing to do.");
            }
            out.flush();
            return 0;
        }
        if (plan.refused()) {
            outcome = runner.run(plan); // journals the refusal; nothing runs
            exit = ErrorKind.OPERATION_REFUSED.exitCode();
        } else if (options.dryRun()) {
            outcome = runner.dryRun(plan);
            exit = 0;
        } else if (!options.yes()) {
            exit = OpOptions.NOT_CONFIRMED_EXIT;
        } else {
            if (!json) {
                out.println();
                out.println("Running (Ctrl-C cancels; the journal is " + journal.file() + "):");
                out.flush();
            }
            CountDownLatch done = new CountDownLatch(1);
            Thread onInterrupt = new Thread(() -> {
                cancellation.cancel();
                try {
                    // Let the runner stop, roll back and journal before the JVM exits.
                    done.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cancel-op");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                outcome = runner.run(plan);
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (Ctrl-C): the hook cancelled the operation
                }
            }
            exit = exitCode(outcome);
        }

        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("plan", OperationPrinter.planJson(plan, execution));
            doc.put("run", exit == OpOptions.NOT_CONFIRMED_EXIT ? "not confirmed: add --yes to run it"
                    : outcome.status().json());
            doc.put("outcome", outcome == null ? null : OperationPrinter.outcomeJson(outcome));
            if (extraJson != null) {
                extraJson.accept(doc, outcome);
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else if (outcome == null) {
            out.println();
            out.println("Nothing was changed: add --yes to run it.");
        } else if (outcome.status() == OperationOutcome.Status.DRY_RUN) {
            out.println();
            out.println("Dry run: nothing was changed.");
        } else {
            printer.printOutcome(outcome, afterText == null);
            if (afterText != null) {
                afterText.accept(out, outcome);
            }
        }
        out.flush();
        return exit;
    }

    static int exitCode(OperationOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED, DRY_RUN -> 0;
            case REFUSED -> ErrorKind.OPERATION_REFUSED.exitCode();
            case CANCELLED -> ErrorKind.QUERY_CANCELLED.exitCode();
            case FAILED -> outcome.errorKind() == null ? ErrorKind.INTERNAL.exitCode() : outcome.errorKind().exitCode();
        };
    }
}
