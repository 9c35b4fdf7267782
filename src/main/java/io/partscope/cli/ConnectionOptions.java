package io.partscope.cli;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.ProfileStore;
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

    @Option(names = "--profile", paramLabel = "NAME",
            description = "A connection saved in the app (its exact name). Its password comes from PGPASSWORD or"
                    + " ~/.pgpass (PGPASSFILE); a profile marked read-only is read-only here too.")
    String profile;

    @Option(names = "--read-only",
            description = "Treat the connection as read-only (production): operations are planned but refused.")
    boolean readOnly;

    /** The profile named by --profile, once {@link #settings} has read it. */
    private ConnectionProfile loadedProfile;

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

    /**
     * Resolves the settings for the given environment: of the saved profile (--profile), else from the URL, the
     * service, the PG* environment and .pgpass.
     */
    public ConnectionSettings settings(Environment environment) throws PartscopeException {
        if (profile == null) {
            return new ConnectionSettingsResolver(environment).resolve(url, service);
        }
        if (url != null || service != null) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--profile names the whole connection: give it without "
                    + (url != null ? "--url" : "--service"));
        }
        loadedProfile = ProfileStore.standard(environment).named(profile);
        // The app asks for a password the file does not hold; the command line's way to give one is PGPASSWORD.
        return loadedProfile.toSettings(environment, environment.get("PGPASSWORD").orElse(null));
    }

    /**
     * Whether the connection is read-only for Partscope: --read-only, or a --profile marked read-only. Operations
     * are refused on it (their "read-only profile" check). Ask after {@link #open} or {@link #settings}, which read
     * the profile.
     *
     * @throws IllegalStateException when a profile is named but not read yet
     */
    public boolean readOnly() {
        if (profile != null && loadedProfile == null) {
            throw new IllegalStateException("readOnly() before the profile was read: call open() or settings() first");
        }
        return readOnly || (loadedProfile != null && loadedProfile.readOnly());
    }

    public DatabaseOptions databaseOptions() {
        return new DatabaseOptions(statementTimeout, lockTimeout, connectTimeout, 2);
    }

    public Database open(Environment environment) throws PartscopeException {
        return Database.open(settings(environment), databaseOptions());
    }
}
