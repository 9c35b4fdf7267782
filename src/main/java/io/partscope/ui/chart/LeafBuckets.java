package io.partscope.ui.chart;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.SetKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaves of a set in tree order, grouped into at most {@code maxBars} runs of neighbours, so a chart of 10,000
 * partitions draws at most that many bars (and stays responsive) while one of 400 draws one bar per partition.
 */
final class LeafBuckets {
    /** Leaves {@code first..last} (inclusive, indices into the leaf list). */
    record Bucket(int first, int last, List<PartitionMember> members) {
        boolean single() {
            return first == last;
        }
    }

    private LeafBuckets() {
    }

    /** The members that hold rows: the leaves, and an inheritance root, which holds rows itself, first. */
    static List<PartitionMember> leaves(PartitionSet set) {
        List<PartitionMember> leaves = new ArrayList<>();
        if (set.kind() == SetKind.INHERITANCE && set.rootMember() != null) {
            leaves.add(set.rootMember());
        }
        set.partitions().stream().filter(PartitionMember::isLeaf).forEach(leaves::add);
        return leaves;
    }

    /** How many neighbouring leaves share a bar: 1 up to {@code maxBars} leaves. */
    static int perBar(int leafCount, int maxBars) {
        return Math.max(1, (leafCount + maxBars - 1) / maxBars);
    }

    static List<Bucket> of(List<PartitionMember> leaves, int maxBars) {
        int per = perBar(leaves.size(), maxBars);
        List<Bucket> buckets = new ArrayList<>();
        for (int first = 0; first < leaves.size(); first += per) {
            int last = Math.min(leaves.size(), first + per) - 1;
            buckets.add(new Bucket(first, last, leaves.subList(first, last + 1)));
        }
        return buckets;
    }
}
