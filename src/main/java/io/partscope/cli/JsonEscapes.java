package io.partscope.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * JSON's standard escapes plus DEL (U+007F) and the C1 controls (U+0080..U+009F) as {@code \}{@code u00XX}: JSON
 * allows those raw, but a terminal obeys them (U+009B is ESC [). With them escaped, no control character reaches a
 * terminal from our JSON, and the parsed names are the real ones.
 */
final class JsonEscapes extends CharacterEscapes {
    static final JsonEscapes TERMINAL_SAFE = new JsonEscapes();

    private final int[] ascii = standardAsciiEscapesForJSON();
    private final SerializableString[] c1 = new SerializableString[0xA0 - 0x80];

    private JsonEscapes() {
        ascii[0x7f] = ESCAPE_STANDARD;
        for (int c = 0x80; c < 0xA0; c++) {
            c1[c - 0x80] = new SerializedString(String.format(Locale.ROOT, "\\u%04X", c));
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch >= 0x80 && ch < 0xA0 ? c1[ch - 0x80] : null;
    }
}
