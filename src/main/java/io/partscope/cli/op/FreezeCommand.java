package io.partscope.cli.op;

import io.partscope.cli.CliContext;
import io.partscope.cli.CtrlC;
import io.partscope.cli.ConnectionOptions;
import io.partscope.core.db.Database;
import io.partscope.core.ops.ExecutionOptions;
import io.partscope.core.ops.freeze.FreezePlanner;
import io.partscope.core.ops.freeze.FreezeVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code partscope op freeze}: VACUUM (FREEZE) the partitions of a set chosen by XID age or by range bound. */
@Command(name = "freeze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "VACUUM (FREEZE) the partitions of a set chosen by XID age or range bound, one at a time,"
                + " with live progress and the XID ages before and after.")
public final class FreezeCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OpOptions op;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.PARENT",
            description = "The partition set's root (or a partitioned member), as SQL writes it.")
    String table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--min-age", paramLabel = "N", description = "Partitions whose XID age is at least N.")
        Long minAge;

        @Option(names = "--min-age-pct", paramLabel = "P",
                description = "Partitions whose XID age is at least P%% of their effective"
                        + " autovacuum_freeze_max_age (the table's reloption, else the server's).")
        Double minAgePct;

        @Option(names = "--older-than", paramLabel = "BOUND",
                description = "RANGE partitions whose upper bound is at or below BOUND (a date, timestamp or"
                        + " integer as the key takes it).")
        String olderThan;
    }

    @Option(names = "--analyze", description = "VACUUM (FREEZE, ANALYZE): refresh the statistics too.")
    boolean analyze;

    // The wizard's VACUUM options (FreezePlanner.VacuumOptions validates both, against the server's version).
    @Option(names = "--skip-locked", description = "SKIP_LOCKED: skip a partition whose lock is taken instead of"
            + " waiting for it (the verification then warns that its age is not lower).")
    boolean skipLocked;

    @Option(names = "--parallel", paramLabel = "N", description = "PARALLEL N: workers for the index vacuuming"
            + " phase, 0 to 1024 (0 turns it off; default: the server's choice).")
    Integer parallel;

    @Option(names = "--buffer-usage-limit", paramLabel = "SIZE", description = "BUFFER_USAGE_LIMIT (PostgreSQL 16+):"
            + " the VACUUM's ring buffer, e.g. 256kB, 16MB, 1GB, 0 (default: the server's, 256kB).")
    String bufferUsageLimit;

    @Option(names = "--cost-delay", paramLabel = "MS", description = "vacuum_cost_delay for these VACUUMs, 0 to 100"
            + " ms (SET on the operation's session; 2 is autovacuum's, higher is gentler on I/O; default: 0, no"
            + " throttling).")
    Double costDelayMs;

    public FreezeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        FreezePlanner.Selection selection = choice.minAge != null ? new FreezePlanner.MinAge(choice.minAge)
                : choice.minAgePct != null ? new FreezePlanner.MinAgePct(choice.minAgePct)
                : new FreezePlanner.OlderThan(choice.olderThan);
        ExecutionOptions execution = op.execution(spec);
        try (Database db = connection.open(context.environment())) {
            FreezePlanner.FreezePlan plan = CtrlC.cancels(context,
                    c -> new FreezePlanner(db).plan(table, selection, new FreezePlanner.VacuumOptions(analyze,
                            skipLocked, parallel, bufferUsageLimit, costDelayMs), connection.readOnly(), c));
            return new OpFlow(context, op).run(db, plan.plan(), execution, FreezePlanner.progressProbe(),
                    (doc, outcome) -> {
                        doc.put("partitions", plan.targets().stream().map(t -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("partition", t.partition().qualified());
                            m.put("bound", t.bound());
                            m.put("xid_age", t.xidAgeBefore());
                            m.put("freeze_max_age", t.freezeMaxAge());
                            m.put("total_bytes", t.totalBytes());
                            return m;
                        }).toList());
                        doc.put("ages", ages(plan.verifier().changes()));
                    },
                    (out, outcome) -> {
                        List<FreezeVerifier.AgeChange> changes = plan.verifier().changes();
                        if (changes.isEmpty()) {
                            return;
                        }
                        out.println();
                        out.println("Verification (XID age before -> after):");
                        int width = changes.stream().mapToInt(c -> c.partition().qualified().length()).max()
                                .orElse(0);
                        for (FreezeVerifier.AgeChange c : changes) {
                            String name = c.partition().qualified();
                            out.println("  " + name + " ".repeat(width - name.length()) + "  "
                                    + String.format("%,15d -> %,d", c.before(), c.after() == null ? -1 : c.after())
                                    + (c.lowered() ? "  lower" : "  NOT lower"));
                        }
                        outcome.warnings().forEach(w -> out.println("  warning: " + w.message()));
                    });
        }
    }

    private static List<Map<String, Object>> ages(List<FreezeVerifier.AgeChange> changes) {
        return changes.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partition", c.partition().qualified());
            m.put("before", c.before());
            m.put("after", c.after());
            m.put("lowered", c.lowered());
            return m;
        }).toList();
    }
}
