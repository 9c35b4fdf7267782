package io.partscope.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** What a cancel or terminate says when it is not allowed, when the session is gone, and on a read-only profile. */
class BackendSignalIT {
    private static final TestPostgres PG = TestPostgres.get();

    private static Blocker session(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pid, usename, backend_start"
                + " FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
            rs.next();
            return new Blocker(rs.getInt(1), rs.getString(2), null, "idle", null, null, null,
                    rs.getObject(3, OffsetDateTime.class));
        }
    }

    @Test
    void aRoleWithoutTheRightIsToldWhatItNeeds() throws Exception {
        String db = PG.newDatabase("signal_denied");
        try (Connection superuser = PG.superuserConnection(db);
                Database alice = Database.open(PG.passwordUserSettings(db), DatabaseOptions.DEFAULTS)) {
            Blocker target = session(superuser);
            BackendSignal.Result r = BackendSignal.send(alice, BackendSignal.Kind.TERMINATE, target, false);
            assertThat(r.sent()).isFalse();
            assertThat(r.message()).startsWith("Not allowed to terminate pid " + target.pid() + " (user postgres):"
                    + " the role alice needs to be a member of pg_signal_backend, or of the role postgres itself;"
                    + " a superuser's session only a superuser may signal.");
            assertThat(superuser.isValid(5)).isTrue();
        }
    }

    @Test
    void aSessionThatEndedOrWhosePidWasReusedGetsNothing() throws Exception {
        String db = PG.newDatabase("signal_gone");
        try (Connection other = PG.superuserConnection(db);
                Database d = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            Blocker shown = session(other);
            Blocker reused = new Blocker(shown.pid(), shown.user(), null, "idle", null, null, null,
                    shown.backendStart().minusHours(1));
            BackendSignal.Result r = BackendSignal.send(d, BackendSignal.Kind.TERMINATE, reused, false);
            assertThat(r.sent()).isFalse();
            assertThat(r.message()).isEqualTo("pid " + shown.pid() + " has ended (or its pid now belongs to another"
                    + " session): nothing was sent.");
            assertThat(other.isValid(5)).isTrue();
        }
    }

    @Test
    void aReadOnlyProfileSendsNothing() throws Exception {
        String db = PG.newDatabase("signal_ro");
        try (Connection other = PG.superuserConnection(db);
                Database d = Database.open(PG.superuserSettings(db), DatabaseOptions.DEFAULTS)) {
            Blocker shown = session(other);
            assertThatThrownBy(() -> BackendSignal.send(d, BackendSignal.Kind.TERMINATE, shown, true))
                    .hasMessage(BackendSignal.READ_ONLY_REASON);
            assertThat(other.isValid(5)).isTrue();
        }
    }
}
