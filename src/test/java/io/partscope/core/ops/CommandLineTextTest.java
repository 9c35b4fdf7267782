package io.partscope.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "public.events|public.events",
        "--table|--table",
        "archive:old_2024|archive:old_2024",
        "'public.\"$(touch /tmp/pwned)\"'|public.\"$(touch /tmp/pwned)\"",
        "'it'\\''s'|it's",
        "'a b'|a b",
        "'`id`'|`id`",
        "''|~~"})
    void quotesEveryWordAShellWouldInterpret(String expected, String word) {
        assertEquals(expected, CommandLineText.quote(word == null ? "" : word));
    }

    @Test
    void buildsAPartscopeCommandLine() {
        assertEquals("partscope op finalize --table 'public.\"x;y\"'",
                CommandLineText.partscope("op", "finalize", "--table", "public.\"x;y\""));
        assertEquals("partscope tree", CommandLineText.join(List.of("partscope", "tree")));
    }
}
