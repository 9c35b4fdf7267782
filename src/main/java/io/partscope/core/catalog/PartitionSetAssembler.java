package io.partscope.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link PartitionSet}s from the rows the catalog queries returned: the tree structure, tree order,
 * each member's own numbers, and roll-ups at every non-leaf level. No database access here.
 */
final class PartitionSetAssembler {
    /** Siblings: DEFAULT last, then by name in natural order, then by schema. */
    private static final Comparator<MemberRow> SIBLING_ORDER = (x, y) -> {
        int c = Boolean.compare("DEFAULT".equals(x.bound()), "DEFAULT".equals(y.bound()));
        if (c == 0) {
            c = NaturalOrder.INSTANCE.compare(x.name(), y.name());
        }
        return c != 0 ? c : x.schema().compareTo(y.schema());
    };
    private final long globalFreezeMaxAge;
    private final int blockSize;

    PartitionSetAssembler(long globalFreezeMaxAge, int blockSize) {
        this.globalFreezeMaxAge = globalFreezeMaxAge;
        this.blockSize = blockSize;
    }

    /** One set per root, ordered by schema and name (the rows come in no particular order). */
    List<PartitionSet> assemble(List<MemberRow> rows) {
        Map<Long, Map<Long, MemberRow>> byRoot = new LinkedHashMap<>();
        for (MemberRow row : rows) {
            byRoot.computeIfAbsent(row.rootOid(), k -> new LinkedHashMap<>()).put(row.oid(), row);
        }
        List<PartitionSet> sets = new ArrayList<>(byRoot.size());
        for (Map.Entry<Long, Map<Long, MemberRow>> e : byRoot.entrySet()) {
            sets.add(assembleSet(e.getKey(), e.getValue()));
        }
        sets.sort(Comparator.comparing(PartitionSet::schema).thenComparing(PartitionSet::name,
                NaturalOrder.INSTANCE));
        return sets;
    }

    private PartitionSet assembleSet(long rootOid, Map<Long, MemberRow> members) {
        Map<Long, List<MemberRow>> children = new HashMap<>();
        for (MemberRow row : members.values()) {
            if (row.oid() == rootOid) {
                continue;
            }
            children.computeIfAbsent(structuralParent(row, members), k -> new ArrayList<>()).add(row);
        }
        children.values().forEach(list -> list.sort(SIBLING_ORDER));

        MemberRow rootRow = members.get(rootOid);
        Node root = node(rootRow, children);
        SetKind kind = "p".equals(rootRow.relkind()) ? SetKind.DECLARATIVE : SetKind.INHERITANCE;
        return rolledUp(root, kind, Strategy.fromCatalog(rootRow.strategy()), rootRow.partitionKey());
    }

    /** A member and its children, in tree order, before the roll-up. */
    private record Node(PartitionMember member, List<Node> kids) {
    }

    private Node node(MemberRow row, Map<Long, List<MemberRow>> children) {
        List<MemberRow> kids = children.getOrDefault(row.oid(), List.of());
        List<Node> nodes = new ArrayList<>(kids.size());
        for (MemberRow kid : kids) {
            nodes.add(node(kid, children));
        }
        return new Node(member(row, kids.isEmpty()), nodes);
    }

    /**
     * The same set with these sizes in place of its members' estimates (stage 2), rolled up again at every level.
     * The tree is rebuilt from each member's parents (the first one in the set, as {@link #assemble} does), so
     * members without a measured size are kept as they are.
     */
    static PartitionSet withSizes(PartitionSet set, Map<Long, Sizes> sizes) {
        Map<RelationName, Node> byName = new HashMap<>(set.partitions().size() * 2);
        Node root = new Node(resized(set.root(), sizes), new ArrayList<>());
        byName.put(root.member().relationName(), root);
        List<Node> nodes = new ArrayList<>(set.partitions().size());
        for (PartitionMember m : set.partitions()) {
            Node n = new Node(resized(m, sizes), new ArrayList<>());
            nodes.add(n);
            byName.put(m.relationName(), n);
        }
        for (Node n : nodes) {
            Node parent = null;
            for (RelationName p : n.member().parents()) {
                parent = byName.get(p);
                if (parent != null) {
                    break;
                }
            }
            (parent == null || parent == n ? root : parent).kids().add(n);
        }
        return rolledUp(root, set.kind(), set.strategy(), set.partitionKey());
    }

    private static PartitionMember resized(PartitionMember m, Map<Long, Sizes> sizes) {
        Sizes s = sizes.get(m.oid());
        return s == null || m.relkind() != RelKind.TABLE ? m : m.withSizes(s);
    }

    private static PartitionSet rolledUp(Node root, SetKind kind, Strategy strategy, String partitionKey) {
        List<PartitionMember> ordered = new ArrayList<>();
        // Depth-first: each member is appended before its children; its totals are set once they are known.
        Walk rootWalk = walk(root, ordered, true);
        return new PartitionSet(rootWalk.member(), kind, strategy, partitionKey, ordered, rootWalk.totals());
    }

    /** The member's first parent (by inhseqno) that belongs to this set. */
    private static long structuralParent(MemberRow row, Map<Long, MemberRow> members) {
        for (Long parent : row.parentOids()) {
            if (members.containsKey(parent)) {
                return parent;
            }
        }
        throw new IllegalStateException("member " + row.name() + " has no parent in its set");
    }

    private record Walk(PartitionMember member, Totals totals) {
    }

