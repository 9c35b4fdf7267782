package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.ErrorKind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The SQLSTATEs partition DDL raises become sentences a DBA can act on. */
class OperationErrorsTest {
    private static PSQLException server(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0"));
    }

    @Test
    void rowsInTheDefaultPartitionPointToSplitDefault() {
        PSQLException e = server("23514",
                "updated partition constraint for default partition \"events_default\" would be violated by some row");
        assertThat(OperationErrors.describe(e)).startsWith("rows in the DEFAULT partition belong to the new range:"
                + " split the DEFAULT first (partscope op split-default)").contains("events_default");
        assertThat(OperationErrors.kind(e)).isEqualTo(ErrorKind.OPERATION_REFUSED);
    }

    @Test
    void otherStatesSayWhatHappened() {
        assertThat(OperationErrors.describe(server("42P17", "partition \"b\" would overlap partition \"a\"")))
                .startsWith("the new bounds overlap an existing partition");
        assertThat(OperationErrors.describe(server("25001", "VACUUM cannot run inside a transaction block")))
                .contains("must run in autocommit");
        assertThat(OperationErrors.describe(server("55000",
                "cannot detach partitions concurrently when a default partition exists")))
                .contains("remove the DEFAULT first");
        assertThat(OperationErrors.describe(server("57014", "canceling statement due to statement timeout")))
                .contains("--statement-timeout");
    }

    @Test
    void brokenConnectionsAreToldApart() {
        assertThat(OperationErrors.connectionLost(new SQLException("gone", "08006"))).isTrue();
        assertThat(OperationErrors.connectionLost(server("57P01", "terminating connection due to administrator command")))
                .isTrue();
        assertThat(OperationErrors.kind(new SQLException("gone", "08006"))).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(OperationErrors.connectionLost(server("55P03", "canceling statement due to lock timeout"))).isFalse();
    }
}
