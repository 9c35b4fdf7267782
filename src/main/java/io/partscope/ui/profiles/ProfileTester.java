package io.partscope.ui.profiles;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.profile.ConnectionCheck;
import io.partscope.core.profile.PrivilegeReport;

/** Runs "Test connection" off the FX thread; tests substitute their own. */
@FunctionalInterface
public interface ProfileTester {

    PrivilegeReport test(ConnectionSettings settings, Cancellation cancellation) throws PartscopeException;

    /** Connects for real with {@link ConnectionCheck}. */
    static ProfileTester standard() {
        ConnectionCheck check = new ConnectionCheck();
        return check::check;
    }
}
