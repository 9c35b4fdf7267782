package io.partscope.core.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a pgjdbc URL ({@code jdbc:postgresql://host:port,host2/db?user=...&sslmode=...},
 * {@code jdbc:postgresql:db}, {@code jdbc:postgresql:/}) into libpq keywords plus the pgjdbc properties that have
 * no libpq keyword, which go through to the driver unchanged. Values are decoded as pgjdbc decodes them
 * (form decoding: '+' is a space).
 */
final class JdbcUrl {
    private static final String PREFIX = "jdbc:postgresql:";

    /** pgjdbc properties that map to a libpq keyword. */
    private static final Map<String, String> TO_LIBPQ = Map.of(
            "user", "user",
            "password", "password",
            "sslmode", "sslmode",
            "options", "options",
            "service", "service",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "sslpassword", "sslpassword");

    private JdbcUrl() {
    }

    static boolean accepts(String text) {
        return text.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static ParsedUrl parse(String url) throws PartscopeException {
        String rest = url.substring(PREFIX.length());
        Map<String, String> keywords = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String database;
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            String netloc = slash < 0 ? rest : rest.substring(0, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            if (netloc.contains("@")) {
                // pgjdbc would fail later with an obscure message; say what it wants instead (and do not echo
                // the part before '@', which may be user:password).
                throw bad("a JDBC URL takes the user and password as parameters "
                        + "(jdbc:postgresql://host/db?user=...&password=...), not before the host");
            }
            // The netloc has the same shape as in a libpq URI (host:port lists, [IPv6]); reuse that parser.
            Map<String, String> hostPart = LibpqUri.parse("postgresql://" + netloc);
            keywords.putAll(hostPart);
        } else {
            database = rest.startsWith("/") ? rest.substring(1) : rest;
        }
        if (!database.isEmpty()) {
            keywords.put("dbname", decode(database, "database name"));
        }
        if (query != null && !query.isEmpty()) {
            boolean ssl = false;
            for (String pair : query.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter name");
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "value of " + key);
                String libpq = TO_LIBPQ.get(key);
                if (libpq != null) {
                    keywords.put(libpq, value);
                } else if ("ssl".equals(key)) {
                    ssl = value.isEmpty() || Boolean.parseBoolean(value);
                } else if ("ApplicationName".equals(key) || "assumeMinServerVersion".equals(key)) {
                    // We always identify ourselves as partscope; our own queries decide the minimum version.
                    continue;
                } else {
                    extra.put(key, value);
                }
            }
            // pgjdbc semantics: ssl=true without an sslmode means verify-full, not require.
            if (ssl && !keywords.containsKey("sslmode")) {
                keywords.put("sslmode", "verify-full");
            }
        }
        return new ParsedUrl(keywords, extra);
    }

    private static String decode(String text, String what) throws PartscopeException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad("invalid percent-encoding in the " + what + " of the JDBC URL");
        }
    }

    private static PartscopeException bad(String message) {
        return new PartscopeException(ErrorKind.BAD_INPUT, message);
    }
}
