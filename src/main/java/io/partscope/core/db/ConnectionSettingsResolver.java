package io.partscope.core.db;

/**
 * Merges what libpq merges, in libpq's order: the URL (libpq URI or JDBC URL), then the service file entry
 * ({@code --service} or PGSERVICE), then the PG* environment variables, then the defaults; the password, if still
 * unknown, comes from the password file ({@code PGPASSFILE} or {@code ~/.pgpass}).
 */
public final class ConnectionSettingsResolver {
    private final Environment environment;

    public ConnectionSettingsResolver(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param url     a libpq URI ({@code postgresql://...} or {@code postgres://...}), a JDBC URL, or null
     * @param service a service name from pg_service.conf, or null
     */
    public ConnectionSettings resolve(String url, String service) throws PartscopeException {
        // TODO(helper): full implementation
        String host = environment.get("PGHOST").orElse("localhost");
        int port = Integer.parseInt(environment.get("PGPORT").orElse("5432"));
        String user = environment.get("PGUSER").orElse(System.getProperty("user.name"));
        String db = environment.get("PGDATABASE").orElse(user);
        if (url != null) {
            java.net.URI u = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
            host = u.getHost();
            port = u.getPort() > 0 ? u.getPort() : 5432;
            db = u.getPath().substring(1);
            if (u.getUserInfo() != null) {
                user = u.getUserInfo().split(":")[0];
            }
        }
        return new ConnectionSettings(host, port, db, user, environment.get("PGPASSWORD").orElse(null),
                environment.get("PGSSLMODE").orElse("prefer"), null, null);
    }
}
