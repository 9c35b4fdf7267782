package io.partscope.core.catalog;

import java.util.Locale;

/**
 * How close a set is to a forced anti-wraparound freeze: the member whose age is the largest share of its own
 * effective limit (the server setting, lowered by that member's reloption). The one place the CLI's {@code tree}
 * text and the app's sets table take the percentage from, so the two cannot disagree.
 *
 * @param member the member with the worst share
 * @param age    its age(relfrozenxid)
 * @param limit  the effective limit its age is judged against
 */
public record AgeShare(PartitionMember member, long age, long limit) {

    /** The age as a fraction of the limit (1.0 = autovacuum forces a freeze now). */
    public double fraction() {
        return PartitionMember.ageFraction(age, limit);
    }

    /** The set's worst XID share: max over its members of age(relfrozenxid) / effective autovacuum_freeze_max_age. */
    public static AgeShare worstXid(PartitionSet set) {
        AgeShare worst = xid(set.rootMember());
        for (PartitionMember m : set.partitions()) {
            worst = worse(worst, xid(m));
        }
        return worst;
    }

    /** A member's own XID share, or null when it has no age (no storage) or no limit. */
    public static AgeShare xid(PartitionMember m) {
        return m == null || m.xidAge() == null || m.freezeMaxAge() <= 0 ? null
                : new AgeShare(m, m.xidAge(), m.freezeMaxAge());
    }

    /** The larger share of the two (either may be null). */
    public static AgeShare worse(AgeShare a, AgeShare b) {
        if (a == null) {
            return b;
        }
        return b == null || a.fraction() >= b.fraction() ? a : b;
    }

    /** A fraction as a whole percentage, {@code 0.753 -> "75%"}; below 1% one decimal, "<0.1%"; empty for null. */
    public static String percent(Double fraction) {
        if (fraction == null) {
            return "";
        }
        double pct = fraction * 100;
        if (pct > 0 && pct < 0.1) {
            return "<0.1%";
        }
        return pct > 0 && pct < 1 ? String.format(Locale.ROOT, "%.1f%%", pct)
                : String.format(Locale.ROOT, "%.0f%%", pct);
    }
}
