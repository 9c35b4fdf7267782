package io.partscope.ui.explain;

import io.partscope.core.db.Identifiers;
import io.partscope.core.explain.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of the plan tree: a plan node, or a group of consecutive sibling nodes of the same type (the thousands of
 * scans under an Append). No JavaFX: rows are built off the FX thread, and a row's children are listed only when
 * the tree expands it, so a plan over 10,000 partitions shows a handful of rows until the user asks for more.
 */
public final class PlanRow {
    /** Consecutive siblings of one node type are grouped from this many on. */
    public static final int GROUP_MIN = 8;
    /** A group larger than this opens into chunks of this many members, so no expand creates thousands of items. */
    public static final int CHUNK = 500;

    private final PlanNode node;
    private final List<PlanNode> members;
    private final String label;
    private final Double estRows;
    private final Double estCost;
    private final Double actualRows;
    private final Long loops;
    private final Double timeMs;
    private final Double selfMs;
    private final Long sharedHit;
    private final Long sharedRead;
    private final boolean neverExecuted;
    private final int firstId;
    private final int lastId;
    private List<PlanRow> children;

    private PlanRow(PlanNode node) {
        this.node = node;
        this.members = List.of();
        this.label = nodeLabel(node);
        this.estRows = node.planRows();
        this.estCost = node.totalCost();
        this.actualRows = node.actualRows();
        this.loops = node.actualLoops();
        this.timeMs = inclusiveMs(node);
        Double self = timeMs;
        if (self != null) {
            for (PlanNode child : node.children()) {
                Double c = inclusiveMs(child);
                if (c != null && !"InitPlan".equals(child.parentRelationship())) {
                    self -= c;
                }
            }
            self = Math.max(0, self);
        }
        this.selfMs = self;
        this.sharedHit = node.sharedHitBlocks();
        this.sharedRead = node.sharedReadBlocks();
        this.neverExecuted = node.neverExecuted();
        this.firstId = node.id();
        this.lastId = node.id() + node.size() - 1;
    }

    private PlanRow(List<PlanNode> members) {
        this(members, "");
    }

    /** @param part " (501–1000 of 10,000)" for a chunk of a large group */
    private PlanRow(List<PlanNode> members, String part) {
        this.node = null;
        this.members = List.copyOf(members);
        PlanNode first = members.get(0);
        PlanNode last = members.get(members.size() - 1);
        this.firstId = first.id();
        this.lastId = last.id() + last.size() - 1;
        long executed = members.stream().filter(m -> m.actualLoops() != null && m.actualLoops() > 0).count();
        long never = members.stream().filter(PlanNode::neverExecuted).count();
        StringBuilder text = new StringBuilder().append(members.size()).append(" × ").append(first.nodeType());
        String names = commonName(members);
        if (names != null) {
            text.append(" on ").append(names);
        }
        text.append(part);
        if (first.actualLoops() != null) {
            text.append(" — ").append(executed).append(" executed, ").append(never).append(" never executed");
        }
        this.label = text.toString();
        this.estRows = sum(members, PlanNode::planRows);
        this.estCost = sum(members, PlanNode::totalCost);
        this.actualRows = sumActualRows(members);
        this.loops = sumLong(members, PlanNode::actualLoops);
        this.timeMs = sum(members, PlanRow::inclusiveMs);
        this.selfMs = null;
        this.sharedHit = sumLong(members, PlanNode::sharedHitBlocks);
        this.sharedRead = sumLong(members, PlanNode::sharedReadBlocks);
        this.neverExecuted = first.actualLoops() != null && never == members.size();
    }

    /** The row of a plan's root node. */
    public static PlanRow root(PlanNode root) {
        return new PlanRow(root);
    }

    /** The row of one node. */
    public static PlanRow of(PlanNode node) {
        return new PlanRow(node);
    }

    /** The rows under this one: a node's children (runs of one type grouped), or a group's members. */
    public List<PlanRow> children() {
        if (children == null) {
            children = List.copyOf(listChildren());
        }
        return children;
    }

    /** Lists the children of the rows a tree opens by default (off the FX thread, before the tree is shown). */
    public void prepare() {
        if (!isGroup()) {
            children().forEach(PlanRow::prepare);
        }
    }

    private List<PlanRow> listChildren() {
        if (isGroup() && members.size() > CHUNK) {
            List<PlanRow> out = new ArrayList<>();
            for (int from = 0; from < members.size(); from += CHUNK) {
                int to = Math.min(members.size(), from + CHUNK);
                out.add(new PlanRow(members.subList(from, to), String.format(Locale.ROOT, " (%,d–%,d of %,d)",
                        from + 1, to, members.size())));
            }
            return out;
        }
        if (isGroup()) {
            List<PlanRow> out = new ArrayList<>(members.size());
            members.forEach(m -> out.add(new PlanRow(m)));
            return out;
        }
        List<PlanNode> kids = node.children();
        List<PlanRow> out = new ArrayList<>();
        int i = 0;
        while (i < kids.size()) {
            int j = i + 1;
            while (j < kids.size() && groupable(kids.get(i), kids.get(j))) {
                j++;
            }
            if (j - i >= GROUP_MIN) {
                out.add(new PlanRow(kids.subList(i, j)));
            } else {
                for (int k = i; k < j; k++) {
                    out.add(new PlanRow(kids.get(k)));
                }
            }
            i = j;
        }
        return out;
    }

