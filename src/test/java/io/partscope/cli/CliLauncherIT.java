package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/partscope}, the command users run (README, docs/cli.md), as a child process: what it prints and its
 * exit codes, for a command, a read of a real server, a bad URL and the app, and the class archive its first read
 * leaves in the user's cache folder. Runs after {@code mvn package} (failsafe): the script runs
 * target/partscope.jar.
 */
class CliLauncherIT {
    private static final TestPostgres PG = TestPostgres.get();
    private static final Path SCRIPT = Path.of("bin", "partscope").toAbsolutePath();

    private static String db;

    @TempDir
    Path cache;

    @BeforeAll
    static void database() {
        db = PG.newDatabase("cli_launcher");
        PG.exec(db, "CREATE TABLE public.calls (at timestamptz NOT NULL, n int) PARTITION BY RANGE (at)",
                "CREATE TABLE public.calls_h0 PARTITION OF public.calls FOR VALUES FROM ('2026-12-01 00:00+00')"
                        + " TO ('2026-12-01 01:00+00')",
                "CREATE TABLE public.calls_h1 PARTITION OF public.calls FOR VALUES FROM ('2026-12-01 01:00+00')"
                        + " TO ('2026-12-01 02:00+00')");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run partscope(Map<String, String> extraEnv, String... args) throws Exception {
        assertThat(SCRIPT).as("the launcher script").isExecutable();
        assertThat(Path.of("target", "partscope.jar")).as("the jar the script runs (mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG") || k.equals("DISPLAY") || k.equals("WAYLAND_DISPLAY"));
        env.put("XDG_CACHE_HOME", cache.toString());
        env.putAll(extraEnv);
        Path err = Files.createTempFile(cache, "err", ".txt");
        builder.redirectError(err.toFile());
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Run(exit, out, Files.readString(err));
    }

    private Run partscope(String... args) throws Exception {
        return partscope(Map.of(), args);
    }

    private List<Path> archives() throws Exception {
        Path dir = cache.resolve("partscope").resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() throws Exception {
        Run run = partscope("--version");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("partscope ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void treeJsonReadsTheServerAndLeavesAClassArchiveThatTheNextRunUses() throws Exception {
        Run first = partscope("tree", "--json", "--url", PG.superuserUrl(db));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).as("no JVM warnings about the archive").isEmpty();
        JsonNode json = new ObjectMapper().readTree(first.out());
        JsonNode set = null;
        for (JsonNode s : json.get("roots")) {
            if ("calls".equals(s.get("name").asText())) {
                set = s;
            }
        }
        assertThat(set).as(first.out()).isNotNull();
        assertThat(set.get("schema").asText()).isEqualTo("public");

        if (Files.exists(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa"))) {
            assertThat(archives()).as("the archive of the first read's classes").hasSize(1);
        }
        Run second = partscope("tree", "--json", "--url", PG.superuserUrl(db));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(new ObjectMapper().readTree(second.out()).get("roots")).hasSameSizeAs(json.get("roots"));
    }

    @Test
    void aStaleOrBrokenArchiveIsIgnored() throws Exception {
        Run first = partscope("tree", "--url", PG.superuserUrl(db));
        assertThat(first.exitCode()).as(first.err()).isZero();
        for (Path archive : archives()) {
            Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.writeString(archive, "not an archive");
        }
        Run run = partscope("tree", "--url", PG.superuserUrl(db));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("public.calls");
    }

    @Test
    void anUnreachableServerExitsThreeWithTheMessage() throws Exception {
        Run run = partscope("tree", "--json", "--url", "postgresql://postgres@127.0.0.1:1/postgres");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("partscope: host unreachable").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
        assertThat(archives()).as("a failed read leaves no archive").isEmpty();
    }

    @Test
    void aMalformedUrlAndAnUnknownOptionExitTwo() throws Exception {
        Run url = partscope("tree", "--url", "postgresql://[::1");
        assertThat(url.exitCode()).as(url.err()).isEqualTo(2);
        assertThat(url.err()).startsWith("partscope: ").doesNotContain("Exception");
        Run option = partscope("tree", "--no-such-option");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("--no-such-option");
    }

    @Test
    void withoutACommandItStartsTheDesktopAppWhichSaysThereIsNoDisplay() throws Exception {
        Run run = partscope("--demo");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(14);
        assertThat(run.err()).contains("xvfb-run");
    }
}
