package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.CtrlC;
import io.partscope.cli.ConnectionOptions;
import io.partscope.core.db.Database;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.OperationPlan;
import io.partscope.core.ops.create.CreatePartitionsPlanner;
import io.partscope.core.ops.create.CreateRequest;
import io.partscope.core.ops.create.NewPartition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code partscope op create}: new partitions of a set, at its interval, named like its partitions, sub-partitioned
 * like its newest one; refused before anything runs when they would overlap, reuse a name, or strand rows of the
 * DEFAULT partition.
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create partitions: the next N ranges at the set's interval, an explicit range, list values,"
                + " or a hash set's missing remainders. Names and sub-partitioning follow the existing partitions.",
        footer = {"", "Examples:",
            "  partscope op create --url URL --table public.events --next 3",
            "  partscope op create --url URL --table public.events --from 2026-05-01 --to 2026-08-01 --interval month",
            "  partscope op create --url URL --table shop.orders --values NL,PL --method attach",
            "  partscope op create --url URL --table public.sessions"})
public final class OpCreateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OpOptions op;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.PARENT",
            description = "The partition set's root, as SQL writes it (\"Odd Schema\".\"My Events\").")
    String table;

    @Option(names = "--next", paramLabel = "N",
            description = "RANGE: N partitions after the highest one, at the set's interval.")
    Integer next;

    @Option(names = "--from", paramLabel = "A", description = "RANGE: the lower bound (as the key type reads it).")
    String from;

    @Option(names = "--to", paramLabel = "B", description = "RANGE: the upper bound (exclusive).")
    String to;

    @Option(names = "--interval", paramLabel = "I",
            description = "RANGE: hour, day, week, month, quarter, year or an integer step (default: the set's,"
                    + " detected from its bounds).")
    String interval;

    @Option(names = "--values", split = ",", paramLabel = "V",
            description = "LIST: one new partition per value (V,V,...).")
    List<String> values;

    @Option(names = "--method", paramLabel = "create|attach", defaultValue = "create",
            description = "create: CREATE TABLE ... PARTITION OF (ACCESS EXCLUSIVE on the parent, briefly)."
                    + " attach: CREATE TABLE (LIKE ...) + a CHECK implying the bound + ATTACH PARTITION (SHARE UPDATE"
                    + " EXCLUSIVE on the parent; SHARE ROW EXCLUSIVE when the set has a DEFAULT). Default: create.")
    String method;

    public OpCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        CreateRequest.Method m = switch (method.strip().toLowerCase(Locale.ROOT)) {
            case "create" -> CreateRequest.Method.CREATE;
            case "attach" -> CreateRequest.Method.ATTACH;
            default -> throw new ParameterException(spec.commandLine(),
                    "--method must be create or attach, not " + method);
        };
        if (next != null && (from != null || to != null)) {
            throw new ParameterException(spec.commandLine(), "give either --next or --from/--to, not both");
        }
        CreateRequest request = new CreateRequest(next, from, to, interval, values, m);
        ExecutionOptions execution = op.execution(spec);
        try (Database db = connection.open(context.environment())) {
            OperationPlan plan = CtrlC.cancels(context, c -> new CreatePartitionsPlanner(db).plan(table, request, connection.readOnly(), c));
            List<NewPartition> partitions = CreatePartitionsPlanner.partitions(plan);
            return new OpFlow(context, op).run(db, plan, execution, null,
                    (doc, outcome) -> doc.put("partitions", partitions.stream().map(OpCreateCommand::json).toList()),
                    null);
        }
    }

    private static Map<String, Object> json(NewPartition p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("bound", p.bound());
        m.put("partition_by", p.partitionBy());
        m.put("unlogged", p.unlogged());
        m.put("sub_partitions", p.children().stream().map(OpCreateCommand::json).toList());
        return m;
    }
}