    private static boolean groupable(PlanNode a, PlanNode b) {
        return a.nodeType().equals(b.nodeType()) && a.parentRelationship() != null
                && a.parentRelationship().equals(b.parentRelationship()) && a.subplanName() == null
                && b.subplanName() == null;
    }

    public boolean hasChildren() {
        return isGroup() || !node.children().isEmpty();
    }

    public boolean isGroup() {
        return node == null;
    }

    /** The node of a node row; null for a group. */
    public PlanNode node() {
        return node;
    }

    /** The nodes of a group; empty for a node row. */
    public List<PlanNode> members() {
        return members;
    }

    /** Whether the node with this id is this row's node, inside its subtree, or inside a group member's. */
    public boolean contains(int nodeId) {
        return nodeId >= firstId && nodeId <= lastId;
    }

    public String label() {
        return label;
    }

    public Double estRows() {
        return estRows;
    }

    public Double estCost() {
        return estCost;
    }

    public Double actualRows() {
        return actualRows;
    }

    public Long loops() {
        return loops;
    }

    /** Actual total time over all loops, in ms (with ANALYZE). */
    public Double timeMs() {
        return timeMs;
    }

    /** The node's own time: its total minus its children's (with ANALYZE; none for a group). */
    public Double selfMs() {
        return selfMs;
    }

    public Long sharedHit() {
        return sharedHit;
    }

    public Long sharedRead() {
        return sharedRead;
    }

    public boolean neverExecuted() {
        return neverExecuted;
    }

    /** The node's conditions, one "Label: text" per line; empty for a group. */
    public String conditions() {
        if (node == null) {
            return "";
        }
        return node.conditions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }

    static Double inclusiveMs(PlanNode node) {
        if (node.actualTotalTime() == null || node.actualLoops() == null) {
            return null;
        }
        return node.actualTotalTime() * node.actualLoops();
    }

    /** "Seq Scan on events_2026_05 e", "Index Scan using i on t", "Hash Join (Left)", "ModifyTable (Delete)". */
    static String nodeLabel(PlanNode node) {
        StringBuilder s = new StringBuilder();
        if (node.subplanName() != null) {
            s.append(node.subplanName()).append(": ");
        }
        s.append(node.nodeType());
        if (node.operation() != null && "ModifyTable".equals(node.nodeType())) {
            s.append(" (").append(node.operation()).append(')');
        }
        if (node.joinType() != null && !"Inner".equals(node.joinType())) {
            s.append(" (").append(node.joinType()).append(')');
        }
        if (node.indexName() != null) {
            s.append(" using ").append(Identifiers.quoteIfNeeded(node.indexName()));
        }
        if (node.relation() != null) {
            s.append(" on ").append(Identifiers.quoteIfNeeded(node.relation().name()));
            if (node.alias() != null && !node.alias().equals(node.relation().name())) {
                s.append(' ').append(Identifiers.quoteIfNeeded(node.alias()));
            }
        }
        return s.toString();
    }

    /** "events_2026_*" for events_2026_01..events_2026_12, "events_*" across years; the one name when all are equal; null without relations. */
    static String commonName(List<PlanNode> nodes) {
        String prefix = null;
        boolean same = true;
        for (PlanNode n : nodes) {
            if (n.relation() == null) {
                return null;
            }
            String name = n.relation().name();
            if (prefix == null) {
                prefix = name;
            } else if (!prefix.equals(name)) {
                same = false;
                int k = 0;
                while (k < prefix.length() && k < name.length() && prefix.charAt(k) == name.charAt(k)) {
                    k++;
                }
                prefix = prefix.substring(0, k);
            }
        }
        if (same) {
            return prefix;
        }
        // Cut back to a separator: "events_2025_*" or "events_*", not "events_202*".
        int cut = prefix.length();
        while (cut > 0 && Character.isLetterOrDigit(prefix.charAt(cut - 1))) {
            cut--;
        }
        return (cut > 0 ? prefix.substring(0, cut) : prefix) + "*";
    }

    private static Double sum(List<PlanNode> nodes, java.util.function.Function<PlanNode, Double> value) {
        double total = 0;
        boolean any = false;
        for (PlanNode n : nodes) {
            Double v = value.apply(n);
            if (v != null) {
                total += v;
                any = true;
            }
        }
        return any ? total : null;
    }

    /** Actual rows are per loop; the group shows the rows all members returned. */
    private static Double sumActualRows(List<PlanNode> nodes) {
        return sum(nodes, n -> n.actualRows() == null || n.actualLoops() == null ? null
                : n.actualRows() * n.actualLoops());
    }

    private static Long sumLong(List<PlanNode> nodes, java.util.function.Function<PlanNode, Long> value) {
        long total = 0;
        boolean any = false;
        for (PlanNode n : nodes) {
            Long v = value.apply(n);
            if (v != null) {
                total += v;
                any = true;
            }
        }
        return any ? total : null;
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT).isEmpty() ? "?" : label;
    }
}
