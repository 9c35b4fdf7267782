package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.ProfileStore;
import io.partscope.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $HOME} decides where ~/.pgpass, ~/.pg_service.conf, the saved profiles and the journal are, as it does for
 * psql: the real command in a child process whose HOME is a temporary folder, which Java's user.home (the password
 * database's entry) is not.
 */
class HomeFolderIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path home;

    private String db;

    @BeforeEach
    void files() throws Exception {
        db = PG.newDatabase("home_folder");
        PG.exec(db, "CREATE TABLE public.logs (at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE public.logs_2026 PARTITION OF public.logs FOR VALUES FROM ('2026-01-01')"
                        + " TO ('2027-01-01')");
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + PG.port() + ":*:" + TestPostgres.PASSWORD_USER + ":"
                + TestPostgres.PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(home.resolve(".pg_service.conf"), "[home_svc]\nhost=127.0.0.1\nport=" + PG.port()
                + "\ndbname=" + db + "\nuser=" + TestPostgres.PASSWORD_USER + "\nsslmode=disable\n");
        new ProfileStore(home.resolve(".config/partscope")).save(List.of(ConnectionProfile.create("reports",
                "127.0.0.1", PG.port(), db, TestPostgres.PASSWORD_USER, "disable", null, null, false, null)));
    }

    /** The exit code and what it printed, of partscope run with HOME and no XDG_* or PG* variable. */
    private record Run(int exitCode, String output) {
    }

    private Run partscope(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"), "io.partscope.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("PG"));
        env.put("HOME", home.toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output);
    }

    @Test
    void theServiceFileAndPgpassAreReadFromHome() throws Exception {
        assertThat(Path.of(System.getProperty("user.home"))).as("the test needs a user.home other than HOME")
                .isNotEqualTo(home);
        Run run = partscope("tree", "--service", "home_svc");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("public.logs");
    }

    @Test
    void theSavedProfilesAreReadFromHomeAndTheirPasswordFromItsPgpass() throws Exception {
        Run run = partscope("tree", "--profile", "reports");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("public.logs");
    }

    @Test
    void theJournalIsUnderHome() throws Exception {
        Run run = partscope("op", "interrupted", "--service", "home_svc");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("(journal " + home.resolve(".local/state/partscope/journal.jsonl") + ")");
    }
}
