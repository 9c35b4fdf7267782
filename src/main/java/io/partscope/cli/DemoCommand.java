package io.partscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code partscope demo}: the embedded demo database. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start the embedded demo database and print its URL.")
public final class DemoCommand implements Callable<Integer> {
    private final CliContext context;

    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return 0;
    }
}
