package io.partscope.core.explain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.partscope.core.catalog.SetKind;
import java.util.List;

/**
 * One partition set (a partitioned table at any level, or an inheritance parent) that a query names, and what
 * the query did with each of its leaves. The JSON of {@code partscope explain} (docs/cli.md), field for field.
 *
 * @param leafCount the leaves: partitions that hold rows (for an inheritance set, the parent too)
 * @param scanned leaves that appear as a scan node, schema-qualified and sorted
 * @param pruned the leaves pruned at plan time
 * @param subplansRemoved how many leaves were removed at executor start
 * @param neverExecuted with ANALYZE, scanned leaves whose scans all ran zero times
 * @param removedAtExecutorStart which leaves those are
 * @param leaves every leaf with its bound and state, in the set's order (for drawing; not in the JSON)
 */
@JsonPropertyOrder({"schema", "name", "kind", "leaf_count", "scanned", "pruned", "subplans_removed",
        "never_executed", "removed_at_executor_start"})
public record PruningTarget(
        String schema,
        String name,
        SetKind kind,
        int leafCount,
        List<String> scanned,
        List<String> pruned,
        int subplansRemoved,
        List<String> neverExecuted,
        List<String> removedAtExecutorStart,
        @JsonIgnore List<Leaf> leaves) {

    /** One leaf: its schema-qualified name, partition bound (null for inheritance), depth, and state. */
    public record Leaf(long oid, String qualifiedName, String bound, int level, LeafState state) {
    }

    public PruningTarget {
        scanned = List.copyOf(scanned);
        pruned = List.copyOf(pruned);
        neverExecuted = List.copyOf(neverExecuted);
        removedAtExecutorStart = List.copyOf(removedAtExecutorStart);
        leaves = List.copyOf(leaves);
    }

    /**
     * Short on purpose: the record's own toString prints every leaf, and JavaFX controls call toString on their
     * items (a ComboBox's converter, accessibility text): 10,000 leaves made that a 300 ms stall of the FX thread.
     */
    @Override
    public String toString() {
        return qualifiedName() + " (" + leafCount + " leaves)";
    }

    /** schema.name as SQL writes it (quoted only where needed; a temporary table as pg_temp.name). */
    @JsonIgnore
    public String qualifiedName() {
        return QualifiedNames.of(schema, name);
    }

    /** Leaves the query reads: scanned, never-executed included (they are in the plan). */
    @JsonIgnore
    public int touched() {
        return scanned.size();
    }

    /** How many leaves are in this state. */
    public long count(LeafState state) {
        return leaves.stream().filter(l -> l.state() == state).count();
    }
}
