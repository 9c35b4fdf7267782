package io.partscope.core.catalog;

/** Partition bounds as a person scans them in a list. The JSON keeps the server's text unchanged. */
public final class BoundText {
    private BoundText() {
    }

    /** Without "FOR VALUES" and without midnight times, which say nothing: {@code FROM ('2026-01-01') TO (...)}. */
    public static String shorten(String bound) {
        if (bound == null) {
            return "";
        }
        return bound.replaceFirst("^FOR VALUES ", "")
                .replaceAll("'(\\d{4,}-\\d{2}-\\d{2}) 00:00:00(?:[+-]\\d{2}(?::\\d{2})?)?'", "'$1'");
    }
}
