package io.partscope.ui.profiles;

import io.partscope.core.profile.ConnectionProfile;
import java.util.Objects;

/** What the user chose in the connection manager: a saved profile to connect to, or the demo database. */
public sealed interface ConnectionChoice {

    /**
     * Connect with this profile.
     *
     * @param sessionPassword what the user typed in the password field, kept in memory only; null when none (the
     *                        password then comes from {@code ~/.pgpass} in {@link ConnectionProfile#toSettings})
     */
    record Profile(ConnectionProfile profile, String sessionPassword) implements ConnectionChoice {
        public Profile {
            Objects.requireNonNull(profile, "profile");
            sessionPassword = sessionPassword == null || sessionPassword.isEmpty() ? null : sessionPassword;
        }

        @Override
        public String toString() {
            return "Profile[" + profile.name() + ", " + profile.displayUrl()
                    + (sessionPassword == null ? "" : ", password=***") + "]";
        }
    }

    /** Open the embedded demo database. */
    record Demo() implements ConnectionChoice {
    }
}
