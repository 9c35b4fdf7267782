package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.CtrlC;
import io.partscope.cli.ConnectionOptions;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationOutcome;
import io.partscope.core.ops.WaitProbe;
import io.partscope.core.ops.detach.Aftermath;
import io.partscope.core.ops.detach.DetachPlanner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code partscope op detach}: DETACH PARTITION, CONCURRENTLY (14+, no DEFAULT partition) or plain, then keep,
 * rename, archive or drop the table. While CONCURRENTLY waits, the transactions it waits for are printed; when it
 * is interrupted the partition is left pending and the output says how to finish it ({@code op finalize}).
 */
@Command(name = "detach", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Detach a partition from its set (CONCURRENTLY: reads and writes go on), then keep, rename,"
                + " archive or drop the table.",
        footer = {"", "Examples:",
            "  partscope op detach --url URL --partition public.events_2024_01 --concurrently --then archive:archive",
            "  partscope op detach --url URL --partition shop.orders_nl --then drop --yes"})
public final class OpDetachCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OpOptions op;

    @Option(names = "--partition", required = true, paramLabel = "SCHEMA.NAME",
            description = "The partition to detach, as SQL writes it (\"Odd Schema\".\"Events 2024\").")
    String partition;

    @Option(names = "--concurrently",
            description = "DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+, refused when the set has a DEFAULT"
                    + " partition): SHARE UPDATE EXCLUSIVE on the parent, waits for the transactions using it."
                    + " Without it: ACCESS EXCLUSIVE on the parent for one short transaction.")
    boolean concurrently;

    @Option(names = "--then", paramLabel = "keep|drop|archive:SCHEMA|rename:NAME", defaultValue = "keep",
            description = "What happens to the detached table (default: ${DEFAULT-VALUE}).")
    String then;

    public OpDetachCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Aftermath aftermath = Aftermath.parse(then);
        ExecutionOptions execution = op.execution(spec);
        try (Database db = connection.open(context.environment())) {
            DetachPlanner planner = new DetachPlanner(db);
            DetachPlanner.DetachPlan plan = CtrlC.cancels(context, c -> planner.plan(
                    new DetachPlanner.Request(partition, concurrently, aftermath, connection.readOnly()), c));
            RelationName parent = plan.target().parent();
            return new OpFlow(context, op).run(db, plan.plan(), execution, new WaitProbe(),
                    (doc, outcome) -> {
                        PendingAfter after = pendingAfter(planner, parent, outcome);
                        doc.put("pending_detach", after.partition() == null ? null : after.partition().qualified());
                        doc.put("pending_detach_unknown", after.unknownBecause());
                    },
                    (out, outcome) -> {
                        printChecks(out, outcome);
                        PendingAfter after = pendingAfter(planner, parent, outcome);
                        if (after.partition() != null) {
                            pendingHint(out, after.partition(), parent);
                        } else if (after.unknownBecause() != null && concurrently) {
                            unknownPendingHint(out, plan.target().partition(), parent, after.unknownBecause());
                        }
                    });
        }
    }

    /**
     * Which partition of the parent is pending detach after the run, or why that could not be asked (the server
     * went away: an interrupted DETACH CONCURRENTLY may have left one pending all the same).
     */
    private record PendingAfter(RelationName partition, String unknownBecause) {
        static final PendingAfter NONE = new PendingAfter(null, null);
    }

    /** After a run that did not succeed: is a detach of the parent pending now? */
    private static PendingAfter pendingAfter(DetachPlanner planner, RelationName parent, OperationOutcome outcome) {
        if (outcome == null || outcome.status() == OperationOutcome.Status.DRY_RUN
                || outcome.status() == OperationOutcome.Status.REFUSED
                || outcome.status() == OperationOutcome.Status.SUCCEEDED) {
            return PendingAfter.NONE;
        }
        try {
            return new PendingAfter(planner.pendingDetach(parent).orElse(null), null);
        } catch (PartscopeException e) {
            return new PendingAfter(null, e.getMessage());
        }
    }

    static void pendingHint(PrintWriter out, RelationName pending, RelationName parent) {
        out.println();
        out.println(pending.qualified() + " is PENDING DETACH from " + parent.qualified() + ": queries through the"
                + " parent no longer see it and inserts into its range fail. Complete the detach with:");
        out.println("  " + finalizeCommand(parent));
    }

    static void unknownPendingHint(PrintWriter out, RelationName partition, RelationName parent, String why) {
        out.println();
        out.println("Could not check whether " + partition.qualified() + " is left PENDING DETACH from "
                + parent.qualified() + " (" + why + "). A DETACH CONCURRENTLY interrupted after its first"
                + " transaction leaves it pending; once the server answers again, run:");
        out.println("  " + finalizeCommand(parent));
        out.println("(it completes a pending detach, or says \"Nothing to do.\" when there is none)");
    }

    private static String finalizeCommand(RelationName parent) {
        return "partscope op finalize --url URL --table '" + parent.qualified().replace("'", "'\\''") + "' --yes";
    }

    static void printChecks(PrintWriter out, OperationOutcome outcome) {
        if (!outcome.verification().isEmpty()) {
            out.println();
            out.println("Verification:");
            for (Check c : outcome.verification()) {
                out.println("  " + String.format("%-7s", c.status().json()) + c.name() + "  " + c.message());
            }
        }
    }
}
