package io.partscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code partscope tree}: every partition set with its numbers. */
@Command(name = "tree", mixinStandardHelpOptions = true, description = "List partition sets with sizes, ages, bloat.")
public final class TreeCommand implements Callable<Integer> {
    private final CliContext context;

    public TreeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return 0;
    }
}
