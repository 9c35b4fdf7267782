package io.partscope.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the command line: snake_case names, ISO-8601 times, nulls kept (they mean unknown),
 * and every terminal control character escaped ({@link JsonEscapes}), so JSON can go to a terminal without
 * {@link TerminalText}'s per-character pass. {@code tree --json} writes its large document with {@link TreeJson}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(factory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /**
     * The factory under both the mapper and {@link TreeJson}: terminal-safe escapes, and the target left open, as
     * it is the command's stdout: closing it lost everything printed after the document, its final newline too.
     */
    static JsonFactory factory() {
        return new JsonFactoryBuilder()
                .characterEscapes(JsonEscapes.TERMINAL_SAFE)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
