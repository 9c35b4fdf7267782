package io.partscope.cli;

import java.util.Locale;

/** Numbers as a DBA reads them in a terminal: 1.2 GB, 3.4M. */
final class Format {
    private Format() {
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    static String count(Long n) {
        if (n == null) {
            return "-";
        }
        long v = n;
        if (Math.abs(v) < 10_000) {
            return Long.toString(v);
        }
        if (Math.abs(v) < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000.0);
        }
        if (Math.abs(v) < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.2fG", v / 1_000_000_000.0);
    }

    static String ellipsize(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
