package io.partscope.cli;

import io.partscope.core.catalog.AgeShare;
import io.partscope.core.catalog.BoundText;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.DefaultPartitions;
import io.partscope.core.catalog.PartitionCount;
import io.partscope.core.catalog.Persistence;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelKind;
import io.partscope.core.catalog.Totals;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human form of {@code tree}: one block per set, members indented by level, in columns a terminal can show. */
final class TreeTextRenderer {
    private static final int MAX_NAME = 48;
    private static final int MAX_BOUND = 44;

    private final PrintWriter out;
    /** {@code --sizes estimated}: one line says so instead of a flag on every member. */
    private final boolean sizesEstimated;

    TreeTextRenderer(PrintWriter out) {
        this(out, false);
    }

    TreeTextRenderer(PrintWriter out, boolean sizesEstimated) {
        this.out = out;
        this.sizesEstimated = sizesEstimated;
    }

    void render(CatalogSnapshot snapshot) {
        out.printf("PostgreSQL %s, database %s: %d partition set(s)%n", snapshot.serverVersion(), snapshot.database(),
                snapshot.roots().size());
        if (sizesEstimated) {
            out.println("sizes: estimated from pg_class page counts (as of the last VACUUM or ANALYZE), not measured");
        }
        for (String warning : snapshot.warnings()) {
            out.println("warning: " + warning);
        }
        for (PartitionSet set : snapshot.roots()) {
            out.println();
            renderSet(set);
        }
    }

    private void renderSet(PartitionSet set) {
        Totals t = set.totals();
        String defaults = DefaultPartitions.of(set).rowsText(Format::count);
        String how = set.kind().json() + (set.strategy() == null ? "" : " " + set.partitionKey());
        out.printf("%s  (%s)%n", set.relationName().qualified(), how);
        out.printf("  %s, %s, ~%s rows, worst XID age %s%s%s%n", PartitionCount.of(t).text(),
                Format.bytes(t.totalBytes()), Format.count(t.rowEstimate()),
                Format.count(t.maxXidAge()), xidShare(set, t.maxXidAge()),
                defaults.isEmpty() ? "" : ", " + defaults);

        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"NAME", "BOUND", "SIZE", "ROWS", "DEAD%", "XID AGE", "BLOAT", "FLAGS"});
        if (set.kind().json().equals("inheritance")) {
            lines.add(row(set.rootMember(), ""));
        }
        for (PartitionMember m : set.partitions()) {
            lines.add(row(m, "  ".repeat(Math.max(0, m.level() - 1))));
        }
        int[] width = new int[8];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < l.length; i++) {
                boolean right = i >= 2 && i <= 6;
                String cell = right ? " ".repeat(width[i] - l[i].length()) + l[i]
                        : l[i] + (i == l.length - 1 ? "" : " ".repeat(width[i] - l[i].length()));
                b.append(cell).append(i == l.length - 1 ? "" : "  ");
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /**
     * " (95% of 100.0M)": the set's worst share of the freeze max age, from the function the app's sets table uses,
     * so a partition's own autovacuum_freeze_max_age counts. When the oldest member is not the one closest to its
     * limit, the text names the one that is.
     */
    private static String xidShare(PartitionSet set, Long maxXidAge) {
        AgeShare worst = AgeShare.worstXid(set);
        if (worst == null || maxXidAge == null) {
            return "";
        }
        String of = AgeShare.percent(worst.fraction()) + " of " + Format.count(worst.limit());
        return worst.age() == maxXidAge ? " (" + of + ")"
                : " (closest to its limit: " + TerminalText.escape(worst.member().relationName().qualified()) + " at "
                        + Format.count(worst.age()) + ", " + of + ")";
    }

    private String[] row(PartitionMember m, String indent) {
        String name = indent + (m.schema().equals(m.parentSchema()) || m.parentSchema() == null ? quoteName(m)
                : m.relationName().qualified());
        String bound = m.bound() == null ? (m.level() == 0 ? "(parent)" : "") : BoundText.shorten(m.bound());
        boolean partitioned = m.relkind() == RelKind.PARTITIONED_TABLE;
        Long size = partitioned && m.totals() != null ? Long.valueOf(m.totals().totalBytes()) : m.totalBytes();
        Long rows = partitioned && m.totals() != null ? Long.valueOf(m.totals().rowEstimate()) : m.rowEstimate();
        Double dead = m.deadTuplePct();
        // Escaped here, not only on the way out, so the columns are as wide as what the terminal shows.
        return new String[] {
            Format.ellipsize(TerminalText.escape(name), MAX_NAME),
            Format.ellipsize(TerminalText.escape(bound), MAX_BOUND),
            size == null ? "?" : Format.bytes(size),
            rows == null ? (partitioned ? "" : "?") : Format.count(rows),
            dead == null ? "" : String.format(Locale.ROOT, "%.1f", dead),
            m.xidAge() == null ? "" : Format.count(m.xidAge()),
            m.bloatPct() != null ? String.format(Locale.ROOT, "%.0f%%", m.bloatPct())
                    : (partitioned || m.relkind() == RelKind.FOREIGN_TABLE ? "" : "?"),
            flags(m)};
    }

    private static String quoteName(PartitionMember m) {
        return io.partscope.core.db.Identifiers.quoteIfNeeded(m.name());
    }

    private String flags(PartitionMember m) {
        List<String> f = new ArrayList<>();
        if (m.isDefault()) {
            f.add("default");
        }
        if (m.detachPending()) {
            f.add("DETACH PENDING");
        }
        if (m.relkind() == RelKind.PARTITIONED_TABLE) {
            f.add("partitioned");
        }
        if (m.relkind() == RelKind.FOREIGN_TABLE) {
            f.add("foreign");
        }
        if (m.persistence() == Persistence.UNLOGGED) {
            f.add("unlogged");
        }
        if (m.parents().size() > 1) {
            f.add(m.parents().size() + " parents");
        }
        if (m.sizesEstimated() && !sizesEstimated) {
            f.add("size estimated (locked)");
        }
        Double frac = m.xidAgeFraction();
        if (frac != null && frac >= 0.8) {
            f.add(String.format(Locale.ROOT, "XID %.0f%% of freeze max", frac * 100));
        }
        return String.join(",", f);
    }
}
