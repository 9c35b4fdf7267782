package io.partscope.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A partition set: a root (a partitioned table that is not a partition, or a table with inheritance children and
 * no parent) and every member below it, at any depth, in tree order (depth first; siblings by name, DEFAULT last).
 *
 * @param root       the root relation's own row (level 0); for inheritance roots its own rows and sizes
 * @param partitions every member below the root
 * @param totals     rolled up over all leaves (and an inheritance root's own rows)
 */
@JsonPropertyOrder({"schema", "name", "kind", "strategy", "partition_key", "partitions", "totals"})
public record PartitionSet(@JsonIgnore PartitionMember root, SetKind kind, Strategy strategy, String partitionKey,
        List<PartitionMember> partitions, Totals totals) {

    public PartitionSet {
        partitions = List.copyOf(partitions);
    }

    @JsonProperty("schema")
    public String schema() {
        return root.schema();
    }

    @JsonProperty("name")
    public String name() {
        return root.name();
    }

    @JsonIgnore
    public RelationName relationName() {
        return root.relationName();
    }

    /** The root's own numbers, as a member row (own sizes, stats; ages for an inheritance root). */
    @JsonProperty("root")
    public PartitionMember rootMember() {
        return root;
    }
}
