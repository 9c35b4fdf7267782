package io.partscope.core.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges what libpq merges, in libpq's order: the URL (libpq URI, JDBC URL or keyword/value string), then the
 * service file entry ({@code service=} in the URL, {@code --service}, or PGSERVICE), then the PG* environment
 * variables, then the defaults; the password, if still unknown, comes from the password file ({@code passfile},
 * {@code PGPASSFILE} or {@code ~/.pgpass}).
 *
 * <p>Parsing lives in {@link LibpqUri}, {@link JdbcUrl}, {@link KeywordValueString}; the files in
 * {@link ServiceFile} and {@link PgPassFile}. Everything outside the arguments comes from the {@link Environment}.
 */
public final class ConnectionSettingsResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSettingsResolver.class);

    /** libpq's default host is a Unix socket; pgjdbc cannot open one, so the default is TCP to localhost. */
    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 5432;

    private static final Map<String, String> TARGET_SERVER_TYPES = Map.of(
            "any", "any", "read-write", "primary", "primary", "primary",
            "read-only", "secondary", "standby", "secondary", "prefer-standby", "preferSecondary");

    private final Environment environment;

    public ConnectionSettingsResolver(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param url     a libpq URI ({@code postgresql://...} or {@code postgres://...}), a JDBC URL, a libpq
     *                keyword/value string, or null
     * @param service a service name from pg_service.conf, or null
     * @throws PartscopeException BAD_INPUT for a malformed URL, an unknown service or an invalid value; the message
     *                            never contains the password
     */
    public ConnectionSettings resolve(String url, String service) throws PartscopeException {
        ParsedUrl parsed = ParsedUrl.parse(url);
        Map<String, String> fromService = serviceEntry(parsed.keywords().get("service"), service);
        Map<String, String> merged = merge(parsed.keywords(), fromService);

        List<String> hosts = split(Optional.ofNullable(merged.get("hostaddr")).orElse(merged.get("host")));
        List<Integer> ports = ports(merged.get("port"), hosts.size());
        String user = merged.getOrDefault("user", defaultUser());
        String database = merged.getOrDefault("dbname", user);
        String sslMode = merged.getOrDefault("sslmode", "prefer");
        if (!LibpqKeywords.SSL_MODES.contains(sslMode)) {
            throw bad("invalid sslmode value \"" + sslMode + "\" (expected one of disable, allow, prefer, require,"
                    + " verify-ca, verify-full)");
        }

        Map<String, String> extra = new LinkedHashMap<>(parsed.extra());
        mapToPgjdbc(merged, extra);

        String password = merged.get("password");
        if (password == null || password.isEmpty()) {
            // The password file is keyed by the host name, not hostaddr, as in libpq.
            String passHost = first(split(merged.get("host"))).orElse(hosts.get(0));
            password = PgPassFile.locate(merged.get("passfile"), environment)
                    .flatMap(f -> f.find(passHost, ports.get(0), database, user))
                    .orElse(null);
        }
        return new ConnectionSettings(hostField(hosts, ports), ports.get(0), database, user, password, sslMode,
                merged.get("options"), extra);
    }

    /** The service's keywords, or none. service= in the URL and --service must not disagree. */
    private Map<String, String> serviceEntry(String inUrl, String argument) throws PartscopeException {
        if (inUrl != null && argument != null && !inUrl.equals(argument)) {
            throw bad("the URL names service \"" + inUrl + "\" but --service names \"" + argument + "\"");
        }
        String name = inUrl != null ? inUrl : argument != null ? argument : environment.get("PGSERVICE").orElse(null);
        if (name == null || name.isEmpty()) {
            return Map.of();
        }
        return ServiceFile.lookup(name, environment);
    }

    /** For each keyword: the URL's value, else the service's, else the PG* variable's. Empty means "not set". */
    private Map<String, String> merge(Map<String, String> fromUrl, Map<String, String> fromService) {
        Map<String, String> merged = new LinkedHashMap<>();
        List<String> keywords = new ArrayList<>(LibpqKeywords.ENVIRONMENT.keySet());
        keywords.add("sslpassword");
        for (String keyword : keywords) {
            String value = nonEmpty(fromUrl.get(keyword));
            if (value == null) {
                value = nonEmpty(fromService.get(keyword));
            }
            if (value == null && LibpqKeywords.ENVIRONMENT.containsKey(keyword)) {
                value = environment.get(LibpqKeywords.ENVIRONMENT.get(keyword)).orElse(null);
            }
            if (value != null) {
                merged.put(keyword, value);
            }
        }
        return merged;
    }

    /** Keywords that pgjdbc spells differently, or that have no ConnectionSettings field. */
    private static void mapToPgjdbc(Map<String, String> merged, Map<String, String> extra)
            throws PartscopeException {
        for (String passThrough : List.of("sslrootcert", "sslcert", "sslkey", "sslpassword")) {
            if (merged.containsKey(passThrough)) {
                extra.put(passThrough, merged.get(passThrough));
            }
        }
        String timeout = merged.get("connect_timeout");
        if (timeout != null) {
            try {
                int seconds = Integer.parseInt(timeout.strip());
                if (seconds < 0) {
                    throw new NumberFormatException();
                }
                extra.put("connectTimeout", Integer.toString(seconds));
            } catch (NumberFormatException e) {
                throw bad("invalid connect_timeout value \"" + timeout + "\" (expected whole seconds)");
            }
        }
        String attrs = merged.get("target_session_attrs");
        if (attrs != null) {
            String type = TARGET_SERVER_TYPES.get(attrs);
            if (type == null) {
                throw bad("invalid target_session_attrs value \"" + attrs + "\"");
            }
            extra.put("targetServerType", type);
        }
        if ("random".equals(merged.get("load_balance_hosts"))) {
            extra.put("loadBalanceHosts", "true");
        }
    }

    /**
     * One host: itself. Several: pgjdbc's multi-host form {@code h1:5432,h2:5433} (IPv6 in brackets), which
     * {@link ConnectionSettings#jdbcUrl()} passes on, so pgjdbc tries them in order as libpq would.
     */
    private static String hostField(List<String> hosts, List<Integer> ports) {
        if (hosts.size() == 1) {
            return hosts.get(0);
        }
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String h = hosts.get(i);
            endpoints.add((h.contains(":") ? "[" + h + "]" : h) + ":" + ports.get(i));
        }
        return String.join(",", endpoints);
    }

    /** Host list entries; an empty entry (or no host at all) is the default host. */
    private static List<String> split(String commaList) {
        List<String> out = new ArrayList<>();
        if (commaList == null || commaList.isEmpty()) {
            out.add(DEFAULT_HOST);
            return out;
        }
        for (String h : commaList.split(",", -1)) {
            out.add(h.isBlank() ? DEFAULT_HOST : h.strip());
        }
        return out;
    }

    private static Optional<String> first(List<String> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** libpq: one port for all hosts, or one per host; an empty entry is the default port. */
    private static List<Integer> ports(String commaList, int hostCount) throws PartscopeException {
        String[] parts = commaList == null ? new String[] {""} : commaList.split(",", -1);
        if (parts.length != 1 && parts.length != hostCount) {
            throw bad("could not match " + parts.length + " port numbers to " + hostCount + " hosts");
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            ports.add(port(parts.length == 1 ? parts[0] : parts[i]));
        }
        return ports;
    }

    private static int port(String text) throws PartscopeException {
        String t = text.strip();
        if (t.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(t);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad("invalid port number \"" + t + "\"");
    }

    private String defaultUser() throws PartscopeException {
        String user = environment.get("USER").orElseGet(() -> System.getProperty("user.name"));
        if (user == null || user.isEmpty()) {
            throw bad("no user name: give one in the URL or set PGUSER");
        }
        LOG.debug("no user given; using the operating-system user \"{}\"", user);
        return user;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static PartscopeException bad(String message) {
        return new PartscopeException(ErrorKind.BAD_INPUT, message);
    }
}
