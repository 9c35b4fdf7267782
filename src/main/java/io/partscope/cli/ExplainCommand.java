package io.partscope.cli;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.ExplainRequest;
import io.partscope.core.explain.ExplainResult;
import io.partscope.core.explain.Explainer;
import io.partscope.core.explain.PlanComparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code partscope explain}: which partitions a query reads, and why not fewer; or two variants side by side
 * ({@code --compare}). JSON (the contract in docs/cli.md) or a report.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"EXPLAIN a query and name, per partition set, the partitions it scans, pruned at plan time, "
                + "removed at executor start and (with --analyze) never executed.",
            "The setup and the query run in a fresh session of its own, in one transaction that is always rolled "
                + "back and read-only (except an --analyze of an INSERT, UPDATE, DELETE or MERGE, which says so)."},
        footer = {"", "--statement-timeout limits the setup, the EXPLAIN (and with --analyze the query) too.",
            "", "Compare two variants (A and B):",
            "  two queries: --compare --query-b 'SELECT ... rewritten' 'SELECT ...'",
            "  two setups:  --setup 'PREPARE q(int) AS SELECT * FROM m WHERE k = $1'",
            "               --setup-a 'SET plan_cache_mode = force_custom_plan'",
            "               --setup-b 'SET plan_cache_mode = force_generic_plan'",
            "               --compare 'EXECUTE q(1)'",
            "--setup runs on both sides first, then --setup-a on A only, --setup-b on B only."})
public final class ExplainCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--setup", paramLabel = "SQL",
            description = "A statement to run first in the same session and transaction (repeatable, in order): "
                    + "SET, RESET, PREPARE, CREATE TEMPORARY ... (first), INSERT into a temp table, ... It runs "
                    + "read-only and is rolled back: nothing that changes the database.")
    List<String> setup = new ArrayList<>();

    @Option(names = "--analyze", description = "EXPLAIN ANALYZE (with BUFFERS): the query runs, in a transaction "
            + "that is rolled back; adds never-executed partitions and actual rows, time and buffers.")
    boolean analyze;

    @Option(names = "--json", description = "Print JSON (see docs/cli.md) instead of a report.")
    boolean json;

    @Option(names = "--list", description = "In the report, list every partition name instead of the first ten.")
    boolean list;

    @Option(names = "--compare", description = "Explain two variants, A and B, and compare them. B differs by "
            + "--query-b and/or --setup-a/--setup-b.")
    boolean compare;

    @Option(names = "--query-b", paramLabel = "QUERY", description = "With --compare: B's query (default: the same "
            + "QUERY). Also - for stdin or @file.sql.")
    String queryB;

    @Option(names = "--setup-a", paramLabel = "SQL",
            description = "With --compare: a setup statement for A only, after the --setup ones (repeatable).")
    List<String> setupA = new ArrayList<>();

    @Option(names = "--setup-b", paramLabel = "SQL",
            description = "With --compare: a setup statement for B only, after the --setup ones (repeatable).")
    List<String> setupB = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "QUERY", description = "One SQL statement; - reads it from stdin, "
            + "@file.sql from a file. A query starting with - goes after --.")
    String query;

    public ExplainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        boolean variantFlags = queryB != null || !setupA.isEmpty() || !setupB.isEmpty();
        if (variantFlags && !compare) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--query-b, --setup-a and --setup-b need --compare");
        }
        if (compare && !variantFlags) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--compare needs a second variant: --query-b, "
                    + "--setup-a or --setup-b");
        }
        if ("-".equals(query) && "-".equals(queryB)) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "only one of QUERY and --query-b can be read from "
                    + "stdin (-)");
        }
        String textA = readQuery(query, "QUERY");
        boolean readOnly = readOnlyProfile();
        ExplainRequest a = new ExplainRequest(textA, concat(setup, compare ? setupA : List.of()), analyze,
                connection.statementTimeout, readOnly);
        ExplainRequest b = compare ? new ExplainRequest(queryB == null ? textA : readQuery(queryB, "--query-b"),
                concat(setup, setupB), analyze, connection.statementTimeout, readOnly) : null;
        warnBeforeRunning(a, b);

        ExplainResult[] results = CtrlC.cancels(context, cancellation -> {
            try (Database db = connection.open(context.environment())) {
                ExplainResult resultA = explain(db, a, cancellation, b == null ? null : "A");
                return new ExplainResult[] {resultA, b == null ? null : explain(db, b, cancellation, "B")};
            }
        });
        ExplainResult resultA = results[0];
        ExplainResult resultB = results[1];

        boolean all = list || verbose();
        ExplainTextRenderer text = new ExplainTextRenderer(context.out(), all);
        if (resultB == null) {
            if (json) {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(context.out(), resultA);
                context.out().println();
            } else {
                text.render(resultA);
            }
        } else {
            PlanComparison comparison = PlanComparison.of(resultA, resultB);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("a", resultA);
                out.put("b", resultB);
                out.put("comparison", comparison);
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(context.out(), out);
                context.out().println();
            } else {
                text.renderComparison(resultA, resultB, comparison);
            }
        }
        context.out().flush();
        return 0;
    }

    /**
     * Whether Partscope must not change anything on this connection: {@code --read-only}, or a {@code --profile}
     * marked read-only (production). Resolving the settings reads the profile; nothing connects yet.
     */
    boolean readOnlyProfile() throws PartscopeException {
        connection.settings(context.environment());
        return connection.readOnly();
    }

    /** On stderr, before anything runs: what an ANALYZE of a data-modifying statement leaves behind. */
    private void warnBeforeRunning(ExplainRequest a, ExplainRequest b) throws PartscopeException {
        String warning = Explainer.dataChangeWarning(a);
        if (warning == null && b != null) {
            warning = Explainer.dataChangeWarning(b);
        }
        if (warning != null) {
            context.err().println("partscope: warning: " + warning);
            context.err().flush();
        }
    }

    /** One side; with --compare a failure says which side it was ("B: the query failed: ..."). */
    private static ExplainResult explain(Database db, ExplainRequest request, Cancellation cancellation, String side)
            throws PartscopeException {
        try {
            return Explainer.explain(db, request, cancellation);
        } catch (PartscopeException e) {
            if (side == null) {
                throw e;
            }
            throw new PartscopeException(e.kind(), side + ": " + e.getMessage(), e.sqlState(), e.detail(), e.hint(),
                    e);
        }
    }

    /** --verbose, given before or after the command name. */
    private boolean verbose() {
        for (ParseResult r = spec.root().commandLine().getParseResult(); r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The query as given, or read from stdin ({@code -}) or a file ({@code @path}). */
    private String readQuery(String argument, String what) throws PartscopeException {
        if ("-".equals(argument)) {
            try {
                return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read " + what + " from stdin: "
                        + e.getMessage(), e);
            }
        }
        if (argument.startsWith("@") && argument.length() > 1) {
            Path file = Path.of(argument.substring(1));
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read " + what + " from " + file
                        + ": no such file");
            } catch (IOException e) {
                throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read " + what + " from " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return argument;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }
}
