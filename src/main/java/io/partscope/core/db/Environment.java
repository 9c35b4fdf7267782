package io.partscope.core.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What libpq would look at outside the command line: environment variables and the home folder (for
 * {@code ~/.pgpass} and {@code ~/.pg_service.conf}). Passed in, never read statically, so tests can give their own.
 */
public record Environment(Map<String, String> variables, Path homeDir) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The process environment and the user's home. */
    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** A non-blank variable, or empty. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
