package io.partscope.ui.connect;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettingsResolver;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.core.db.Environment;
import io.partscope.core.db.PartscopeException;

/** Opens a database from what the user typed. Runs off the FX thread; tests can substitute their own. */
@FunctionalInterface
public interface DatabaseOpener {

    Database open(String url, Cancellation cancellation) throws PartscopeException;

    /** Resolves the URL as psql would (PG* variables, .pgpass, service file) and opens a pooled database. */
    static DatabaseOpener standard(Environment environment) {
        return (url, cancellation) -> {
            var settings = new ConnectionSettingsResolver(environment).resolve(url, null);
            cancellation.throwIfCancelled();
            return Database.open(settings, DatabaseOptions.INTERACTIVE);
        };
    }
}
