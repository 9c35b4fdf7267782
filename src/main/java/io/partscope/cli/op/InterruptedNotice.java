package io.partscope.cli.op;

import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.CommandLineText;
import io.partscope.core.ops.InterruptedRuns;
import io.partscope.core.ops.Journal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What every {@code op} subcommand says on stderr before it runs when the journal has interrupted runs on the same
 * database, and the command it records for a rerun.
 */
final class InterruptedNotice {
    /**
     * Flags the recorded command leaves out: the connection (a URL may hold a password; the advice prints
     * {@code --url URL}), and whether to run, which the advice decides.
     */
    private static final Set<String> NOT_RECORDED = Set.of("--url", "--service", "--connect-timeout", "--yes",
            "--dry-run", "--json", "--help", "--version");

    private InterruptedNotice() {
    }

    /** A short notice on {@code err}; never fails the command (a journal or catalog it cannot read: no notice). */
    static void print(PrintWriter err, Database db, Journal journal) {
        List<InterruptedRuns.Report> reports;
        try {
            reports = InterruptedRuns.read(db, journal);
        } catch (PartscopeException | RuntimeException e) {
            return;
        }
        if (reports.isEmpty()) {
            return;
        }
        err.println("Note: the journal has " + (reports.size() == 1 ? "an interrupted operation"
                : reports.size() + " interrupted operations") + " on this database:");
        for (InterruptedRuns.Report r : reports) {
            err.println("  " + r.title());
            for (String s : r.state()) {
                err.println("    " + s);
            }
        }
        err.println("  How to finish: " + CommandLineText.partscope("op", "interrupted", "--url", "URL"));
        err.println();
        err.flush();
    }

    /** {@code op <name> <flags as given>} without {@link #NOT_RECORDED}; null when there is no spec. */
    static List<String> command(CommandSpec spec) {
        if (spec == null || spec.commandLine() == null || spec.commandLine().getParseResult() == null) {
            return null;
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> words = new ArrayList<>();
        words.add("op");
        words.add(spec.name());
        for (OptionSpec o : parsed.matchedOptions()) {
            if (NOT_RECORDED.contains(o.longestName())) {
                continue;
            }
            List<String> values = o.originalStringValues();
            if (o.arity().max() == 0 || values.isEmpty()) {
                words.add(o.longestName());
            } else {
                for (String v : values) {
                    words.add(o.longestName());
                    words.add(v);
                }
            }
        }
        return words;
    }
}
