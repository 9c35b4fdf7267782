package io.partscope.ui.browser;

import io.partscope.core.catalog.AgeShare;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The members of one partition set as a tree (parent links from the catalog), built once per set off the FX thread.
 * {@link #arrange} flattens it into the lines a table shows for a filter, an order and the expanded branches; that
 * too runs off the FX thread, and the view sets the lines in one step. (A TreeTableView stalls the FX thread with
 * 100,000 siblings: finding row i walks the siblings; a TableView over the flattened tree does not.)
 */
public final class MemberTree {
    private final MemberRow root;
    private final List<MemberRow> rows;
    /** Children of each row by index into {@link #rows}, in tree order; index -1 (the root) at {@link #top}. */
    private final int[][] children;
    private final int[] top;
    /** Each row's size as a share of its largest sibling's (0..1), for the inline bar. */
    private final double[] sizeShare;
    /** Rows with members below them that are not read yet (a {@link #ofFirstLevel first level}); null: none. */
    private final boolean[] unread;
    /** Members of the whole set: {@link #size()} unless only the first level is read. */
    private final int setSize;

    private MemberTree(MemberRow root, List<MemberRow> rows, int[][] children, int[] top, double[] sizeShare,
            boolean[] unread, int setSize) {
        this.root = root;
        this.rows = rows;
        this.children = children;
        this.top = top;
        this.sizeShare = sizeShare;
        this.unread = unread;
        this.setSize = setSize;
    }

    /**
     * The first screen of a set whose members are still being read: the root's direct children, a sub-partitioned
     * one as a closed branch with the roll-up the full tree will give it (its numbers from the first-level read,
     * its estimate mark and worst XID share over its subtree), its children not read yet.
     */
    static MemberTree ofFirstLevel(io.partscope.core.catalog.FirstLevelReader.Result first) {
        PartitionSet set = first.set();
        List<PartitionMember> members = set.partitions();
        List<MemberRow> rows = new ArrayList<>(members.size());
        boolean[] unread = new boolean[members.size()];
        int[] top = new int[members.size()];
        int[][] children = new int[members.size()][];
        for (int i = 0; i < members.size(); i++) {
            PartitionMember m = members.get(i);
            MemberRow row = MemberRow.of(m);
            unread[i] = first.hasUnreadChildren(m);
            if (unread[i]) {
                // No bloat roll-up yet (it needs every leaf's column statistics): unknown, not 0%, until the full
                // read replaces the line.
                row = new MemberRow(row.member(), row.name(), row.level(), row.bound(), row.totalBytes(), row.rows(),
                        row.deadPct(), null, row.xidAge(), row.xidAgeFraction(), row.mxidAge(), row.lastVacuum(),
                        row.lastAnalyze(), row.problems(), row.flags(), row.sizesEstimated());
                row = row.withRollUp(first.estimatedBranches().contains(m.oid()), first.worstXidAgeShares()
                        .get(m.oid()));
            } else {
                AgeShare own = AgeShare.xid(m);
                row = row.withRollUp(row.sizesEstimated(), own == null ? null : own.fraction());
            }
            rows.add(row);
            top[i] = i;
            children[i] = new int[0];
        }
        double[] share = new double[members.size()];
        shares(rows, top, share);
        MemberRow root = MemberRow.of(set.root());
        int setSize = set.totals() == null ? members.size() : Math.max(members.size(), set.totals().partitionCount());
        return new MemberTree(root, List.copyOf(rows), children, top, share, unread, setSize);
    }

    /** Builds the tree of a set; members whose parent is not in the set hang from the root. */
    static MemberTree of(PartitionSet set) {
        List<PartitionMember> members = set.partitions();
        List<MemberRow> rows = new ArrayList<>(members.size());
        Map<String, Integer> index = new HashMap<>(members.size() * 2);
        for (int i = 0; i < members.size(); i++) {
            PartitionMember m = members.get(i);
            rows.add(MemberRow.of(m));
            index.put(key(m.schema(), m.name()), i);
        }
        List<List<Integer>> kids = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            kids.add(null);
        }
        List<Integer> topKids = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            PartitionMember m = members.get(i);
            Integer parent = m.parentName() == null ? null : index.get(key(m.parentSchema(), m.parentName()));
            if (parent == null || parent == i) {
                topKids.add(i);
            } else {
                if (kids.get(parent) == null) {
                    kids.set(parent, new ArrayList<>());
                }
                kids.get(parent).add(i);
            }
        }
        int[][] children = new int[members.size()][];
        for (int i = 0; i < members.size(); i++) {
            children[i] = kids.get(i) == null ? new int[0] : kids.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        // A roll-up is an estimate when a member below is, and its XID share is the worst below it: children come
        // after their parent in tree order.
        AgeShare[] worst = new AgeShare[members.size()];
        for (int i = members.size() - 1; i >= 0; i--) {
            boolean estimated = rows.get(i).sizesEstimated();
            AgeShare w = AgeShare.xid(members.get(i));
            for (int child : children[i]) {
                estimated |= rows.get(child).sizesEstimated();
                w = AgeShare.worse(w, worst[child]);
            }
            worst[i] = w;
            rows.set(i, rows.get(i).withRollUp(estimated, w == null ? null : w.fraction()));
        }
        int[] top = topKids.stream().mapToInt(Integer::intValue).toArray();
        double[] share = new double[members.size()];
        shares(rows, top, share);
        for (int[] siblings : children) {
            shares(rows, siblings, share);
        }
        MemberRow root = MemberRow.of(set.root());
        AgeShare rootShare = AgeShare.worstXid(set);
        root = root.withRollUp(root.sizesEstimated(), rootShare == null ? null : rootShare.fraction());
        return new MemberTree(root, List.copyOf(rows), children, top, share, null, rows.size());
    }

    private static void shares(List<MemberRow> rows, int[] siblings, double[] share) {
        long max = 0;
        for (int i : siblings) {
            Long bytes = rows.get(i).totalBytes();
            max = Math.max(max, bytes == null ? 0 : bytes);
        }
        for (int i : siblings) {
            Long bytes = rows.get(i).totalBytes();
            share[i] = max <= 0 || bytes == null ? 0 : (double) bytes / max;
        }
    }

    private static String key(String schema, String name) {
        return schema + '\u0000' + name;
    }

    /** A member's key for selection and expand state: its qualified name. */
    static String key(MemberRow row) {
        return key(row.member().schema(), row.member().name());
    }

    /** Every member in tree order. */
    List<MemberRow> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    /** Members of the whole set, read or not: what the default expansion ({@code EXPAND_ALL_BELOW}) goes by. */
    int setSize() {
        return setSize;
    }

    /** Whether only part of the set is read (the first level): the rest is on its way. */
    boolean isPartial() {
        return setSize > rows.size();
    }

    /**
     * One line of the member table: a member with what the flattened tree needs to draw it (indentation, the
     * disclosure arrow, muted when shown only as an ancestor of a match). Equality is identity on purpose: the
     * table's selection model looks lines up by {@code equals}, and 100,000 deep record comparisons would cost.
     */
    public static final class MemberLine {
        private final MemberRow row;
        private final String key;
        private final int depth;
        private final boolean branch;
        private final boolean expanded;
        private final boolean context;
        private final double sizeShare;
        private final boolean loading;

        MemberLine(MemberRow row, String key, int depth, boolean branch, boolean expanded, boolean context,
                double sizeShare) {
            this(row, key, depth, branch, expanded, context, sizeShare, false);
        }

        MemberLine(MemberRow row, String key, int depth, boolean branch, boolean expanded, boolean context,
                double sizeShare, boolean loading) {
            this.loading = loading;
            this.row = row;
            this.key = key;
            this.depth = depth;
            this.branch = branch;
            this.expanded = expanded;
            this.context = context;
            this.sizeShare = sizeShare;
        }

        public MemberRow row() {
            return row;
        }

        /** {@link MemberTree#key(MemberRow)}. */
        String key() {
            return key;
        }

        /** 0 for the members directly below the root. */
        int depth() {
            return depth;
        }

        /** Whether it has children (shown or not): draws the arrow. */
        boolean isBranch() {
            return branch;
        }

        boolean isExpanded() {
            return expanded;
        }

        /** Shown only because a descendant matches the filter. */
        boolean isContext() {
            return context;
        }

        /** Size as a share of the largest sibling's (0..1). */
        double sizeShare() {
            return sizeShare;
        }

        /** Opened before its children are read: the table says they are on their way, not that there are none. */
        boolean isLoading() {
            return loading;
        }

        @Override
        public String toString() {
            return row.name();
        }
    }

    /**
     * What the table shows: the visible lines of the tree flattened (pre-order, children of collapsed branches
     * left out), their members, how many members match the filter, of how many.
     */
    record Arranged(List<MemberLine> lines, List<MemberRow> shown, int matches, int total) {
    }

    /**
     * Flattens the tree: members that match plus their ancestors (marked as context when they do not match
     * themselves), siblings in the given order (null: tree order), children only below expanded branches.
     * Runs off the FX thread.
     */
    Arranged arrange(Predicate<MemberRow> filter, Comparator<MemberRow> order, Predicate<String> expanded) {
        boolean filtering = filter != null;
        boolean[] match = new boolean[rows.size()];
        boolean[] keep = new boolean[rows.size()];
        int matches = 0;
        for (int i = 0; i < rows.size(); i++) {
            match[i] = !filtering || filter.test(rows.get(i));
            if (match[i]) {
                matches++;
            }
        }
        for (int i : top) {
            mark(i, match, keep);
        }
        List<MemberLine> lines = new ArrayList<>(Math.min(rows.size(), Math.max(16, matches * 2)));
        addChildren(top, 0, order, match, keep, expanded, lines);
        List<MemberRow> shown = new ArrayList<>(lines.size());
        for (MemberLine line : lines) {
            shown.add(line.row());
        }
        return new Arranged(Collections.unmodifiableList(lines), Collections.unmodifiableList(shown), matches,
                rows.size());
    }

    /** Whether the row or one of its descendants matches; fills {@code keep}. */
    private boolean mark(int i, boolean[] match, boolean[] keep) {
        boolean any = match[i];
        for (int child : children[i]) {
            any |= mark(child, match, keep);
        }
        keep[i] = any;
        return any;
    }

    private void addChildren(int[] kids, int depth, Comparator<MemberRow> order, boolean[] match, boolean[] keep,
            Predicate<String> expanded, List<MemberLine> lines) {
        int[] kept = new int[kids.length];
        int n = 0;
        for (int k : kids) {
            if (keep[k]) {
                kept[n++] = k;
            }
        }
        if (order != null && n > 1) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = kept[i];
            }
            java.util.Arrays.sort(boxed, (a, b) -> order.compare(rows.get(a), rows.get(b)));
            for (int i = 0; i < n; i++) {
                kept[i] = boxed[i];
            }
        }
        for (int i = 0; i < n; i++) {
            int k = kept[i];
            MemberRow row = rows.get(k);
            String key = key(row);
            boolean pending = unread != null && unread[k];
            boolean branch = children[k].length > 0 || pending;
            boolean open = branch && expanded.test(key);
            lines.add(new MemberLine(row, key, depth, branch, open, !match[k], sizeShare[k], open && pending));
            if (open) {
                addChildren(children[k], depth + 1, order, match, keep, expanded, lines);
            }
        }
    }
}
