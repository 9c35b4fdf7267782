package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names in the order a person reads them; the allocation-free comparison keeps the order of the first version. */
class NaturalOrderTest {

    @ParameterizedTest
    @CsvSource({"p9, p10", "2025w9, 2025w10", "a, a1", "p01, p1", "p01, p1x", "x007y, x8", "m_2, m_10", "b0, b00"})
    void firstComesBeforeSecond(String first, String second) {
        assertThat(NaturalOrder.INSTANCE.compare(first, second)).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare(second, first)).isPositive();
    }

    @Test
    void ordersRandomNamesAsTheSubstringVersionDid() {
        Random random = new Random(42);
        String alphabet = "0001239ap_\u0663"; // zeros often, and an Arabic-Indic digit (Character.isDigit)
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(b.toString());
        }
        for (int i = 0; i + 1 < names.size(); i++) {
            String a = names.get(i);
            String b = names.get(i + 1);
            assertThat(Integer.signum(NaturalOrder.INSTANCE.compare(a, b))).as(a + " vs " + b)
                    .isEqualTo(Integer.signum(substringVersion(a, b)));
        }
    }

    /** NaturalOrder as first written (substrings for every digit run), the reference for the order. */
    private static int substringVersion(String a, String b) {
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
                String na = stripZeros(a.substring(si, i));
                String nb = stripZeros(b.substring(sj, j));
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
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

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
