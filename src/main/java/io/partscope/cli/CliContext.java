package io.partscope.cli;

import io.partscope.core.db.Environment;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * What a command may touch outside itself: where to print, what to read (stdin, for {@code explain -}), and the
 * environment (PG* variables, home folder). Passed to the commands so tests can run them in-process with their own
 * streams and variables.
 */
public record CliContext(PrintWriter out, PrintWriter err, Environment environment, InputStream in) {

    /**
     * This context with {@link #out} and {@link #err} escaping control characters ({@link TerminalText}): names and
     * messages from the database reach a terminal. Every command and the exception handler print through it.
     */
    public CliContext terminalSafe() {
        return new CliContext(TerminalText.writer(out), TerminalText.writer(err), environment, in);
    }

    /** With the process's stdin. */
    public CliContext(PrintWriter out, PrintWriter err, Environment environment) {
        this(out, err, environment, System.in);
    }
}
