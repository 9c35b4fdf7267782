package io.partscope.ui.browser;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.Problem;
import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import io.partscope.ui.TableColumns;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The columns of the member tree table, each with a header tooltip that explains its number and a comparator on
 * the raw value (the table sorts siblings off the FX thread with these, see {@link PartitionSetBrowser}).
 */
final class MemberColumns {
    static final String BLOAT_CAVEAT = "Estimated from statistics (pg_stats); heap only; unreliable on small or "
            + "never-analyzed tables";

    /** Header tooltips: what each number is and why a DBA watches it. */
    static final Map<String, String> HEADER_TIPS = Map.ofEntries(
            Map.entry("Partition", "The partition's name (schema-qualified when it differs from its parent's). "
                    + "Sub-partitioned members open and close with the arrow (Left/Right). Enter shows its details, "
                    + "Ctrl+C copies its qualified name."),
            Map.entry("Bound", "The partition bound as the catalog writes it (FOR VALUES …, DEFAULT); empty for "
                    + "inheritance children."),
            Map.entry("Size", "Total size on disk: table, indexes and TOAST (pg_total_relation_size). A "
                    + "sub-partitioned member shows the sum over its leaves. The bar compares the member with its "
                    + "largest sibling."),
            Map.entry("Rows", "Live rows (n_live_tup from pg_stat_user_tables; the planner's estimate when no "
                    + "statistics were collected yet)."),
            Map.entry("Dead %", "Dead tuples as a share of live + dead (pg_stat_user_tables). Dead tuples take space "
                    + "until VACUUM removes them; a high share means autovacuum is behind."),
            Map.entry("Bloat %", "Space in the heap beyond what the rows need, as a share of the table size. "
                    + BLOAT_CAVEAT + "."),
            Map.entry("XID age", "age(relfrozenxid): transactions since the table was last frozen, and that as a "
                    + "share of its effective autovacuum_freeze_max_age. At 100% autovacuum starts an "
                    + "anti-wraparound VACUUM that cannot be cancelled; near 2 billion the server stops accepting "
                    + "writes to prevent transaction ID wraparound. Orange from 80%, red from 100%."),
            Map.entry("MXID age", "mxid_age(relminmxid): multixact IDs (row locks shared by several transactions) "
                    + "since the last freeze. Past autovacuum_multixact_freeze_max_age it forces an anti-wraparound "
                    + "VACUUM too."),
            Map.entry("Vacuumed", "The last VACUUM of this table, manual or autovacuum, whichever is later."),
            Map.entry("Analyzed", "The last ANALYZE of this table, manual or autoanalyze, whichever is later. Stale "
                    + "statistics make plans and the bloat estimate unreliable."),
            Map.entry("Flags", "DEFAULT partition, DETACH PENDING (an interrupted DETACH … CONCURRENTLY), "
                    + "PARTITIONED (has sub-partitions), UNLOGGED, FOREIGN, and the problems found."));

    /** Comparators of the raw values by column, in column order. */
    private final Map<TreeTableColumn<MemberRow, ?>, Comparator<MemberRow>> comparators = new LinkedHashMap<>();

