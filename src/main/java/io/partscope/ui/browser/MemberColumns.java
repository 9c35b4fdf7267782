package io.partscope.ui.browser;

import io.partscope.core.catalog.NaturalOrder;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.Problem;
import io.partscope.ui.Formats;
import io.partscope.ui.Styles;
import io.partscope.ui.TableColumns;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import io.partscope.ui.browser.MemberTree.MemberLine;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The columns of the member table (the flattened tree, see {@link MemberTree}), each with a header tooltip that
 * explains its number and a comparator on the raw value (the view model sorts siblings off the FX thread with
 * these, see {@link PartitionSetBrowser}).
 */
final class MemberColumns {
    static final String BLOAT_CAVEAT = "Estimated from statistics (pg_stats); heap only; unreliable on small or "
            + "never-analyzed tables";

    /** Header tooltips: what each number is and why a DBA watches it. */
    static final Map<String, String> HEADER_TIPS = Map.ofEntries(
            Map.entry("Partition", "The partition's name (schema-qualified when it differs from its parent's). "
                    + "Sub-partitioned members open and close with the arrow, Right/Left or +/-; Expand all and "
                    + "Collapse all are in the context menu too. Enter shows its details, Ctrl+C copies its "
                    + "qualified name."),
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
            Map.entry("Vacuumed", "The last VACUUM of this table, manual or autovacuum, whichever is later; how long "
                    + "before the catalog was read (Reload or Auto refresh updates it)."),
            Map.entry("Analyzed", "The last ANALYZE of this table, manual or autoanalyze, whichever is later, "
                    + "measured from when the catalog was read. Stale statistics make plans and the bloat estimate "
                    + "unreliable."),
            Map.entry("Flags", "DEFAULT partition, DETACH PENDING (an interrupted DETACH … CONCURRENTLY), "
                    + "PARTITIONED (has sub-partitions), UNLOGGED, FOREIGN, and the problems found."));

    /**
     * The one instant every relative time ("32 s ago") of a refresh is measured from: the catalog read's time, so
     * rows analyzed together read the same however late their cells are drawn (each cell taking its own now drifts).
     */
    private Supplier<OffsetDateTime> now = OffsetDateTime::now;

    /** Measures the Vacuumed and Analyzed columns from {@code now} (the snapshot's read time). */
    void relativeTo(Supplier<OffsetDateTime> now) {
        this.now = now;
    }

    /** Comparators of the raw values by column, in column order. */
    private final Map<TableColumn<MemberLine, ?>, Comparator<MemberRow>> comparators = new LinkedHashMap<>();

    /** Columns without an arrow action (for tests and experiments). */
    List<TableColumn<MemberLine, ?>> create() {
        return create(line -> { });
    }

