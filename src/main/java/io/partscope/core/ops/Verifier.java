package io.partscope.core.ops;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.PartscopeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Checks the result of an operation on the server after its last step (a fresh read, not what the steps said). */
@FunctionalInterface
public interface Verifier {
    List<Check> verify(Connection connection, Cancellation cancellation) throws SQLException, PartscopeException;

    /** For operations whose steps verify themselves. */
    static Verifier none() {
        return (connection, cancellation) -> List.of();
    }
}
