package io.partscope.cli;

import io.partscope.core.demo.DemoDatabase;
import io.partscope.core.demo.DemoInfo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partscope demo}: starts the embedded demo database, prints its URL on stdout (progress and hints on
 * stderr), and keeps it running until interrupted; Ctrl-C stops the server cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the embedded demo database and print its URL.",
            "The first start loads sample partition sets (well under a minute); later starts reuse them."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--reset", description = "Wipe the demo cluster and load the sample data anew.")
    boolean reset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the demo (cluster in DIR/pgdata, server log in DIR/postgres.log); default: "
                    + "$XDG_DATA_HOME/partscope/demo, else ~/.local/share/partscope/demo.")
    Path dataDir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DemoDatabase.DEFAULT_PORT,
            description = "Port to use when free, else any free port; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--exit-after-start",
            description = "Stop the server again once the data is loaded, instead of running until Ctrl-C "
                    + "(for scripts and tests).")
    boolean exitAfterStart;

    private final CliContext context;

    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        var err = context.err();
        var out = context.out();
        // The embedded server's own start/stop messages are noise here: our progress lines say the same.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.zonky.test", "warn");
        Path base = dataDir != null ? dataDir : DemoDatabase.defaultBaseDirectory(context.environment());
        DemoDatabase demo = new DemoDatabase(base, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (demo.isRunning()) {
                err.println("demo: stopping the server");
                err.flush();
            }
            demo.close();
            stopped.countDown();
        }, "partscope-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoInfo info = demo.start(reset, step -> {
                err.println("demo: " + step);
                err.flush();
            });
            out.println(demo.url());
            out.flush();
            err.println("demo: " + (info.loadedNow() ? "loaded" : "reused") + " demo data on PostgreSQL "
                    + info.serverVersion() + " in " + demo.baseDirectory());
            err.println("try: partscope tree --url " + demo.url());
            if (exitAfterStart) {
                err.println("demo: stopping (--exit-after-start)");
                err.flush();
                return 0;
            }
            err.println("demo: running; press Ctrl-C to stop");
            err.flush();
            stopped.await();
            return 0;
        } finally {
            demo.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }
}
