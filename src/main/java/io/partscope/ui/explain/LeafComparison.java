package io.partscope.ui.explain;

import io.partscope.core.explain.LeafState;
import io.partscope.core.explain.PruningTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A (pinned) and B (the latest run) side by side: per partition set, the leaves whose state differs. UI-side until
 * core.explain has a comparison of its own (built on another branch); no JavaFX, built off the FX thread.
 */
public final class LeafComparison {

    /** One partition set in A, B or both; a side is null when that run does not name the set. */
    public record TargetPair(String name, PruningTarget a, PruningTarget b, Set<String> differing) {
        public long count(boolean sideA, LeafState state) {
            PruningTarget t = sideA ? a : b;
            return t == null ? 0 : t.count(state);
        }
    }

    private final ExplainRun a;
    private final ExplainRun b;
    private final List<TargetPair> targets;

    public LeafComparison(ExplainRun a, ExplainRun b) {
        this.a = a;
        this.b = b;
        Map<String, PruningTarget[]> byName = new LinkedHashMap<>();
        for (PruningTarget t : a.targets()) {
            byName.computeIfAbsent(t.qualifiedName(), k -> new PruningTarget[2])[0] = t;
        }
        for (PruningTarget t : b.targets()) {
            byName.computeIfAbsent(t.qualifiedName(), k -> new PruningTarget[2])[1] = t;
        }
        List<TargetPair> out = new ArrayList<>();
        byName.forEach((name, pair) -> out.add(new TargetPair(name, pair[0], pair[1], differing(pair[0], pair[1]))));
        this.targets = List.copyOf(out);
    }

    /** Leaves whose state differs, or that only one side has. */
    static Set<String> differing(PruningTarget a, PruningTarget b) {
        Map<String, LeafState> left = new HashMap<>();
        if (a != null) {
            a.leaves().forEach(l -> left.put(l.qualifiedName(), l.state()));
        }
        Map<String, LeafState> right = new HashMap<>();
        if (b != null) {
            b.leaves().forEach(l -> right.put(l.qualifiedName(), l.state()));
        }
        Set<String> names = new java.util.HashSet<>(left.keySet());
        names.addAll(right.keySet());
        return names.stream().filter(n -> left.get(n) != right.get(n)).collect(Collectors.toUnmodifiableSet());
    }

    public ExplainRun a() {
        return a;
    }

    public ExplainRun b() {
        return b;
    }

    public List<TargetPair> targets() {
        return targets;
    }

    /** How many leaves differ over all sets. */
    public int differingLeaves() {
        return targets.stream().mapToInt(t -> t.differing().size()).sum();
    }
}
