package io.partscope.cli.op;

import picocli.CommandLine.Command;

/**
 * {@code partscope op}: operations that change partition sets, each planned first and run by the safe engine
 * (core.ops.OperationRunner). Add a subcommand by listing its class here; share the flags through {@link OpOptions}
 * and the plan/outcome printing and the run itself through {@link OperationPrinter} and {@link OpFlow}.
 */
@Command(name = "op", mixinStandardHelpOptions = true,
        description = "Change partition sets safely: a plan first, lock_timeout with retries, a journal.",
        footer = {"", "Nothing changes without --yes. Exit codes: 0 done (or --dry-run), 13 planned but not run"
                + " (add --yes), 11 refused, 9 cancelled or no lock after the retries, 12 connection lost."},
        subcommands = {
            OpDetachCommand.class,
            OpFinalizeCommand.class,
            FreezeCommand.class,
            OpCreateCommand.class,
            OpSplitDefaultCommand.class,
            OpInterruptedCommand.class,
        })
public final class OpCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "name an operation: partscope op freeze ... (see partscope op --help)");
    }
}
