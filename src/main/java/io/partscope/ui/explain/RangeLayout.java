package io.partscope.ui.explain;

import io.partscope.core.catalog.RangeBounds;
import io.partscope.core.explain.PruningTarget;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each leaf of a range-partitioned set lies on its key's axis, as fractions 0..1 of the span the finite
 * bounds cover (MINVALUE and MAXVALUE reach the ends). Built off the FX thread: parsing 10,000 bounds takes longer
 * than a frame. Leaves without a parseable single-column range bound (DEFAULT, list, multi-column) are left out.
 *
 * @param index the leaf's position in the target's leaves
 */
public record RangeLayout(int[] index, double[] from, double[] to, String lowest, String highest) {

    /** The layout of a target's leaves; empty when fewer than two leaves have a range bound. */
    public static Optional<RangeLayout> of(PruningTarget target) {
        List<PruningTarget.Leaf> leaves = target.leaves();
        List<Integer> idx = new ArrayList<>();
        List<RangeBounds> bounds = new ArrayList<>();
        RangeBounds.KeyType type = null;
        for (int i = 0; i < leaves.size(); i++) {
            Optional<RangeBounds> parsed = RangeBounds.parse(leaves.get(i).bound());
            if (parsed.isEmpty()) {
                continue;
            }
            RangeBounds b = parsed.get();
            if (b.keyType() != null) {
                if (type != null && type != b.keyType()) {
                    return Optional.empty();
                }
                type = b.keyType();
            }
            idx.add(i);
            bounds.add(b);
        }
        if (bounds.size() < 2) {
            return Optional.empty();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        RangeBounds.Value minValue = null;
        RangeBounds.Value maxValue = null;
        for (RangeBounds b : bounds) {
            for (RangeBounds.Value v : List.of(b.lower(), b.upper())) {
                double d = number(v);
                if (!Double.isNaN(d) && d < min) {
                    min = d;
                    minValue = v;
                }
                if (!Double.isNaN(d) && d > max) {
                    max = d;
                    maxValue = v;
                }
            }
        }
        if (minValue == null || max <= min) {
            return Optional.empty();
        }
        int n = bounds.size();
        int[] index = new int[n];
        double[] from = new double[n];
        double[] to = new double[n];
        for (int k = 0; k < n; k++) {
            index[k] = idx.get(k);
            double lo = number(bounds.get(k).lower());
            double hi = number(bounds.get(k).upper());
            from[k] = Double.isNaN(lo) ? 0 : (lo - min) / (max - min);
            to[k] = Double.isNaN(hi) ? 1 : (hi - min) / (max - min);
        }
        return Optional.of(new RangeLayout(index, from, to, minValue.toString(), maxValue.toString()));
    }

    /** A value as a number on its axis; NaN for MINVALUE and MAXVALUE. */
    static double number(RangeBounds.Value value) {
        if (value instanceof RangeBounds.InstantValue v) {
            return v.instant().toEpochMilli();
        }
        if (value instanceof RangeBounds.TimestampValue v) {
            return v.dateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof RangeBounds.DateValue v) {
            return v.date().toEpochDay() * 86_400_000.0;
        }
        if (value instanceof RangeBounds.LongValue v) {
            return v.value();
        }
        return Double.NaN;
    }

    /** The leaf (its index in the target) drawn at this fraction of the axis; -1 for none. */
    public int leafAt(double fraction) {
        int best = -1;
        double bestWidth = Double.MAX_VALUE;
        for (int k = 0; k < index.length; k++) {
            if (fraction >= from[k] && fraction <= to[k] && to[k] - from[k] < bestWidth) {
                best = index[k];
                bestWidth = to[k] - from[k];
            }
        }
        return best;
    }
}