    private static Walk walk(Node node, List<PartitionMember> out, boolean isRoot) {
        List<Node> kids = node.kids();
        PartitionMember own = node.member();
        int index = -1;
        if (!isRoot) {
            index = out.size();
            out.add(own);
        }
        if (kids.isEmpty()) {
            return new Walk(own, isRoot ? rollUp(own) : null);
        }
        List<Totals> childTotals = new ArrayList<>(kids.size());
        List<PartitionMember> childMembers = new ArrayList<>(kids.size());
        for (Node kid : kids) {
            Walk w = walk(kid, out, false);
            childMembers.add(w.member());
            childTotals.add(w.totals() != null ? w.totals() : rollUp(w.member()));
        }
        Totals totals = combine(own, childMembers, childTotals);
        PartitionMember withTotals = own.withTotals(totals);
        if (index >= 0) {
            out.set(index, withTotals);
        }
        return new Walk(withTotals, totals);
    }

    /** Totals of a member without children: just its own numbers (a leaf counts as one leaf). */
    private static Totals rollUp(PartitionMember m) {
        boolean leaf = m.isLeaf();
        return new Totals(0, leaf ? 1 : 0, nz(m.totalBytes()), nz(m.tableBytes()), nz(m.indexBytes()),
                nz(m.toastBytes()), nz(m.rowEstimate()), nz(m.liveTuples()), nz(m.deadTuples()), m.xidAge(),
                m.mxidAge(), nz(m.bloatBytes()), 0, 0, 0);
    }

    /** The member's own numbers (an inheritance parent holds rows) plus everything below it. */
    private static Totals combine(PartitionMember own, List<PartitionMember> kids, List<Totals> kidTotals) {
        Totals t = rollUp(own);
        int partitions = 0;
        int leaves = 0;
        long total = t.totalBytes();
        long table = t.tableBytes();
        long index = t.indexBytes();
        long toast = t.toastBytes();
        long rows = t.rowEstimate();
        long live = t.liveTuples();
        long dead = t.deadTuples();
        Long xid = t.maxXidAge();
        Long mxid = t.maxMxidAge();
        long bloat = t.bloatBytes();
        int defaults = 0;
        long defaultRows = 0;
        int pending = 0;
        for (int i = 0; i < kids.size(); i++) {
            PartitionMember kid = kids.get(i);
            Totals k = kidTotals.get(i);
            partitions += 1 + k.partitionCount();
            leaves += k.leafCount();
            total += k.totalBytes();
            table += k.tableBytes();
            index += k.indexBytes();
            toast += k.toastBytes();
            rows += k.rowEstimate();
            live += k.liveTuples();
            dead += k.deadTuples();
            xid = max(xid, k.maxXidAge());
            mxid = max(mxid, k.maxMxidAge());
            bloat += k.bloatBytes();
            defaults += k.defaultPartitions() + (kid.isDefault() ? 1 : 0);
            defaultRows += k.defaultRows() + (kid.isDefault() ? rowsOf(k) : 0);
            pending += k.detachPending() + (kid.detachPending() ? 1 : 0);
        }
        return new Totals(partitions, leaves, total, table, index, toast, rows, live, dead, xid, mxid, bloat,
                defaults, defaultRows, pending);
    }

    /** Rows in a DEFAULT partition (a sub-partitioned default counts its leaves). */
    private static long rowsOf(Totals t) {
        return Math.max(t.liveTuples(), t.rowEstimate());
    }

    private PartitionMember member(MemberRow r, boolean noChildren) {
        boolean storage = r.hasStorage();
        boolean isLeaf = noChildren && !"p".equals(r.relkind());
        Sizes s = storage ? r.sizes() : new Sizes(0, 0, 0, false);
        long freezeMaxAge = r.freezeMaxAgeOption() == null ? globalFreezeMaxAge
                : Math.min(globalFreezeMaxAge, r.freezeMaxAgeOption());
        BloatEstimator.Estimate bloat;
        if (!storage) {
            bloat = new BloatEstimator.Estimate(BloatStatus.NOT_APPLICABLE, null, null);
        } else {
            bloat = BloatEstimator.estimate(new BloatEstimator.Inputs(r.reltuples(), r.relpages(), r.fillfactor(),
                    r.columns(), r.columnsWithStats(), r.maxNullFrac(), r.dataWidth(), r.modsSinceAnalyze(),
                    r.everAnalyzedOrVacuumed(), blockSize));
        }
        List<RelationName> parents = new ArrayList<>(r.parentOids().size());
        for (int i = 0; i < r.parentOids().size(); i++) {
            parents.add(new RelationName(r.parentSchemas().get(i), r.parentNames().get(i)));
        }
        RelationName first = parents.isEmpty() ? null : parents.get(0);
        return new PartitionMember(r.oid(), r.schema(), r.name(), first == null ? null : first.schema(),
                first == null ? null : first.name(), parents, r.depth(), isLeaf, "DEFAULT".equals(r.bound()),
                r.bound(), r.partitionKey(), r.detachPending(), RelKind.fromCatalog(r.relkind()),
                Persistence.fromCatalog(r.persistence()), r.tablespace(), r.reloptions(),
                s == null ? null : s.total(), s == null ? null : s.table(), s == null ? null : s.index(),
                s == null ? null : s.toast(), storage && r.reltuples() >= 0 ? (long) r.reltuples() : null,
                storage ? r.liveTuples() : null, storage ? r.deadTuples() : null,
                storage ? r.modsSinceAnalyze() : null, storage ? r.xidAge() : null, storage ? r.mxidAge() : null,
                freezeMaxAge, r.mxidFreezeMaxAge(), bloat.bloatBytes(), bloat.bloatPct(), bloat.status(), r.lastVacuum(),
                r.lastAutovacuum(), r.lastAnalyze(), r.lastAutoanalyze(), null, s != null && s.estimated());
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
