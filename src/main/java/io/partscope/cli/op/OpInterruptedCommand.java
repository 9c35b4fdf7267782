package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.ConnectionOptions;
import io.partscope.cli.Json;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.InterruptedRuns;
import io.partscope.core.ops.Journal;
import io.partscope.core.ops.JournalEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code partscope op interrupted}: the journal's runs on this database that started and never finished (the
 * process was killed or crashed), with what the catalog says now and how to finish each; {@code --dismiss RUN}
 * stops showing one.
 */
@Command(name = "interrupted", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List operations on this database that were interrupted (the process ended mid-run): what is"
                + " done, what the catalog says now, and the command or SQL that finishes each.",
        footer = {"", "Exit codes: 0 none (or dismissed), " + OpInterruptedCommand.FOUND_EXIT + " interrupted runs"
                + " listed, 2 --dismiss names no interrupted run.", "", "Examples:",
            "  partscope op interrupted --url URL",
            "  partscope op interrupted --url URL --dismiss 2f1c4b9e-0d1a-4c55-9a57-0c5b8c1d7e21"})
public final class OpInterruptedCommand implements Callable<Integer> {
    /** Exit code when interrupted runs were listed (so a script or a cron job can notice them). */
    public static final int FOUND_EXIT = 15;

    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print the interrupted runs as JSON.")
    boolean json;

    @Option(names = "--dismiss", paramLabel = "RUN",
            description = "Stop showing this interrupted run (its run id, or the first 8 or more characters of it).")
    String dismiss;

    public OpInterruptedCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Journal journal = Journal.standard(context.environment());
        PrintWriter out = context.out();
        try (Database db = connection.open(context.environment())) {
            List<InterruptedRuns.Report> reports = InterruptedRuns.read(db, journal);
            if (dismiss != null) {
                InterruptedRuns.Report r = find(reports, dismiss.strip());
                journal.acknowledge(r.run().runId(), "dismissed with partscope op interrupted --dismiss");
                out.println("Dismissed run " + r.run().runId() + " (" + r.run().started().kind() + " of "
                        + r.run().started().target() + "): it is no longer shown.");
                out.flush();
                return 0;
            }
            if (json) {
                List<Map<String, Object>> runs = new ArrayList<>();
                for (InterruptedRuns.Report r : reports) {
                    runs.add(json(r));
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("journal", journal.file().toString());
                doc.put("interrupted", runs);
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } else if (reports.isEmpty()) {
                out.println("No interrupted operations on this database (journal " + journal.file() + ").");
            } else {
                out.println(reports.size() + (reports.size() == 1 ? " interrupted operation" : " interrupted operations")
                        + " on this database (journal " + journal.file() + "):");
                for (InterruptedRuns.Report r : reports) {
                    out.println();
                    out.print(r.text());
                }
            }
            out.flush();
            return reports.isEmpty() ? 0 : FOUND_EXIT;
        }
    }

    private static InterruptedRuns.Report find(List<InterruptedRuns.Report> reports, String id)
            throws PartscopeException {
        List<InterruptedRuns.Report> matches = reports.stream()
                .filter(r -> r.run().runId().equals(id) || (id.length() >= 8 && r.run().runId().startsWith(id)))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new PartscopeException(ErrorKind.BAD_INPUT, matches.isEmpty()
                ? "--dismiss: no interrupted run " + id + " on this database (partscope op interrupted lists them)"
                : "--dismiss: " + id + " matches " + matches.size() + " runs: give more of the run id");
    }

    private static Map<String, Object> json(InterruptedRuns.Report r) {
        JournalEntry s = r.run().started();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", s.runId());
        m.put("kind", s.kind());
        m.put("target", s.target());
        m.put("summary", s.summary());
        m.put("started", s.started() == null ? null : s.started().toString());
        m.put("process", s.process());
        m.put("server_pid", s.serverPid());
        m.put("steps_total", r.run().stepCount());
        m.put("steps_done", r.run().stepsDone().values().stream().filter(x -> "done".equals(x.status())).count());
        m.put("running_step", r.run().runningStep() < 0 ? null : r.run().runningStep() + 1);
        m.put("steps", r.steps());
        m.put("state", r.state());
        m.put("next", r.next());
        m.put("dismiss", r.dismiss());
        return m;
    }
}
