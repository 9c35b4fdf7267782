package io.partscope.ui.browser;

import io.partscope.ui.Formats;

/**
 * How a size is written where it may still be an estimate from pg_class (stage 1 of a read, or a relation locked by
 * DDL): "~1.2 MB" until it is measured, the same mark in the sets table, the partition table and the navigator.
 */
public final class SizeText {
    /** Put before an estimated size. */
    public static final String ESTIMATED_MARK = "~";
    public static final String ESTIMATED_TIP = "~ Estimated from pg_class page counts (as of the last VACUUM or "
            + "ANALYZE): not measured yet (sizes are measured in the background after the catalog is shown), or "
            + "DDL held a lock when it was measured.";

    private SizeText() {
    }

    /** "1.2 MB", or "~1.2 MB" when estimated; "" when unknown. */
    public static String of(Long bytes, boolean estimated) {
        String text = Formats.bytes(bytes);
        return estimated && !text.isEmpty() ? ESTIMATED_MARK + text : text;
    }

    /** A size and whether it is an estimate, sorting by the size (the sets table's column value). */
    public record Value(Long bytes, boolean estimated) implements Comparable<Value> {
        @Override
        public int compareTo(Value o) {
            return Long.compare(bytes == null ? Long.MIN_VALUE : bytes, o.bytes == null ? Long.MIN_VALUE : o.bytes);
        }

        @Override
        public String toString() {
            return of(bytes, estimated);
        }
    }
}
