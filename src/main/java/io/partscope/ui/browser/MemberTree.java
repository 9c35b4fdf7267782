package io.partscope.ui.browser;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.scene.control.TreeItem;

/**
 * The members of one partition set as a tree (parent links from the catalog), built once per set off the FX thread.
 * {@link #arrange} turns it into {@link TreeItem}s for a filter, an order and the branches the user collapsed; that
 * too runs off the FX thread (items not attached to a scene may be built on any thread), and the view swaps the
 * root in one step.
 */
final class MemberTree {
    private final MemberRow root;
    private final List<MemberRow> rows;
    /** Children of each row by index into {@link #rows}, in tree order; index -1 (the root) at {@link #top}. */
    private final int[][] children;
    private final int[] top;
    /** Each row's size as a share of its largest sibling's (0..1), for the inline bar. */
    private final double[] sizeShare;

    private MemberTree(MemberRow root, List<MemberRow> rows, int[][] children, int[] top, double[] sizeShare) {
        this.root = root;
        this.rows = rows;
        this.children = children;
        this.top = top;
        this.sizeShare = sizeShare;
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
        int[] top = topKids.stream().mapToInt(Integer::intValue).toArray();
        double[] share = new double[members.size()];
        shares(rows, top, share);
        for (int[] siblings : children) {
            shares(rows, siblings, share);
        }
        return new MemberTree(MemberRow.of(set.root()), List.copyOf(rows), children, top, share);
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

    /** A row in the tree: {@code context} when shown only because a descendant matches the filter. */
    static final class MemberItem extends TreeItem<MemberRow> {
        private final boolean context;
        private final double sizeShare;

        MemberItem(MemberRow row, boolean context, double sizeShare) {
            super(row);
            this.context = context;
            this.sizeShare = sizeShare;
        }

        boolean isContext() {
            return context;
        }

        /** Size as a share of the largest sibling's (0..1). */
        double sizeShare() {
            return sizeShare;
        }
    }

    /**
     * What the table shows: the root to swap in, the shown rows flattened in display order (collapsed branches
     * included), how many members match, and the items by {@link #key(MemberRow)} to restore the selection.
     */
    record Arranged(TreeItem<MemberRow> root, List<MemberRow> shown, int matches, int total,
            Map<String, TreeItem<MemberRow>> items) {
    }

    /**
     * Builds the items: members that match plus their ancestors (marked as context when they do not match
     * themselves), siblings in the given order (null: tree order), branches expanded unless collapsed by the user
     * (with a filter, every branch holding a match is expanded so the matches are seen).
     */
    Arranged arrange(Predicate<MemberRow> filter, Comparator<MemberRow> order, Set<String> collapsed) {
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
        TreeItem<MemberRow> rootItem = new TreeItem<>(root);
        rootItem.setExpanded(true);
        Map<String, TreeItem<MemberRow>> items = new HashMap<>(Math.max(16, matches * 2));
        List<MemberRow> shown = new ArrayList<>(matches);
        addChildren(rootItem, top, order, match, keep, collapsed, filtering, items, shown);
        return new Arranged(rootItem, Collections.unmodifiableList(shown), matches, rows.size(), items);
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

    private void addChildren(TreeItem<MemberRow> parent, int[] kids, Comparator<MemberRow> order, boolean[] match,
            boolean[] keep, Set<String> collapsed, boolean filtering, Map<String, TreeItem<MemberRow>> items,
            List<MemberRow> shown) {
        List<Integer> kept = new ArrayList<>(kids.length);
        for (int k : kids) {
            if (keep[k]) {
                kept.add(k);
            }
        }
        if (order != null) {
            kept.sort((a, b) -> order.compare(rows.get(a), rows.get(b)));
        }
        List<TreeItem<MemberRow>> built = new ArrayList<>(kept.size());
        for (int k : kept) {
            MemberRow row = rows.get(k);
            MemberItem item = new MemberItem(row, !match[k], sizeShare[k]);
            items.put(key(row), item);
            shown.add(row);
            if (children[k].length > 0) {
                addChildren(item, children[k], order, match, keep, collapsed, filtering, items, shown);
                item.setExpanded(filtering || !collapsed.contains(key(row)));
            }
            built.add(item);
        }
        // One change for all siblings: 100,000 single adds each fire an event.
        parent.getChildren().setAll(built);
    }
}
