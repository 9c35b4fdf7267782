package io.partscope.cli;

import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.SizeMode;
import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code partscope tree}: every partition set with its numbers, as JSON (the contract in docs/cli.md) or a table. */
@Command(name = "tree", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List every partition set with sizes, row counts, dead tuples, XID age and bloat.")
public final class TreeCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--schema", paramLabel = "SCHEMA",
            description = "Only sets whose root is in this schema (the name as the catalog spells it).")
    String schema;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "Only the set this table is the root or a member of, written as SQL writes it: "
                    + "schema.name, \"Quoted Name\"; a bare name follows search_path.")
    String table;

    @Option(names = "--json", description = "Print JSON (see docs/cli.md) instead of a table.")
    boolean json;

    @Option(names = "--sizes", paramLabel = "exact|estimated", defaultValue = "exact",
            converter = SizeModeConverter.class,
            description = "exact (default): measure every relation (pg_table_size and friends). estimated: sizes "
                    + "from pg_class page counts only, every member marked sizes_estimated; much faster on "
                    + "many partitions.")
    SizeMode sizes = SizeMode.EXACT;

    public TreeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Cancellation cancellation = new Cancellation();
        Thread onInterrupt = new Thread(cancellation::cancel, "cancel-tree");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        CatalogSnapshot snapshot;
        try (Database db = connection.open(context.environment())) {
            snapshot = new CatalogReader(db).read(new CatalogFilter(schema, table), sizes, cancellation);
        } finally {
            removeHook(onInterrupt);
        }
        if (json) {
            // Jackson escapes the controls itself (JsonEscapes): megabytes at thousands of partitions, not char by char.
            TreeJson.writePretty(snapshot, TerminalText.forJson(context.out()));
            context.out().println();
        } else {
            new TreeTextRenderer(context.out(), sizes == SizeMode.ESTIMATED).render(snapshot);
        }
        context.out().flush();
        return 0;
    }

    /** {@code exact} or {@code estimated}, in any case. */
    static final class SizeModeConverter implements ITypeConverter<SizeMode> {
        @Override
        public SizeMode convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "exact" -> SizeMode.EXACT;
                case "estimated" -> SizeMode.ESTIMATED;
                default -> throw new TypeConversionException("'" + value + "' is not a size mode: write exact or "
                        + "estimated");
            };
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook has run and cancelled the read
        }
    }
}
