package io.partscope.core.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything needed to open a connection, after the URL, the PG* variables, the service file and
 * {@code .pgpass} have been merged (see {@link ConnectionSettingsResolver}). The password never appears in
 * {@link #toString()} or {@link #displayUrl()}.
 *
 * @param host     host name, IP address, or a Unix-socket directory (starts with '/'); for a multi-host URL, pgjdbc's
 *                 list {@code h1:5432,h2:5433,[::1]:5432} (tried in order)
 * @param port     TCP port (for a multi-host list: the first host's)
 * @param database database name
 * @param user     role name
 * @param password password, or null when none is known (trust, peer, or the server will ask)
 * @param sslMode  libpq sslmode: disable, allow, prefer, require, verify-ca, verify-full
 * @param options  libpq "options" (e.g. {@code -c search_path=app}), or null
 * @param extra    further pgjdbc connection properties taken from the URL, in their pgjdbc names
 */
public record ConnectionSettings(String host, int port, String database, String user, String password,
        String sslMode, String options, Map<String, String> extra) {

    public static final String APPLICATION_NAME = "partscope";

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        sslMode = sslMode == null ? "prefer" : sslMode;
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    public ConnectionSettings withPassword(String newPassword) {
        return new ConnectionSettings(host, port, database, user, newPassword, sslMode, options, extra);
    }

    public ConnectionSettings withDatabase(String newDatabase) {
        return new ConnectionSettings(host, port, newDatabase, user, password, sslMode, options, extra);
    }

    public boolean isUnixSocket() {
        return host.startsWith("/");
    }

    /** Whether {@link #host()} is a list of {@code host:port} entries that pgjdbc tries in turn. */
    public boolean isMultiHost() {
        return host.indexOf(',') >= 0;
    }

    /** {@code host:port}, or the multi-host list: where we connect, for messages. */
    public String endpoint() {
        if (isMultiHost()) {
            return host;
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The JDBC URL, without credentials (they travel in {@link #jdbcProperties()}). */
    public String jdbcUrl() {
        String hosts;
        if (isMultiHost()) {
            StringBuilder b = new StringBuilder();
            for (String entry : host.split(",")) {
                b.append(b.length() == 0 ? "" : ",").append(entry.startsWith("/") ? "localhost" + entry.substring(
                        entry.lastIndexOf(':')) : entry);
            }
            hosts = b.toString();
        } else {
            // pgjdbc cannot open a Unix socket without an extra native library; a socket directory (libpq's default
            // when no host is given) is reached through TCP on localhost instead, at the same port.
            hosts = (isUnixSocket() ? "localhost" : (host.contains(":") ? "[" + host + "]" : host)) + ":" + port;
        }
        return "jdbc:postgresql://" + hosts + "/" + urlEncode(database);
    }

    /** The pgjdbc properties: user, password, SSL, options, application_name and the extras. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put("user", user);
        if (password != null) {
            m.put("password", password);
        } else {
            m.put(ResolvedPassword.NONE, "true");
        }
        // The driver uses this password and no other (never one from a password file the resolver ignored).
        m.put("authenticationPluginClassName", ResolvedPassword.class.getName());
        m.put("sslmode", sslMode);
        if ("disable".equals(sslMode)) {
            m.put("ssl", "false");
        }
        if (options != null && !options.isBlank()) {
            m.put("options", options);
        }
        m.put("ApplicationName", APPLICATION_NAME);
        p.putAll(m);
        return p;
    }

    /** A URI safe to show and log: {@code postgresql://user@host:port/db?sslmode=...}, never the password. */
    public String displayUrl() {
        // Host names and IP addresses need no escaping here; a socket directory's slashes would, as in libpq URIs.
        String where = isUnixSocket() ? urlEncode(host) + ":" + port : endpoint();
        return "postgresql://" + urlEncode(user) + "@" + where + "/" + urlEncode(database)
                + "?sslmode=" + sslMode;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + displayUrl() + (password == null ? "" : ", password=***") + "]";
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
