package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.CtrlC;
import io.partscope.cli.ConnectionOptions;
import io.partscope.core.db.Database;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.WaitProbe;
import io.partscope.core.ops.detach.FinalizePlanner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code partscope op finalize}: completes a detach that DETACH CONCURRENTLY left pending (DETACH ... FINALIZE). */
@Command(name = "finalize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Complete a pending detach (an interrupted DETACH CONCURRENTLY) with DETACH PARTITION ..."
                + " FINALIZE.",
        footer = {"", "Example:", "  partscope op finalize --url URL --table public.events --yes"})
public final class OpFinalizeCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OpOptions op;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.PARENT",
            description = "The parent whose detach is pending (or the pending partition), as SQL writes it.")
    String table;

    public OpFinalizeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ExecutionOptions execution = op.execution(spec);
        try (Database db = connection.open(context.environment())) {
            FinalizePlanner.FinalizePlan plan = CtrlC.cancels(context, c -> new FinalizePlanner(db).plan(table, connection.readOnly(), c));
            return new OpFlow(context, op).run(db, plan.plan(), execution, new WaitProbe(), null, null);
        }
    }
}
