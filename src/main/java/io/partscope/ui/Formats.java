package io.partscope.ui;

import java.util.Locale;

/** How the UI writes numbers: sizes as pg_size_pretty does (1024-based, kB/MB/GB/TB), counts with separators. */
public final class Formats {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private Formats() {
    }

    /** {@code 0 bytes}, {@code 980 bytes}, {@code 8.0 kB}, {@code 1.5 GB}; an empty string for null. */
    public static String bytes(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (Math.abs(bytes) < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 1,234,567}; an empty string for null. */
    public static String count(Long n) {
        return n == null ? "" : String.format(Locale.ROOT, "%,d", n);
    }

    /** An age in transactions, short: {@code 950}, {@code 12.3k}, {@code 151.2M}; an empty string for null. */
    public static String age(Long age) {
        if (age == null) {
            return "";
        }
        if (age < 10_000) {
            return Long.toString(age);
        }
        if (age < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", age / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1fM", age / 1_000_000.0);
    }

    /** A fraction as a whole percentage, {@code 0.753 -> "75%"}; below 1% one decimal, "<0.1%"; empty for null. */
    public static String percent(Double fraction) {
        // One rounding for the app and the CLI's tree text.
        return io.partscope.core.catalog.AgeShare.percent(fraction);
    }

    /**
     * How long before {@code now}, as a DBA reads it in a column: {@code 45 s ago}, {@code 12 min ago}, {@code 3 h
     * ago}, {@code 5 d ago}. Every cell of one refresh passes the same {@code now} (the catalog's read time), so
     * rows read together cannot drift apart.
     */
    public static String since(java.time.OffsetDateTime when, java.time.OffsetDateTime now) {
        if (when == null) {
            return "";
        }
        long seconds = Math.max(0, java.time.Duration.between(when, now).getSeconds());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " d ago";
    }
}
