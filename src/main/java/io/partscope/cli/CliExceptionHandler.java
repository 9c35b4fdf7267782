package io.partscope.cli;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place a failed command turns into output: a message (with the server's detail and hint) on stderr and
 * the error kind's exit code. Stack traces only with --verbose.
 */
final class CliExceptionHandler implements IExecutionExceptionHandler {
    private final CliContext context;

    CliExceptionHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        boolean verbose = verbose(parseResult);
        var err = context.err();
        if (ex instanceof PartscopeException pe) {
            err.println("partscope: " + pe.kind().title() + ": " + pe.getMessage());
            if (pe.detail() != null) {
                err.println("  detail: " + pe.detail());
            }
            if (pe.hint() != null) {
                err.println("  hint: " + pe.hint());
            }
            if (pe.sqlState() != null) {
                err.println("  sqlstate: " + pe.sqlState());
            }
            if (verbose && pe.getCause() != null) {
                pe.getCause().printStackTrace(err);
            } else if (pe.kind() == ErrorKind.INTERNAL && pe.getCause() != null) {
                err.println("  (run again with --verbose for the stack trace)");
            }
            err.flush();
            return pe.kind().exitCode();
        }
        err.println("partscope: internal error: " + ex);
        if (verbose) {
            ex.printStackTrace(err);
        } else {
            err.println("  (run again with --verbose for the stack trace)");
        }
        err.flush();
        return ErrorKind.INTERNAL.exitCode();
    }

    /**
     * Whether --verbose was given at any level: it is inherited by every subcommand, and picocli records it on the
     * command it followed ({@code partscope tree ... --verbose} matches it on tree, not on partscope).
     */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
