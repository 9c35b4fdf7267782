package io.partscope.core.db;

import java.util.Properties;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;

/**
 * Gives pgjdbc the password the {@link ConnectionSettingsResolver} found, and only that one. Without it, pgjdbc reads
 * {@code PGPASSFILE} or {@code ~/.pgpass} itself whenever no password is given, including a file the resolver has
 * just ignored because the group or others may read it (as libpq ignores it): "ignoring it" must mean the password
 * is not used. pgjdbc 42.7 has no connection property to switch its own lookup off, so every connection names this
 * plugin ({@link ConnectionSettings#jdbcProperties()}); pgjdbc asks it for the password instead of reading its
 * "password" property.
 */
public final class ResolvedPassword implements AuthenticationPlugin {
    /** Set (to "true") when the resolver found no password: the driver's own find is not used either. */
    static final String NONE = "partscopeNoPassword";

    private final String password;

    /** pgjdbc instantiates the plugin with the connection's properties. */
    public ResolvedPassword(Properties info) {
        this.password = Boolean.parseBoolean(info.getProperty(NONE)) ? null : info.getProperty("password");
    }

    @Override
    public char[] getPassword(AuthenticationRequestType type) {
        // null: pgjdbc reports "the server requested password-based authentication, but no password was provided"
        return password == null ? null : password.toCharArray();
    }
}
