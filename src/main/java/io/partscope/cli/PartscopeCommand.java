package io.partscope.cli;

import io.partscope.core.db.Environment;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level command. Without a subcommand it opens the desktop app (optionally on the demo database or a
 * given URL); each subcommand runs headless over the same core services the app uses.
 */
@Command(name = "partscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Partscope: see and safely change PostgreSQL partitioned tables.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error",
            "2:bad input (usage, malformed URL or name)",
            "3:host unreachable",
            "4:authentication failed",
            "5:database does not exist",
            "6:SSL required",
            "7:permission denied",
            "8:server version not supported (older than 13)",
            "9:query cancelled (user, statement_timeout, lock_timeout)",
            "10:object not found",
            "11:operation refused",
            "12:connection lost",
            "13:op: planned but not run (add --yes)",
            "14:the desktop app cannot start (no display, or no GTK 3 libraries)"})
public final class PartscopeCommand implements Callable<Integer> {
    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(TreeCommand.class, ExplainCommand.class,
            io.partscope.cli.op.OpCommand.class, DemoCommand.class, BenchCommand.class);
    /** Top-level options that take a value (the value is not a subcommand name). */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--url", "--table");

    @Option(names = "--demo", description = "Open the app on the embedded demo database.")
    boolean demo;

    @Option(names = "--url", paramLabel = "URL", description = "Open the app connected to this database.")
    String url;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE",
            description = "With --demo or --url: select this partition set once the catalog is read.")
    String table;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and debug logging.")
    boolean verbose;

    private final CliContext context;

    public PartscopeCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public Integer call() throws io.partscope.core.db.PartscopeException {
        io.partscope.ui.Launcher.launch(demo, url, table);
        return 0;
    }

    /** Runs the command line against the real process streams and environment. */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return run(args, new CliContext(out, err, Environment.system()));
    }

    /** Runs the command line in-process with the given streams and environment (tests use this). */
    public static int run(String[] args, CliContext context) {
        CommandLine cl = newCommandLine(context, invokedSubcommand(args));
        return cl.execute(args);
    }

    /** The command line with every subcommand (for help and usage). */
    public static CommandLine newCommandLine(CliContext context) {
        return newCommandLine(context, null);
    }

    /**
     * The subcommand the arguments name, when it is one of ours; null when they name none (the app), an unknown one
     * (picocli's message with its suggestions needs them all) or are unusual ({@code --}).
     */
    static String invokedSubcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if ("--".equals(a)) {
                return null;
            } else if (!a.startsWith("-")) {
                for (Class<?> c : SUBCOMMANDS) {
                    if (a.equals(c.getAnnotation(Command.class).name())) {
                        return a;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /**
     * @param only the one subcommand to build, or null for all. picocli reads every command's annotations (by
     *             reflection) when it is added, which was a third of a cold {@code tree}'s start-up CPU; a run
     *             needs only the command it runs.
     */
    static CommandLine newCommandLine(CliContext context, String only) {
        // Commands print names and messages that come from the database: through writers that escape control
        // characters. picocli prints only our own help and the user's arguments, with ANSI styles in a terminal.
        CliContext safe = context.terminalSafe();
        CommandLine cl = new CommandLine(new PartscopeCommand(safe), new ContextFactory(safe));
        for (Class<?> c : SUBCOMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, c); // before the settings below: they apply to the subcommands added so far
            }
        }
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setExecutionExceptionHandler(new CliExceptionHandler(safe));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExpandAtFiles(false); // explain takes @file.sql itself; picocli would split the file into arguments
        return cl;
    }

    /** Gives every command the same context through its constructor. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
