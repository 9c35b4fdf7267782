package io.partscope.cli.op;

import io.partscope.core.ops.ExecutionOptions;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The flags every {@code op} subcommand shares (a picocli mixin, next to cli.ConnectionOptions). {@code
 * --lock-timeout} and {@code --statement-timeout} are ConnectionOptions' flags: given, they apply to the
 * operation's statements too; not given, the operation uses its own defaults (lock_timeout 2 s, no
 * statement_timeout: a VACUUM of a big partition may run for hours) while the planning reads keep theirs.
 */
public final class OpOptions {
    /** Exit code when the plan was printed and nothing ran because --yes was not given. */
    public static final int NOT_CONFIRMED_EXIT = 13;

    /** The subcommand using these flags: the run's command for the journal comes from what it parsed. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5", converter = RetryCount.class,
            description = "How often a step is retried after a lock timeout, with backoff 0.5 s doubling to 10 s"
                    + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--dry-run", description = "Print the plan and its exact SQL, change nothing (exit 0).")
    boolean dryRun;

    @Option(names = "--yes", description = "Run the plan. Without it nothing changes: the plan is printed (exit 13).")
    boolean yes;

    @Option(names = "--json", description = "Print the plan, the step outcomes and the verification as JSON.")
    boolean json;

    /** A count of retries: a negative one is a typing error, not "no retries" (that is 0). */
    static final class RetryCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n < 0) {
                throw new TypeConversionException("must be 0 or more, not " + n + " (0: no retries)");
            }
            return n;
        }
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean yes() {
        return yes;
    }

    public boolean json() {
        return json;
    }

    /** The subcommand's spec (null when these options were made by hand, as in a test). */
    CommandSpec mixee() {
        return mixee;
    }

    /** The execution options from the flags; {@code spec} is the subcommand's (for what was given). */
    public ExecutionOptions execution(CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        ExecutionOptions o = ExecutionOptions.DEFAULTS.withRetries(retries);
        if (parsed.hasMatchedOption("--lock-timeout")) {
            Duration d = parsed.matchedOptionValue("--lock-timeout", o.lockTimeout());
            o = o.withLockTimeout(d);
        }
        if (parsed.hasMatchedOption("--statement-timeout")) {
            Duration d = parsed.matchedOptionValue("--statement-timeout", o.statementTimeout());
            o = o.withStatementTimeout(d);
        }
        return o;
    }
}
