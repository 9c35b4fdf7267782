package io.partscope.core.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a libpq connection URI the way libpq's {@code conninfo_uri_parse} does:
 * {@code postgresql://[user[:password]@][host][:port][,host[:port]...][/dbname][?param=value&...]}.
 * Every part is percent-decoded (and, unlike form encoding, '+' stays '+'). Error messages name the part that is
 * wrong but never repeat the URL, which may hold a password.
 */
final class LibpqUri {
    private static final String[] PREFIXES = {"postgresql://", "postgres://"};

    private LibpqUri() {
    }

    static boolean accepts(String text) {
        for (String prefix : PREFIXES) {
            if (text.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> parse(String uri) throws PartscopeException {
        String rest = null;
        for (String prefix : PREFIXES) {
            if (uri.regionMatches(true, 0, prefix, 0, prefix.length())) {
                rest = uri.substring(prefix.length());
                break;
            }
        }
        if (rest == null) {
            throw bad("a libpq URI starts with postgresql:// or postgres://");
        }
        Map<String, String> out = new LinkedHashMap<>();

        // Query first: '?' cannot occur unencoded anywhere before it.
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        // Like libpq, the user part ends at the first '@' before the path; an '@' in a password must be %40.
        int at = rest.indexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            if (!user.isEmpty()) {
                out.put("user", decode(user, "user name"));
            }
            if (colon >= 0 && colon + 1 < userInfo.length()) {
                out.put("password", decode(userInfo.substring(colon + 1), "password"));
            }
        }
        parseHosts(rest, out);
        if (path != null && !path.isEmpty()) {
            out.put("dbname", decode(path, "database name"));
        }
        if (query != null && !query.isEmpty()) {
            parseQuery(query, out);
        }
        return out;
    }

    /** {@code host[:port][,host[:port]]...}, IPv6 addresses in brackets. Produces libpq's comma lists. */
    private static void parseHosts(String netloc, Map<String, String> out) throws PartscopeException {
        if (netloc.isEmpty()) {
            return;
        }
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        boolean anyPort = false;
        int i = 0;
        int n = netloc.length();
        boolean first = true;
        while (true) {
            String host;
            if (i < n && netloc.charAt(i) == '[') {
                int close = netloc.indexOf(']', i);
                if (close < 0) {
                    throw bad("an IPv6 host address in the URI lacks its closing \"]\"");
                }
                host = netloc.substring(i + 1, close);
                if (host.isEmpty()) {
                    throw bad("an IPv6 host address in the URI is empty");
                }
                i = close + 1;
                if (i < n && netloc.charAt(i) != ':' && netloc.charAt(i) != ',') {
                    throw bad("unexpected \"" + netloc.charAt(i) + "\" after an IPv6 address in the URI"
                            + " (expected \":\" or \"/\")");
                }
            } else {
                int end = i;
                while (end < n && netloc.charAt(end) != ':' && netloc.charAt(end) != ',') {
                    end++;
                }
                host = decode(netloc.substring(i, end), "host");
                i = end;
            }
            String port = "";
            if (i < n && netloc.charAt(i) == ':') {
                int end = netloc.indexOf(',', i);
                end = end < 0 ? n : end;
                port = decode(netloc.substring(i + 1, end), "port");
                anyPort |= !port.isEmpty();
                i = end;
            }
            if (!first) {
                hosts.append(',');
                ports.append(',');
            }
            hosts.append(host);
            ports.append(port);
            first = false;
            if (i >= n) {
                break;
            }
            i++; // the ','
        }
        if (!hosts.toString().replace(",", "").isEmpty() || hosts.indexOf(",") >= 0) {
            out.put("host", hosts.toString());
        }
        if (anyPort) {
            out.put("port", ports.toString());
        }
    }

    private static void parseQuery(String query, Map<String, String> out) throws PartscopeException {
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw bad("the URI query parameter \"" + safeKey(pair) + "\" lacks \"=value\"");
            }
            String key = decode(pair.substring(0, eq), "query parameter name");
            if (pair.indexOf('=', eq + 1) >= 0) {
                throw bad("the URI query parameter \"" + key + "\" has a second \"=\"; encode it as %3D");
            }
            String value = decode(pair.substring(eq + 1), "value of " + key);
            // libpq's one JDBC-compatibility rule: ssl=true means sslmode=require.
            if ("ssl".equals(key) && "true".equals(value)) {
                key = "sslmode";
                value = "require";
            } else if (!LibpqKeywords.isKnown(key)) {
                throw bad("invalid URI query parameter \"" + key + "\"");
            }
            out.put(key, value);
        }
    }

    /** A query key without its '=' may be a pasted secret: show it only if it is a known keyword. */
    private static String safeKey(String text) {
        return LibpqKeywords.isKnown(text) ? text : "…";
    }

    /** Percent-decoding as libpq does it: %XX only, UTF-8 bytes, %00 refused, '+' left alone. */
    static String decode(String text, String what) throws PartscopeException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            int c = text.codePointAt(i);
            if (c != '%') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
                continue;
            }
            if (i + 2 >= text.length()) {
                throw bad("invalid percent-encoding in the " + what + " of the URI");
            }
            int hi = Character.digit(text.charAt(i + 1), 16);
            int lo = Character.digit(text.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw bad("invalid percent-encoding in the " + what + " of the URI");
            }
            int b = hi * 16 + lo;
            if (b == 0) {
                throw bad("forbidden value %00 in the " + what + " of the URI");
            }
            bytes.write(b);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static PartscopeException bad(String message) {
        return new PartscopeException(ErrorKind.BAD_INPUT, message);
    }
}
