package io.partscope.cli;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.Environment;
import io.partscope.core.db.PartscopeException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The connection flags every command that talks to a server shares (a picocli mixin). */
public final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "libpq URI (postgresql://user@host:port/db?sslmode=...) or JDBC URL. "
                    + "PG* variables, ~/.pgpass and pg_service.conf fill in what it leaves out, as in psql.")
    String url;

    @Option(names = "--service", paramLabel = "NAME", description = "A service from pg_service.conf (like PGSERVICE).")
    String service;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "statement_timeout for catalog queries, e.g. 500ms, 30s, 2m; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration statementTimeout;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "lock_timeout for catalog queries, so a read never waits long behind DDL; 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "How long to wait for the server (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** Resolves the settings (URL, service, PG* environment, .pgpass) for the given environment. */
    public ConnectionSettings settings(Environment environment) throws PartscopeException {
        return new ConnectionSettingsResolver(environment).resolve(url, service);
    }

    public DatabaseOptions databaseOptions() {
        return new DatabaseOptions(statementTimeout, lockTimeout, connectTimeout, 2);
    }

    public Database open(Environment environment) throws PartscopeException {
        return Database.open(settings(environment), databaseOptions());
    }
}