    List<TreeTableColumn<MemberRow, ?>> create() {
        TreeTableColumn<MemberRow, String> name = column("Partition", 240, MemberRow::name,
                Comparator.comparing(MemberRow::name, MemberColumns::natural));
        name.setMinWidth(180);
        name.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        TreeTableColumn<MemberRow, String> bound = column("Bound", 240, MemberRow::bound,
                Comparator.comparing(MemberRow::bound, MemberColumns::natural));
        bound.setMinWidth(180);
        bound.getStyleClass().add(Styles.CODE);
        bound.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                MemberRow row = empty ? null : getTableRow().getItem();
                String full = row == null ? null : row.member().bound();
                setTooltip(full == null || full.isEmpty() ? null : new Tooltip(full));
            }
        });
        TreeTableColumn<MemberRow, Long> size = number("Size", 130, MemberRow::totalBytes, Formats::bytes, null);
        size.setCellFactory(c -> new SizeBarCell());
        TreeTableColumn<MemberRow, Double> bloat = number("Bloat %", 80, MemberRow::bloatPct,
                PartitionSetBrowser::percent,
                row -> row.problems().contains(Problem.BLOAT_HIGH) ? Styles.WARNING : null);
        bloat.setCellFactory(c -> new NumberCell<>(PartitionSetBrowser::percent,
                row -> row.problems().contains(Problem.BLOAT_HIGH) ? Styles.WARNING : null) {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                MemberRow row = empty ? null : getTableRow().getItem();
                setTooltip(row == null ? null : new Tooltip(bloatTip(row)));
            }
        });
        TreeTableColumn<MemberRow, Long> xid = number("XID age", 140, MemberRow::xidAge, Formats::age, null);
        xid.setCellFactory(c -> new XidAgeTreeCell());
        TreeTableColumn<MemberRow, List<String>> flags = new TreeTableColumn<>("Flags");
        flags.setPrefWidth(230);
        flags.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue().flags()));
        flags.setCellFactory(c -> new FlagsTreeCell());
        comparators.put(flags, Comparator.comparingInt((MemberRow r) -> r.problems().size())
                .thenComparing(r -> String.join(" ", r.flags())));
        return List.of(name, bound, size,
                number("Rows", 110, MemberRow::rows, Formats::count, null),
                number("Dead %", 80, MemberRow::deadPct, PartitionSetBrowser::percent,
                        row -> row.deadPct() != null && row.deadPct() >= PartitionSetRow.DEAD_TUPLE_WARNING_PCT
                                ? Styles.WARNING : null),
                bloat, xid,
                number("MXID age", 90, MemberRow::mxidAge, Formats::age, null),
                number("Vacuumed", 95, MemberRow::lastVacuum, Formats::since, null),
                number("Analyzed", 95, MemberRow::lastAnalyze, Formats::since, null),
                flags);
    }

    /** The comparator of a column's raw values (nulls first), or null for a column that does not sort. */
    Comparator<MemberRow> comparator(TreeTableColumn<MemberRow, ?> column) {
        return comparators.get(column);
    }

    static String bloatTip(MemberRow row) {
        PartitionMember m = row.member();
        StringBuilder tip = new StringBuilder(BLOAT_CAVEAT).append('.');
        tip.append("\nStatus: ").append(m.bloatStatus() == null ? "unknown" : m.bloatStatus().json()
                .replace('_', ' '));
        if (m.bloatBytes() != null && m.isLeaf()) {
            tip.append("\nEstimated bloat: ").append(Formats.bytes(m.bloatBytes()));
        }
        if (!m.isLeaf()) {
            tip.append("\nFor a sub-partitioned member: the estimated bloat of its leaves over their heap size.");
        }
        return tip.toString();
    }

    private <T> TreeTableColumn<MemberRow, T> column(String title, double width, Function<MemberRow, T> value,
            Comparator<MemberRow> comparator) {
        TreeTableColumn<MemberRow, T> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue().getValue())));
        comparators.put(column, comparator);
        return column;
    }

    private <T extends Comparable<? super T>> TreeTableColumn<MemberRow, T> number(String title, double width,
            Function<MemberRow, T> value, Function<T, String> format, TableColumns.Highlighter<MemberRow> highlight) {
        TreeTableColumn<MemberRow, T> column = column(title, width, value,
                Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())));
        column.setMinWidth(width);
        column.getStyleClass().add(Styles.NUMERIC);
        column.setCellFactory(c -> new NumberCell<>(format, highlight));
        return column;
    }

    /** Compares names as a person reads them: {@code p2 < p10}. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** A right-aligned number with an optional warning colour. */
    static class NumberCell<T> extends TreeTableCell<MemberRow, T> {
        private final Function<T, String> format;
        private final TableColumns.Highlighter<MemberRow> highlight;

        NumberCell(Function<T, String> format, TableColumns.Highlighter<MemberRow> highlight) {
            this.format = format;
            this.highlight = highlight;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            if (empty || item == null) {
                setText(empty ? null : "—");
                return;
            }
            setText(format.apply(item));
            MemberRow row = getTableRow() == null ? null : getTableRow().getItem();
            String style = highlight == null || row == null ? null : highlight.styleClassFor(row);
            if (style != null) {
                getStyleClass().add(style);
            }
        }
    }

    /** The size as text over a bar as long as the member's share of its largest sibling. */
    static final class SizeBarCell extends TreeTableCell<MemberRow, Long> {
        private final Region bar = new Region();
        private final Label text = new Label();
        private final StackPane graphic = new StackPane(bar, text);
        private double share;

        SizeBarCell() {
            bar.getStyleClass().add(Styles.SIZE_BAR);
            bar.setMinWidth(0);
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            text.getStyleClass().add(Styles.SIZE_BAR_TEXT);
            StackPane.setAlignment(bar, Pos.CENTER_LEFT);
            StackPane.setAlignment(text, Pos.CENTER_RIGHT);
            graphic.setMinWidth(0);
            graphic.widthProperty().addListener((obs, old, width) -> resize());
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        private void resize() {
            bar.setPrefWidth(Math.max(share > 0 ? 2 : 0, share * graphic.getWidth()));
        }

        /** The bar's share of the cell (0..1), for tests. */
        double share() {
            return share;
        }

        Region bar() {
            return bar;
        }

        @Override
        protected void updateItem(Long bytes, boolean empty) {
            super.updateItem(bytes, empty);
            TreeItem<MemberRow> item = empty || getTableRow() == null ? null : getTableRow().getTreeItem();
            if (item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            share = item instanceof MemberTree.MemberItem m ? m.sizeShare() : 0;
            text.setText(bytes == null ? "—" : Formats.bytes(bytes));
            resize();
            setGraphic(graphic);
            setTooltip(new Tooltip(sizeTip(item.getValue())));
        }
    }

    static String sizeTip(MemberRow row) {
        PartitionMember m = row.member();
        if (!m.isLeaf()) {
            return "Total over its leaves: " + Formats.bytes(row.totalBytes());
        }
        return String.format(Locale.ROOT, "Total %s: table %s, indexes %s, TOAST %s%s", Formats.bytes(m.totalBytes()),
                Formats.bytes(m.tableBytes()), Formats.bytes(m.indexBytes()), Formats.bytes(m.toastBytes()),
                m.sizesEstimated() ? "\nEstimated from pg_class: DDL held a lock when the catalog was read." : "");
    }

    /** "151.2M  76%": the age, then its share of the freeze max age, coloured when high. */
    static final class XidAgeTreeCell extends TreeTableCell<MemberRow, Long> {
        @Override
        protected void updateItem(Long age, boolean empty) {
            super.updateItem(age, empty);
            getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            MemberRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null || age == null) {
                setText(empty ? null : "—");
                setTooltip(null);
                return;
            }
            PartitionSetBrowser.showXidAge(this, age, row.xidAgeFraction(), !row.member().isLeaf());
        }
    }

    /** Flags as small tags. */
    static final class FlagsTreeCell extends TreeTableCell<MemberRow, List<String>> {
        @Override
        protected void updateItem(List<String> flags, boolean empty) {
            super.updateItem(flags, empty);
            setText(null);
            if (empty || flags == null || flags.isEmpty()) {
                setGraphic(null);
                return;
            }
            HBox tags = new HBox(4);
            tags.setAlignment(Pos.CENTER_LEFT);
            for (String flag : flags) {
                Label tag = new Label(flag);
                tag.getStyleClass().addAll(Styles.BADGE, PartitionSetBrowser.isProblem(flag) ? Styles.BADGE_PROBLEM
                        : "badge-" + flag.toLowerCase(Locale.ROOT).replace(' ', '-'));
                tags.getChildren().add(tag);
            }
            setGraphic(tags);
        }
    }
}