    /** The columns; {@code toggle} opens or closes a branch when its arrow is clicked. */
    List<TableColumn<MemberLine, ?>> create(Consumer<MemberLine> toggle) {
        TableColumn<MemberLine, String> name = column("Partition", 240, MemberRow::name,
                Comparator.comparing(MemberRow::name, NaturalOrder.INSTANCE));
        name.setMinWidth(220);
        name.setCellFactory(c -> new NameCell(toggle));
        TableColumn<MemberLine, String> bound = column("Bound", 240, MemberRow::bound,
                Comparator.comparing(MemberRow::bound, NaturalOrder.INSTANCE));
        bound.setMinWidth(180);
        bound.getStyleClass().add(Styles.CODE);
        bound.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                MemberRow row = rowOf(this, empty);
                String full = row == null ? null : row.member().bound();
                setTooltip(full == null || full.isEmpty() ? null : tip(this, full));
            }
        });
        TableColumn<MemberLine, Long> size = number("Size", 130, MemberRow::totalBytes, Formats::bytes, null);
        size.setCellFactory(c -> new SizeBarCell());
        TableColumn<MemberLine, Double> bloat = number("Bloat %", 80, MemberRow::bloatPct,
                PartitionSetBrowser::percent,
                row -> row.problems().contains(Problem.BLOAT_HIGH) ? Styles.WARNING : null);
        bloat.setCellFactory(c -> new NumberCell<>(PartitionSetBrowser::percent,
                row -> row.problems().contains(Problem.BLOAT_HIGH) ? Styles.WARNING : null) {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                MemberRow row = rowOf(this, empty);
                setTooltip(row == null ? null : tip(this, bloatTip(row)));
            }
        });
        TableColumn<MemberLine, Long> xid = number("XID age", 140, MemberRow::xidAge, Formats::age, null);
        xid.setCellFactory(c -> new XidAgeMemberCell());
        TableColumn<MemberLine, List<String>> flags = new TableColumn<>("Flags");
        flags.setPrefWidth(230);
        // The last column flexes to the table's width; below this the badges of a sub-partitioned member with a
        // problem (PARTITIONED, XID age high) would not fit and the table scrolls sideways instead.
        flags.setMinWidth(230);
        flags.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().row().flags()));
        flags.setCellFactory(c -> new FlagsCell());
        comparators.put(flags, Comparator.comparingInt((MemberRow r) -> r.problems().size())
                .thenComparing(r -> String.join(" ", r.flags())));
        return List.of(name, bound, size,
                number("Rows", 110, MemberRow::rows, Formats::count, null),
                number("Dead %", 80, MemberRow::deadPct, PartitionSetBrowser::percent,
                        row -> row.deadPct() != null && row.deadPct() >= PartitionSetRow.DEAD_TUPLE_WARNING_PCT
                                ? Styles.WARNING : null),
                bloat, xid,
                number("MXID age", 90, MemberRow::mxidAge, Formats::age, null),
                number("Vacuumed", 95, MemberRow::lastVacuum, t -> Formats.since(t, now.get()), null),
                number("Analyzed", 95, MemberRow::lastAnalyze, t -> Formats.since(t, now.get()), null),
                flags);
    }

    /** The comparator of a column's raw values (nulls first), or null for a column that does not sort. */
    Comparator<MemberRow> comparator(TableColumn<MemberLine, ?> column) {
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

    private <T> TableColumn<MemberLine, T> column(String title, double width, Function<MemberRow, T> value,
            Comparator<MemberRow> comparator) {
        TableColumn<MemberLine, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue().row())));
        comparators.put(column, comparator);
        return column;
    }

    private <T extends Comparable<? super T>> TableColumn<MemberLine, T> number(String title, double width,
            Function<MemberRow, T> value, Function<T, String> format, TableColumns.Highlighter<MemberRow> highlight) {
        TableColumn<MemberLine, T> column = column(title, width, value,
                Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())));
        column.setMinWidth(width);
        column.getStyleClass().add(Styles.NUMERIC);
        column.setCellFactory(c -> new NumberCell<>(format, highlight));
        return column;
    }

    /** A right-aligned number with an optional warning colour. */
    static class NumberCell<T> extends TableCell<MemberLine, T> {
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
            MemberRow row = rowOf(this, false);
            String style = highlight == null || row == null ? null : highlight.styleClassFor(row);
            if (style != null) {
                getStyleClass().add(style);
            }
        }
    }

    /** The size as text over a bar as long as the member's share of its largest sibling. */
    static final class SizeBarCell extends TableCell<MemberLine, Long> {
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
            MemberLine line = lineOf(this, empty);
            if (line == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            share = line.sizeShare();
            text.setText(bytes == null ? "—" : SizeText.of(bytes, line.row().sizesEstimated()));
            resize();
            setGraphic(graphic);
            setTooltip(tip(this, sizeTip(line.row())));
        }
    }

    /**
     * The cell's tooltip with this text: one per cell, reused as the cell shows other rows (a new Tooltip per
     * update is a popup control with its own CSS, hundreds of them per scroll).
     */
    static Tooltip tip(javafx.scene.control.Control cell, String text) {
        Object kept = cell.getProperties().get(Tooltip.class);
        Tooltip tip;
        if (kept instanceof Tooltip t) {
            tip = t;
        } else {
            tip = new Tooltip();
            cell.getProperties().put(Tooltip.class, tip);
        }
        tip.setText(text);
        return tip;
    }

    /** The line a cell shows, or null for an empty cell. */
    static MemberLine lineOf(TableCell<MemberLine, ?> cell, boolean empty) {
        return empty || cell.getTableRow() == null ? null : cell.getTableRow().getItem();
    }

    static MemberRow rowOf(TableCell<MemberLine, ?> cell, boolean empty) {
        MemberLine line = lineOf(cell, empty);
        return line == null ? null : line.row();
    }

    /** Pixels of indentation per tree level. */
    static final double INDENT = 16;

    /**
     * The member's name, indented by its level, after a disclosure arrow when it has children (turned down when
     * open; a click opens or closes it).
     */
    static final class NameCell extends TableCell<MemberLine, String> {
        /** After the name of a branch opened before its partitions are read. */
        static final String READING_SUFFIX = "  (reading its partitions…)";
        private static final javafx.css.PseudoClass EXPANDED = javafx.css.PseudoClass.getPseudoClass("expanded");
        private final Region indent = new Region();
        private final Region arrow = new Region();
        private final StackPane disclosure = new StackPane(arrow);
        private final HBox graphic = new HBox(indent, disclosure);

        NameCell(Consumer<MemberLine> toggle) {
            getStyleClass().add(Styles.MEMBER_NAME_CELL);
            arrow.getStyleClass().add("arrow");
            disclosure.getStyleClass().add(Styles.MEMBER_DISCLOSURE);
            graphic.setAlignment(Pos.CENTER_LEFT);
            indent.setMinWidth(Region.USE_PREF_SIZE);
            disclosure.setOnMouseClicked(event -> {
                MemberLine line = lineOf(this, isEmpty());
                if (line != null && line.isBranch()) {
                    toggle.accept(line);
                    event.consume();
                }
            });
            // Pressing the arrow must not start a double click's "open details" on the row either.
            disclosure.setOnMousePressed(event -> {
                if (lineOf(this, isEmpty()) != null) {
                    getTableView().getSelectionModel().clearAndSelect(getIndex());
                }
                event.consume();
            });
        }

        /** The arrow, for tests. */
        Region disclosure() {
            return disclosure;
        }

        @Override
        protected void updateItem(String name, boolean empty) {
            super.updateItem(name, empty);
            MemberLine line = lineOf(this, empty);
            if (line == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(line.isLoading() ? name + READING_SUFFIX : name);
            indent.setPrefWidth(line.depth() * INDENT);
            disclosure.setVisible(line.isBranch());
            disclosure.pseudoClassStateChanged(EXPANDED, line.isExpanded());
            setGraphic(graphic);
        }
    }

    static String sizeTip(MemberRow row) {
        PartitionMember m = row.member();
        String estimated = row.sizesEstimated() ? "\n" + SizeText.ESTIMATED_TIP : "";
        if (!m.isLeaf()) {
            return "Total over its leaves: " + SizeText.of(row.totalBytes(), row.sizesEstimated()) + estimated;
        }
        return String.format(Locale.ROOT, "Total %s: table %s, indexes %s, TOAST %s%s",
                SizeText.of(m.totalBytes(), m.sizesEstimated()), Formats.bytes(m.tableBytes()),
                Formats.bytes(m.indexBytes()), Formats.bytes(m.toastBytes()), estimated);
    }

    /** "151.2M  76%": the age, then its share of the freeze max age, coloured when high. */
    static final class XidAgeMemberCell extends TableCell<MemberLine, Long> {
        @Override
        protected void updateItem(Long age, boolean empty) {
            super.updateItem(age, empty);
            getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            MemberRow row = rowOf(this, empty);
            if (row == null || age == null) {
                setText(empty ? null : "—");
                setTooltip(null);
                return;
            }
            PartitionSetBrowser.showXidAge(this, age, row.xidAgeFraction(), !row.member().isLeaf());
        }
    }

    /** Flags as small tags. */
    static final class FlagsCell extends TableCell<MemberLine, List<String>> {
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
                // A badge is read whole or not at all ("PARTITI…" says nothing): the column gives the room.
                tag.setMinWidth(Region.USE_PREF_SIZE);
                tag.getStyleClass().addAll(Styles.BADGE, PartitionSetBrowser.isProblem(flag) ? Styles.BADGE_PROBLEM
                        : "badge-" + flag.toLowerCase(Locale.ROOT).replace(' ', '-'));
                tags.getChildren().add(tag);
            }
            setGraphic(tags);
        }
    }
}
