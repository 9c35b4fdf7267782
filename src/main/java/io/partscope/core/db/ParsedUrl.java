package io.partscope.core.db;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one URL said, before the service file, the environment and the defaults fill in the rest.
 *
 * @param keywords libpq keywords with their values (host and port may be comma-separated lists)
 * @param extra    pgjdbc properties a JDBC URL carried that have no libpq keyword, in pgjdbc's names
 */
record ParsedUrl(Map<String, String> keywords, Map<String, String> extra) {
    ParsedUrl {
        keywords = new LinkedHashMap<>(keywords);
        extra = new LinkedHashMap<>(extra);
    }

    static ParsedUrl empty() {
        return new ParsedUrl(Map.of(), Map.of());
    }

    /**
     * Parses any form {@code --url} accepts: a libpq URI, a JDBC URL, or a libpq keyword/value string. A bare word
     * is refused rather than taken as a database name (as psql would): for a flag named --url, a mistyped scheme
     * ("postgresq://...") is far more likely than a database name, and connecting somewhere unexpected is worse
     * than an error.
     */
    static ParsedUrl parse(String url) throws PartscopeException {
        if (url == null || url.isBlank()) {
            return empty();
        }
        String text = url.strip();
        if (LibpqUri.accepts(text)) {
            return new ParsedUrl(LibpqUri.parse(text), Map.of());
        }
        if (JdbcUrl.accepts(text)) {
            return JdbcUrl.parse(text);
        }
        if (text.contains("=")) {
            return new ParsedUrl(KeywordValueString.parse(text), Map.of());
        }
        throw new PartscopeException(ErrorKind.BAD_INPUT, "not a connection URL: expected postgresql://..., "
                + "jdbc:postgresql://... or keyword=value pairs such as \"host=db1 dbname=app\"");
    }
}
