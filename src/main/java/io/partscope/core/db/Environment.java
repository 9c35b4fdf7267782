package io.partscope.core.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What libpq would look at outside the command line: environment variables and the home folder (for
 * {@code ~/.pgpass} and {@code ~/.pg_service.conf}, and the config, data and state folders when no XDG variable
 * names them). Passed in, never read statically, so tests can give their own.
 */
public record Environment(Map<String, String> variables, Path homeDir) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The process environment and the user's home ({@link #home}). */
    public static Environment system() {
        Map<String, String> variables = System.getenv();
        return new Environment(variables, home(variables, System.getProperty("user.home")));
    }

    /**
     * The home folder as psql and libpq find it: {@code $HOME} when set and not empty, else the password database's
     * entry. Java's {@code user.home} is the latter only, so a DBA who points {@code HOME} elsewhere (a shared
     * account, a container, {@code sudo -E}) would otherwise get another ~/.pgpass than psql does.
     */
    public static Path home(Map<String, String> variables, String passwordDatabaseHome) {
        String home = variables.get("HOME");
        return Path.of(home == null || home.isEmpty() ? passwordDatabaseHome : home);
    }

    /** A non-blank variable, or empty. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
