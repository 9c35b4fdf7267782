package io.partscope.support;

import io.partscope.cli.CliContext;
import io.partscope.cli.PartscopeCommand;
import io.partscope.core.db.Environment;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process and keeps what it printed and its exit code. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** With these environment variables (and no others: the tests must not see the developer's PG* settings). */
    public static CliRun run(Map<String, String> env, String... args) {
        return run(new Environment(env, Path.of(System.getProperty("java.io.tmpdir"), "partscope-no-home")), args);
    }

    public static CliRun run(Environment environment, String... args) {
        return runWithInput(environment, "", args);
    }

    /** With this text on stdin (and no environment variables). */
    public static CliRun runWithInput(String stdin, String... args) {
        return runWithInput(new Environment(Map.of(), Path.of(System.getProperty("java.io.tmpdir"),
                "partscope-no-home")), stdin, args);
    }

    public static CliRun runWithInput(Environment environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PartscopeCommand.run(args, new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        return new CliRun(code, out.toString(), err.toString());
    }
}
