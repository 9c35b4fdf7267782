package io.partscope.core.profile;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A saved connection: where to connect and how the app should treat it (its colour, and whether it is a production
 * database on which nothing may change). It holds no password: that comes from the session or {@code ~/.pgpass}
 * when {@link #toSettings} resolves it.
 *
 * @param id       stable identity (a UUID), so renaming a profile keeps it the same profile
 * @param name     what the user calls it; unique among the saved profiles
 * @param host     host name, IP address, or a Unix-socket directory
 * @param port     TCP port, 1-65535
 * @param database database name
 * @param user     role name
 * @param sslMode  libpq sslmode: one of {@link #SSL_MODES}
 * @param options  libpq "options" (e.g. {@code -c search_path=app}), or null
 * @param colour   a colour the window shows for this connection, {@code #rrggbb}
 * @param readOnly a production database: no DDL may ever run on it (design.md, safety rules)
 * @param service  the pg_service.conf entry it came from, or null; its other keywords (sslcert, connect_timeout...)
 *                 still apply when connecting, the profile's own fields win
 */
public record ConnectionProfile(String id, String name, String host, int port, String database, String user,
        String sslMode, String options, String colour, boolean readOnly, String service) {

    /** libpq's sslmode values, weakest first. */
    public static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    public static final String DEFAULT_SSL_MODE = "prefer";
    public static final int DEFAULT_PORT = 5432;
    /** The colour of a profile nobody chose one for: a neutral slate. */
    public static final String DEFAULT_COLOUR = "#5c7cfa";

    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    /**
     * Variables that still apply to a saved profile. The profile says where to connect, so PGHOST, PGUSER,
     * PGPASSWORD and the like must not silently change it; the files and the machine's SSL material still do.
     */
    private static final Set<String> PROFILE_VARIABLES = Set.of("USER", "PGPASSFILE", "PGSERVICEFILE",
            "PGSYSCONFDIR", "PGCONNECT_TIMEOUT", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY");

    public ConnectionProfile {
        requireText(id, "id");
        requireText(name, "name");
        requireText(host, "host");
        requireText(database, "database");
        requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        sslMode = sslMode == null || sslMode.isBlank() ? DEFAULT_SSL_MODE : sslMode;
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("sslmode must be one of " + SSL_MODES + ", not \"" + sslMode + "\"");
        }
        options = options == null || options.isBlank() ? null : options;
        colour = colour == null || colour.isBlank() ? DEFAULT_COLOUR : colour.toLowerCase(Locale.ROOT);
        if (!isColour(colour)) {
            throw new IllegalArgumentException("colour must be #rrggbb, not \"" + colour + "\"");
        }
        service = service == null || service.isBlank() ? null : service;
    }

    /** A new profile with a fresh id. */
    public static ConnectionProfile create(String name, String host, int port, String database, String user,
            String sslMode, String options, String colour, boolean readOnly, String service) {
        return new ConnectionProfile(newId(), name, host, port, database, user, sslMode, options, colour, readOnly,
                service);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Whether the text is a colour as profiles store it: {@code #rrggbb}. */
    public static boolean isColour(String text) {
        return text != null && HEX_COLOUR.matcher(text).matches();
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(id, newName, host, port, database, user, sslMode, options, colour, readOnly,
                service);
    }

    public ConnectionProfile withId(String newId) {
        return new ConnectionProfile(newId, name, host, port, database, user, sslMode, options, colour, readOnly,
                service);
    }

    public ConnectionProfile withColour(String newColour) {
        return new ConnectionProfile(id, name, host, port, database, user, sslMode, options, newColour, readOnly,
                service);
    }

    public ConnectionProfile withReadOnly(boolean newReadOnly) {
        return new ConnectionProfile(id, name, host, port, database, user, sslMode, options, colour, newReadOnly,
                service);
    }

    /** {@code postgresql://user@host:port/db?sslmode=...}: safe to show, never a password. */
    public String displayUrl() {
        return new ConnectionSettings(host, port, database, user, null, sslMode, options, Map.of()).displayUrl();
    }

    /**
     * The settings to connect with. The password is the session's if the user typed one, else the one the password
     * file ({@code PGPASSFILE} or {@code ~/.pgpass}) or the profile's service entry holds, else none (trust, peer,
     * or the server will refuse and the user is asked).
     *
     * @param sessionPassword a password kept in memory for this session only, or null
     * @throws PartscopeException BAD_INPUT when the profile's service no longer exists or its file is malformed
     */
    public ConnectionSettings toSettings(Environment environment, String sessionPassword) throws PartscopeException {
        Environment forProfile = new Environment(only(environment.variables(), PROFILE_VARIABLES),
                environment.homeDir());
        ConnectionSettings settings = new ConnectionSettingsResolver(forProfile).resolve(keywordString(), null);
        return sessionPassword == null || sessionPassword.isEmpty() ? settings : settings.withPassword(sessionPassword);
    }

    /** The profile as a libpq keyword/value string (no password), for the resolver. */
    String keywordString() {
        StringBuilder b = new StringBuilder();
        append(b, "host", host);
        append(b, "port", Integer.toString(port));
        append(b, "dbname", database);
        append(b, "user", user);
        append(b, "sslmode", sslMode);
        append(b, "options", options);
        append(b, "service", service);
        return b.toString();
    }

    private static void append(StringBuilder b, String keyword, String value) {
        if (value == null) {
            return;
        }
        b.append(b.length() == 0 ? "" : " ").append(keyword).append("='")
                .append(value.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }

    /**
     * A profile from a connection URL (libpq URI, JDBC URL or keyword/value string), as psql would read it but
     * without the PG* variables and {@code .pgpass}: the profile keeps what the URL says. A password in the URL is
     * returned beside the profile, never in it.
     */
    public static ImportedProfile fromUri(String url, Environment environment) throws PartscopeException {
        if (url == null || url.isBlank()) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "no URL to import: paste a postgresql:// URI");
        }
        return imported(new ConnectionSettingsResolver(importEnvironment(environment)).resolve(url, null), null);
    }

    /** {@link #fromUri(String, Environment)} with the process environment (for the service file's location). */
    public static ImportedProfile fromUri(String url) throws PartscopeException {
        return fromUri(url, Environment.system());
    }

    /**
     * A profile from a pg_service.conf entry (PGSERVICEFILE or {@code ~/.pg_service.conf}, then
     * PGSYSCONFDIR/pg_service.conf, as libpq looks). The profile remembers the service name.
     *
     * @throws PartscopeException BAD_INPUT naming the files searched when no file defines the service
     */
    public static ImportedProfile fromService(String name, Environment environment) throws PartscopeException {
        if (name == null || name.isBlank()) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "no service name to import");
        }
        String service = name.strip();
        return imported(new ConnectionSettingsResolver(importEnvironment(environment)).resolve(null, service),
                service);
    }

    private static ImportedProfile imported(ConnectionSettings s, String service) throws PartscopeException {
        if (s.isMultiHost()) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "a profile holds one host, and this URL lists several ("
                    + s.host() + "); import one host at a time");
        }
        String host = s.host();
        String name = service != null ? service : s.database() + " on " + host;
        ConnectionProfile profile = create(name, host, s.port(), s.database(), s.user(), s.sslMode(), s.options(),
                DEFAULT_COLOUR, false, service);
        return new ImportedProfile(profile, s.password());
    }

    /**
     * Only what locates the service files, and no home folder, so the resolver finds neither PG* values nor a
     * {@code .pgpass} password: what it returns is what the URL or the service entry said.
     */
    private static Environment importEnvironment(Environment environment) {
        Map<String, String> vars = new HashMap<>(only(environment.variables(), Set.of("USER", "PGSYSCONFDIR")));
        environment.get("PGSERVICEFILE").or(() -> java.util.Optional.ofNullable(environment.homeDir())
                .map(home -> home.resolve(".pg_service.conf").toString()))
                .ifPresent(file -> vars.put("PGSERVICEFILE", file));
        return new Environment(vars, (Path) null);
    }

    private static Map<String, String> only(Map<String, String> variables, Set<String> names) {
        Map<String, String> kept = new HashMap<>();
        variables.forEach((k, v) -> {
            if (names.contains(k) && v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /**
     * An imported profile and the password the URL carried (or the service entry), which the caller may keep for
     * the session. {@link #toString()} never shows the password.
     *
     * @param password the password, or null
     */
    public record ImportedProfile(ConnectionProfile profile, String password) {
        public boolean hasPassword() {
            return password != null && !password.isEmpty();
        }

        @Override
        public String toString() {
            return "ImportedProfile[" + profile + (hasPassword() ? ", password=***" : "") + "]";
        }
    }
}
