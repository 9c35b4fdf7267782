package io.partscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code partscope bench}: benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks on the embedded server.")
public final class BenchCommand implements Callable<Integer> {
    private final CliContext context;

    public BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return 0;
    }
}
