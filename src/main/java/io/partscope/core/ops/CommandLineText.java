package io.partscope.core.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code partscope ...} command printed for the user to paste into a POSIX shell. Every argument that is not made
 * of plainly safe characters is single-quoted, so a partition set named {@code "$(touch /tmp/pwned)"} is pasted as
 * text, never run. The one home for commands we suggest (planners, verifiers, the journal's resume advice).
 */
public final class CommandLineText {
    /** Characters no POSIX shell gives a meaning to in the middle of a word. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private CommandLineText() {
    }

    /** {@code partscope} followed by the words, each quoted as needed. */
    public static String partscope(String... words) {
        List<String> all = new ArrayList<>(words.length + 1);
        all.add("partscope");
        all.addAll(List.of(words));
        return join(all);
    }

    public static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(w));
        }
        return out.toString();
    }

    /** One shell word: as is when it is plainly safe, else in single quotes ({@code '} written as {@code '\''}). */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
