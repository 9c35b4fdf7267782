package io.partscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text on its way to a terminal with the control characters made visible, as psql prints them: a table named with
 * ESC or BEL would otherwise clear the screen, retitle the window or hide the rest of a line. C0 controls (but
 * newline and tab), DEL and the C1 controls become {@code \xHH}, a carriage return {@code \r}. JSON from
 * {@link Json} needs nothing ({@link #forJson}): Jackson writes every control character as a \\u escape.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** The text with its control characters escaped; for a value whose printed width matters (a table column). */
    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(TerminalText::isControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(b, text.charAt(i));
        }
        return b.toString();
    }

    /**
     * A writer that escapes everything written through it before it reaches {@code target}. The line separator that
     * {@code println} writes is let through as it is, also where it is {@code \r\n}.
     */
    public static PrintWriter writer(PrintWriter target) {
        return target instanceof EscapingPrintWriter ? target : new EscapingPrintWriter(target);
    }

    /**
     * The writer under {@link #writer}'s escaping, for JSON from {@link Json}: it escapes every control character
     * itself ({@code \}{@code u001B}), so the per-character pass (over megabytes for {@code tree --json} of
     * thousands of partitions) would find nothing to do.
     */
    public static PrintWriter forJson(PrintWriter writer) {
        return writer instanceof EscapingPrintWriter e ? e.target : writer;
    }

    static boolean isControl(int c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }

    private static void appendEscaped(StringBuilder b, char c) {
        if (c == '\r') {
            b.append("\\r");
        } else if (isControl(c)) {
            b.append("\\x").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        } else {
            b.append(c);
        }
    }

    /** A PrintWriter (so commands keep printf and println) over the escaping writer, with the target's autoflush. */
    private static final class EscapingPrintWriter extends PrintWriter {
        private final PrintWriter target;

        EscapingPrintWriter(PrintWriter target) {
            super(new EscapingWriter(target), true);
            this.target = target;
        }
    }

    private static final class EscapingWriter extends Writer {
        private final PrintWriter target;
        /** A carriage return not yet written: the start of a "\r\n" line separator, or a control to escape. */
        private boolean pendingReturn;

        EscapingWriter(PrintWriter target) {
            super(target);
            this.target = target;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            StringBuilder b = new StringBuilder(len + 8);
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (pendingReturn) {
                    pendingReturn = false;
                    if (c == '\n') {
                        b.append("\r\n");
                        continue;
                    }
                    b.append("\\r");
                }
                if (c == '\r') {
                    pendingReturn = true;
                } else {
                    appendEscaped(b, c);
                }
            }
            target.write(b.toString());
        }

        /** println writes its separator in one call, so a return still pending here is not part of one. */
        @Override
        public void flush() {
            writePendingReturn();
            target.flush();
        }

        @Override
        public void close() throws IOException {
            writePendingReturn();
            target.close();
        }

        private void writePendingReturn() {
            if (pendingReturn) {
                pendingReturn = false;
                target.write("\\r");
            }
        }
    }
}
