package io.partscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.db.Environment;
import io.partscope.support.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's own rules, without a server: flags, their limits, --verbose, and the help texts. */
class CliUsageTest {
    /** Nothing listens on port 1: anything that tries to connect fails at once. */
    private static final String NOWHERE = "postgresql://postgres@127.0.0.1:1/x";

    @Test
    void aLockTimeoutLongerThanPostgresAllowsIsBadInput() {
        CliRun run = CliRun.run("tree", "--url", NOWHERE, "--lock-timeout", "99999999999h");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--lock-timeout").contains("'99999999999h' is too long")
                .contains("2147483647ms").doesNotContain("Exception");

        CliRun digits = CliRun.run("tree", "--url", NOWHERE, "--statement-timeout", "99999999999999999999999s");
        assertThat(digits.exitCode()).isEqualTo(2);
        assertThat(digits.err()).contains("too long");

        assertThat(new DurationConverter().convert("2147483647")).hasMillis(Integer.MAX_VALUE);
        assertThat(new DurationConverter().convert("5min")).hasSeconds(300);
    }

    @Test
    void negativeRetriesAreBadInputNotZero() {
        CliRun run = CliRun.run("op", "freeze", "--url", NOWHERE, "--table", "t", "--min-age", "1", "--retries",
                "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--retries").contains("must be 0 or more").doesNotContain("Exception");
    }

    @Test
    void verboseAfterTheSubcommandPrintsTheStackTrace() {
        CliRun quiet = CliRun.run("tree", "--url", NOWHERE, "--connect-timeout", "2s");
        assertThat(quiet.exitCode()).isEqualTo(3);
        assertThat(quiet.err()).doesNotContain("\tat ");

        CliRun verbose = CliRun.run("tree", "--url", NOWHERE, "--connect-timeout", "2s", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(3);
        assertThat(verbose.err()).contains("could not connect").contains("\tat ");
    }

    @Test
    void anUnforeseenErrorSaysRunAgainWithVerboseOnlyWhenVerboseWasNotGiven() {
        for (String[] args : List.of(new String[] {"tree", "--url", NOWHERE},
                new String[] {"--verbose", "tree", "--url", NOWHERE},
                new String[] {"tree", "--url", NOWHERE, "--verbose"},
                new String[] {"op", "freeze", "--url", NOWHERE, "--table", "t", "--min-age", "1", "--verbose"})) {
            StringWriter err = new StringWriter();
            CliContext context = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                    new Environment(Map.of(), Path.of("/nonexistent")));
            CommandLine cl = PartscopeCommand.newCommandLine(context);
            int exit = new CliExceptionHandler(context).handleExecutionException(new IllegalStateException("boom"),
                    cl, cl.parseArgs(args));
            boolean verbose = List.of(args).contains("--verbose");
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).as(String.join(" ", args)).startsWith("partscope: internal error:")
                    .contains("boom");
            if (verbose) {
                assertThat(err.toString()).as(String.join(" ", args)).contains("\tat ").doesNotContain("run again");
            } else {
                assertThat(err.toString()).contains("run again with --verbose").doesNotContain("\tat ");
            }
        }
    }

    /**
     * picocli formats each help text with String.format as it renders the usage; a bare '%' ("P% of") made it print
     * a "[picocli WARN] Could not format" line on stderr with every usage error of op freeze. picocli writes that
     * warning to the stderr it found at start-up, so the command runs in a JVM of its own, as a user runs it.
     */
    @Test
    void opFreezeUsageErrorsPrintNoPicocliFormatWarning() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.partscope.Main", "op", "freeze", "--table", "t")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isEqualTo(2);
        assertThat(output).contains("Missing required argument").contains("Partitions whose XID age is at least P%")
                .doesNotContain("picocli WARN").doesNotContain("Could not format");
    }

    @Test
    void terminalTextEscapesControlCharactersAsPsqlDoes() {
        assertThat(TerminalText.escape("a\u001b[2Jb\u0007c\u007fd\u009be\rf")).isEqualTo(
                "a\\x1B[2Jb\\x07c\\x7Fd\\x9Be\\rf");
        assertThat(TerminalText.escape("tab\tnewline\nünïcode")).isEqualTo("tab\tnewline\nünïcode");

        StringWriter target = new StringWriter();
        PrintWriter safe = TerminalText.writer(new PrintWriter(target, true));
        safe.print("x\u001b");
        safe.print("\r\n"); // a Windows line separator stays one
        safe.print("y\r");
        safe.printf("%s%n", "z\u0000");
        safe.flush();
        assertThat(target.toString()).isEqualTo("x\\x1B\r\ny\\rz\\x00" + System.lineSeparator());
    }
}
