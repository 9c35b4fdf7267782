package io.partscope.core.explain;

import io.partscope.core.catalog.NaturalOrder;
import io.partscope.core.catalog.SetKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out, for each partition set a query names, which leaves it scans and how the others were pruned. Pure: it
 * combines what {@link ExplainSession} collected on the server.
 *
 * <p>Scans are attributed through the catalog (the OID of the relation a scan node names), never through aliases
 * or where the node sits: UNION ALL and partitionwise joins mix sets under one Append, and with one survivor the
 * Append disappears. Which leaves the planner kept comes from the locks the EXPLAIN took: the planner locks
 * exactly the partitions it did not prune, and executor-start pruning removes some of those without unlocking
 * them. So for a declarative set: pruned at plan time = not locked; removed at executor start = locked but not in
 * the plan. The planner also drops partitions it had locked, after pruning, when a partitionwise join finds their
 * partner empty; so when no Append reports "Subplans Removed", nothing was removed at executor start and every
 * leaf missing from the plan was pruned at plan time. An inheritance set has no run-time pruning (its children are all locked, and the ones constraint
 * exclusion dropped are pruned at plan time).
 */
final class PruningAnalyzer {
    private PruningAnalyzer() {
    }

    /** What the session collected. */
    record Inputs(List<ExplainPlan> plans, Map<PlanNode.RelationRef, Long> relationOids,
            Map<Long, ExplainCatalog.TargetInfo> targets, Map<Long, List<ExplainCatalog.LeafInfo>> leaves,
            Set<Long> lockedAfterExplain, boolean analyzed) {
    }

    static List<PruningTarget> analyze(Inputs in) {
        // Per relation OID: whether any scan of it appears, and whether any of its scans ran.
        Set<Long> scanned = new HashSet<>();
        Set<Long> ran = new HashSet<>();
        long subplansRemoved = 0;
        for (ExplainPlan plan : in.plans()) {
            for (PlanNode node : plan.nodes()) {
                if (node.subplansRemoved() != null) {
                    subplansRemoved += node.subplansRemoved();
                }
                if (!node.isRelationScan()) {
                    continue;
                }
                Long oid = in.relationOids().get(node.relation());
                if (oid == null) {
                    continue;
                }
                scanned.add(oid);
                if (!node.neverExecuted()) {
                    ran.add(oid);
                }
            }
        }
        Map<Long, Long> removedPerTarget = subplansRemovedPerTarget(in);
        List<PruningTarget> out = new ArrayList<>();
        for (ExplainCatalog.TargetInfo target : in.targets().values()) {
            out.add(target(target, in.leaves().getOrDefault(target.oid(), List.of()), scanned, ran,
                    subplansRemoved == 0 ? Set.of() : in.lockedAfterExplain(), in.analyzed(),
                    removedPerTarget.getOrDefault(target.oid(), 0L)));
        }
        out.sort(Comparator.comparing(PruningTarget::schema).thenComparing(PruningTarget::name));
        return out;
    }

    private static PruningTarget target(ExplainCatalog.TargetInfo target, List<ExplainCatalog.LeafInfo> leaves,
            Set<Long> scanned, Set<Long> ran, Set<Long> locked, boolean analyzed, long subplansRemoved) {
        List<ExplainCatalog.LeafInfo> ordered = new ArrayList<>(leaves);
        // The set's own order for drawing: by parent then natural name order, so month 2 comes before month 10.
        ordered.sort(Comparator.comparing((ExplainCatalog.LeafInfo l) -> l.schema() + "." + l.name(),
                NaturalOrder.INSTANCE));
        List<PruningTarget.Leaf> drawn = new ArrayList<>(ordered.size());
        List<String> scannedNames = new ArrayList<>();
        List<String> pruned = new ArrayList<>();
        List<String> never = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (ExplainCatalog.LeafInfo leaf : ordered) {
            String name = QualifiedNames.of(leaf.schema(), leaf.name());
            LeafState state;
            if (scanned.contains(leaf.oid())) {
                scannedNames.add(name);
                state = LeafState.SCANNED;
                if (analyzed && !ran.contains(leaf.oid())) {
                    never.add(name);
                    state = LeafState.NEVER_EXECUTED;
                }
            } else if (target.declarative() && locked.contains(leaf.oid())) {
                removed.add(name);
                state = LeafState.REMOVED_AT_EXECUTOR_START;
            } else {
                pruned.add(name);
                state = LeafState.PRUNED_AT_PLAN_TIME;
            }
            drawn.add(new PruningTarget.Leaf(leaf.oid(), name, leaf.bound(), leaf.level(), state));
        }
        return new PruningTarget(target.schema(), target.name(),
                target.declarative() ? SetKind.DECLARATIVE : SetKind.INHERITANCE, ordered.size(),
                sorted(scannedNames), sorted(pruned), (int) Math.max(subplansRemoved, removed.size()), sorted(never),
                sorted(removed), drawn);
    }

