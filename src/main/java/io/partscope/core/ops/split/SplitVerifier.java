package io.partscope.core.ops.split;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.ops.CancellableWork;
import io.partscope.core.ops.Check;
import io.partscope.core.ops.Verifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the result of a split back: each new partition is attached with its bound and without the helper CHECK, the
 * DEFAULT holds no row of any new range, and, against the record of the DEFAULT taken by the first step (in a
 * temporary table of the operation's session), every row that was in the DEFAULT is now exactly once in its new
 * partition or, for rows that stay, in the DEFAULT: before = moved + left, per new partition. Rows that concurrent
 * writers inserted during the run are counted apart.
 */
final class SplitVerifier implements Verifier {
    private final String schema;
    private final String root;
    private final String defaultSchema;
    private final String defaultName;
    private final String identity;
    private final SplitAnalysis analysis;

    SplitVerifier(String schema, String root, String defaultSchema, String defaultName, String identity,
            SplitAnalysis analysis) {
        this.schema = schema;
        this.root = root;
        this.defaultSchema = defaultSchema;
        this.defaultName = defaultName;
        this.identity = identity;
        this.analysis = analysis;
    }

    SplitAnalysis analysis() {
        return analysis;
    }

    @Override
    public List<Check> verify(Connection c, Cancellation cancellation) throws SQLException, PartscopeException {
        return CancellableWork.on(c, cancellation, this::verifyOn);
    }

    private List<Check> verifyOn(Connection c) throws SQLException {
        List<Check> checks = new ArrayList<>();
        List<SplitAnalysis.Group> groups = analysis.groups();
        if (groups.isEmpty()) {
            return checks;
        }
        String def = Identifiers.qualified(defaultSchema, defaultName);
        // attached, with the planned bound, without the helper CHECK
        Map<String, String[]> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relname, p.relname, pg_get_expr(c.relpartbound, 0),"
                + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.conname = ?)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent"
                + " WHERE n.nspname = ? AND c.relname = ANY (?)")) {
            ps.setString(1, SplitDefaultPlanner.HELPER_CHECK);
            ps.setString(2, schema);
            ps.setArray(3, c.createArrayOf("text", groups.stream().map(SplitAnalysis.Group::name).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3),
                            Boolean.toString(rs.getBoolean(4))});
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (SplitAnalysis.Group g : groups) {
            String name = Identifiers.quoteIfNeeded(g.name());
            String[] f = found.get(g.name());
            if (f == null) {
                problems.add(name + " is missing");
            } else if (!root.equals(f[0])) {
                problems.add(name + " is not attached to " + Identifiers.quoteIfNeeded(root));
            } else if (!g.bound().equals(f[1])) {
                problems.add(name + " has " + f[1] + ", expected " + g.bound());
            } else if (Boolean.parseBoolean(f[2])) {
                checks.add(Check.warn("helper check", name + " still has the CHECK "
                        + SplitDefaultPlanner.HELPER_CHECK + " (redundant with its bound; drop it)"));
            }
        }
        checks.add(problems.isEmpty() ? Check.pass("attached", groups.size() + " new partition"
                + (groups.size() == 1 ? "" : "s") + " attached with the planned bounds")
                : Check.refuse("attached", String.join("; ", problems)));
        if (!problems.isEmpty()) {
            return checks;
        }

        // nothing of a new range is left in the DEFAULT
        StringBuilder left = new StringBuilder("SELECT count(*) FILTER (WHERE false)");
        for (SplitAnalysis.Group g : groups) {
            left.append(", count(*) FILTER (WHERE ").append(g.predicate()).append(')');
        }
        left.append(" FROM ONLY ").append(def);
        List<String> stillThere = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(left.toString())) {
            rs.next();
            for (int i = 0; i < groups.size(); i++) {
                long n = rs.getLong(i + 2);
                if (n > 0) {
                    stillThere.add(groups.get(i).name() + " " + n);
                }
            }
        }
        checks.add(stillThere.isEmpty() ? Check.pass("default", def + " holds no row of the new partitions")
                : Check.refuse("default", def + " still holds rows of " + String.join(", ", stillThere)));

        // before = moved + left, per new partition, against the record of the first step
        boolean recorded;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT to_regclass('pg_temp." + SplitDefaultPlanner.BEFORE_TABLE + "') IS NOT NULL")) {
            rs.next();
            recorded = rs.getBoolean(1);
        }
        if (!recorded) {
            checks.add(Check.warn("rows", "no record of the DEFAULT before the split in this session: rows not"
                    + " compared"));
            return checks;
        }
        StringBuilder now = new StringBuilder("SELECT ").append(identity).append(" AS id, 0 AS part FROM ONLY ")
                .append(def);
        for (int i = 0; i < groups.size(); i++) {
            now.append(" UNION ALL SELECT ").append(identity).append(" AS id, ").append(i + 1).append(" AS part FROM ")
                    .append(Identifiers.qualified(schema, groups.get(i).name()));
        }
        String sql = "WITH b AS (SELECT id, min(part) AS part, count(*) AS n FROM pg_temp."
                + SplitDefaultPlanner.BEFORE_TABLE + " GROUP BY id),"
                + " x AS (SELECT id, min(part) AS part, max(part) AS maxpart, count(*) AS n FROM (" + now
                + ") u GROUP BY id)"
                + " SELECT b.part, sum(b.n),"
                + " coalesce(sum(least(b.n, x.n)) FILTER (WHERE x.part = b.part AND x.maxpart = b.part), 0),"
                + " coalesce(sum(greatest(b.n - coalesce(x.n, 0), 0)), 0),"
                + " coalesce(sum(greatest(x.n - b.n, 0)), 0),"
                + " count(*) FILTER (WHERE x.part IS NOT NULL AND (x.part <> b.part OR x.maxpart <> b.part))"
                + " FROM b LEFT JOIN x ON x.id = b.id GROUP BY b.part"
                + " UNION ALL SELECT -1, coalesce(sum(x.n), 0), 0, 0, 0, 0 FROM x WHERE NOT EXISTS"
                + " (SELECT 1 FROM b WHERE b.id = x.id)";
        long before = 0;
        long moved = 0;
        long leftRows = 0;
        long missing = 0;
        long duplicated = 0;
        long misplaced = 0;
        long inserted = 0;
        List<String> mismatches = new ArrayList<>();
        List<String> perPartition = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                int part = rs.getInt(1);
                long b = rs.getLong(2);
                long inPlace = rs.getLong(3);
                if (part < 0) {
                    inserted = b;
                    continue;
                }
                before += b;
                missing += rs.getLong(4);
                duplicated += rs.getLong(5);
                misplaced += rs.getLong(6);
                if (part == 0) {
                    leftRows += inPlace;
                    if (inPlace != b) {
                        mismatches.add("staying: " + b + " before, " + inPlace + " left in the DEFAULT");
                    }
                } else {
                    moved += inPlace;
                    String name = groups.get(part - 1).name();
                    perPartition.add(String.format(Locale.ROOT, "%05d%s %d", part, name, inPlace));
                    if (inPlace != b) {
                        mismatches.add(name + ": " + b + " in the DEFAULT before, " + inPlace + " moved");
                    }
                }
            }
        }
        perPartition.sort(null);
        perPartition.replaceAll(x -> x.substring(5));
        String counts = String.format(Locale.ROOT, "%d rows in the DEFAULT before = %d moved + %d left", before,
                moved, leftRows);
        checks.add(mismatches.isEmpty() ? Check.pass("rows", counts + ", per new partition as recorded")
                : Check.refuse("rows", counts + ": " + String.join("; ", mismatches)));
        checks.add(Check.pass("moved", String.join(", ", perPartition)));
        checks.add(missing == 0 && duplicated == 0 && misplaced == 0
                ? Check.pass("exactly once", "no row lost, none duplicated, none in the wrong table")
                : Check.refuse("exactly once", missing + " missing (lost, or deleted by the application meanwhile), "
                        + duplicated + " duplicated, " + misplaced + " in the wrong table"));
        checks.add(Check.pass("concurrent writes", inserted + " rows inserted by other sessions during the run"
                + " (counted apart)"));
        return checks;
    }
}
