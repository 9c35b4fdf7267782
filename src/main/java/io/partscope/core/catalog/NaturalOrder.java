package io.partscope.core.catalog;

import java.util.Comparator;

/** Orders names as a person reads them: {@code p9} before {@code p10}, {@code 2025w9} before {@code 2025w10}. */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    @Override
    public int compare(String a, String b) {
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
                int c = compareNumbers(a, si, i, b, sj, j);
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
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /**
     * The digit runs {@code a[as, ae)} and {@code b[bs, be)} compared as numbers: leading zeros skipped, the longer
     * number is larger, equal lengths compare digit by digit. Without substrings: the assembler sorts every set's
     * members with this, and the two allocations per comparison were a quarter of a warm read's JVM time.
     */
    private static int compareNumbers(String a, int as, int ae, String b, int bs, int be) {
        while (as < ae - 1 && a.charAt(as) == '0') {
            as++;
        }
        while (bs < be - 1 && b.charAt(bs) == '0') {
            bs++;
        }
        int la = ae - as;
        int lb = be - bs;
        if (la != lb) {
            return Integer.compare(la, lb);
        }
        for (int k = 0; k < la; k++) {
            char ca = a.charAt(as + k);
            char cb = b.charAt(bs + k);
            if (ca != cb) {
                return ca - cb;
            }
        }
        return 0;
    }
}