    /**
     * Per set, the "Subplans Removed" of the Appends that scan only its leaves, summed: a set referenced twice (a
     * UNION ALL of the same set) has each reference's removed subplans counted, where the leaves removed at executor
     * start are only counted once. An Append mixing sets, or left with no child at all, cannot be attributed; the
     * caller then keeps the count of distinct removed leaves.
     */
    private static Map<Long, Long> subplansRemovedPerTarget(Inputs in) {
        Map<Long, Long> targetOfLeaf = new HashMap<>();
        in.leaves().forEach((target, list) -> list.forEach(l -> targetOfLeaf.putIfAbsent(l.oid(), target)));
        Map<Long, Long> sums = new HashMap<>();
        for (ExplainPlan plan : in.plans()) {
            for (PlanNode node : plan.nodes()) {
                if (node.subplansRemoved() == null || node.subplansRemoved() == 0) {
                    continue;
                }
                Set<Long> sets = new HashSet<>();
                collectScannedSets(node, in.relationOids(), targetOfLeaf, sets);
                if (sets.size() == 1) {
                    sums.merge(sets.iterator().next(), node.subplansRemoved(), Long::sum);
                }
            }
        }
        return sums;
    }

    private static void collectScannedSets(PlanNode node, Map<PlanNode.RelationRef, Long> oids,
            Map<Long, Long> targetOfLeaf, Set<Long> sets) {
        for (PlanNode child : node.children()) {
            if (child.isRelationScan()) {
                Long oid = oids.get(child.relation());
                Long target = oid == null ? null : targetOfLeaf.get(oid);
                sets.add(target == null ? -1L : target); // -1: a relation of no set, so the Append is mixed
            }
            collectScannedSets(child, oids, targetOfLeaf, sets);
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(Comparator.naturalOrder());
        return copy;
    }

    /**
     * Without a probe (a statement PREPARE cannot take), every locked set counts as named; keep only the outermost:
     * a sub-partitioned member whose leaves all belong to a bigger set is part of that set.
     */
    static Map<Long, ExplainCatalog.TargetInfo> outermost(Map<Long, ExplainCatalog.TargetInfo> targets,
            Map<Long, List<ExplainCatalog.LeafInfo>> leaves) {
        Map<Long, ExplainCatalog.TargetInfo> kept = new java.util.LinkedHashMap<>(targets);
        Map<Long, Set<Long>> leafSets = new HashMap<>();
        leaves.forEach((t, list) -> leafSets.put(t, list.stream().map(ExplainCatalog.LeafInfo::oid)
                .collect(java.util.stream.Collectors.toSet())));
        for (Long inner : targets.keySet()) {
            Set<Long> innerLeaves = leafSets.getOrDefault(inner, Set.of());
            for (Long outer : targets.keySet()) {
                Set<Long> outerLeaves = leafSets.getOrDefault(outer, Set.of());
                if (!inner.equals(outer) && outerLeaves.size() > innerLeaves.size()
                        && outerLeaves.containsAll(innerLeaves)) {
                    kept.remove(inner);
                    break;
                }
            }
        }
        return kept;
    }
}
