package io.partscope.core.demo;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo database: a PostgreSQL server (zonky binaries) whose cluster lives in a folder of the user's
 * own ({@code pgdata} under the base folder, see {@link #defaultBaseDirectory}), loaded with sample partition sets.
 *
 * <p>The cluster survives restarts: a later {@link #start} reuses it, and loads the demo data only when the
 * database {@value #DATABASE} is missing, or has no complete marker ({@code partscope_demo.demo_info}, written as
 * the very last step of a load: a load that was killed half-way is detected and rebuilt), or holds an older data
 * version. {@code reset} wipes the whole cluster and loads it anew.
 *
 * <p>Only one process uses a base folder at a time ({@code demo.lock}); a server left running by a process that
 * was killed is stopped and reused. The server prefers port {@value #DEFAULT_PORT}, so the URL stays the same, and
 * takes a free port when that one is busy. Its log goes to {@code postgres.log} in the base folder.
 */
public final class DemoDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);

    /** The port the demo prefers, so its URL is the same on every start. */
    public static final int DEFAULT_PORT = 54329;
    /** The database that holds the demo data. */
    public static final String DATABASE = "partscope_demo";
    /** The superuser the demo connects as (trust authentication, local connections only). */
    public static final String USER = "postgres";
    /** Version of the demo data set; a demo loaded with another version is rebuilt. */
    public static final int DATA_VERSION = 1;

    private static final String HOST = "127.0.0.1";
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    private final Path baseDirectory;
    private final int preferredPort;

    /** Guards the server and the folder lock; never held during the (long) load, so close() can interrupt it. */
    private final Object stateLock = new Object();
    private FileChannel lockChannel;
    private FileLock lock;
    private EmbeddedPostgres server;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile int port;
    private volatile DemoInfo info;

    /** A demo in the given base folder, on port {@value #DEFAULT_PORT} when it is free. */
    public DemoDatabase(Path baseDirectory) {
        this(baseDirectory, DEFAULT_PORT);
    }

    /**
     * @param baseDirectory folder for the cluster ({@code pgdata}), its log and lock file; created when missing
     * @param preferredPort port to use when it is free (else any free port); 0 for any free port
     */
    public DemoDatabase(Path baseDirectory, int preferredPort) {
        if (preferredPort < 0 || preferredPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + preferredPort);
        }
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.preferredPort = preferredPort;
    }

    /**
     * The default base folder: {@code $XDG_DATA_HOME/partscope/demo}, or {@code ~/.local/share/partscope/demo}
     * when XDG_DATA_HOME is not set (or not absolute, as the XDG spec says to ignore it then).
     */
    public static Path defaultBaseDirectory(Environment environment) {
        Optional<Path> xdg = environment.get("XDG_DATA_HOME").map(Path::of).filter(Path::isAbsolute);
        Path dataHome = xdg.orElseGet(() -> environment.homeDir().resolve(".local").resolve("share"));
        return dataHome.resolve("partscope").resolve("demo");
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /** The cluster's data directory. */
    public Path dataDirectory() {
        return baseDirectory.resolve("pgdata");
    }

    /** The server's log file. */
    public Path logFile() {
        return baseDirectory.resolve("postgres.log");
    }

    /** True from a successful {@link #start} until {@link #close}. */
    public boolean isRunning() {
        return started && !closed && info != null;
    }

    /**
     * Starts the server and makes sure the demo data is there, loading it when needed. Blocks until the database
     * can be used; progress messages (one per step) go to {@code progress}, from this thread.
     *
     * @param reset wipe the cluster and load everything anew
     * @return what the demo data's marker says, and whether this start loaded it
     */
    public DemoInfo start(boolean reset, Consumer<String> progress) throws PartscopeException {
        synchronized (stateLock) {
            if (started || closed) {
                throw new IllegalStateException("a DemoDatabase starts once; make a new one to start again");
            }
            started = true;
        }
        Consumer<String> report = message -> {
            LOG.debug("demo: {}", message);
            progress.accept(message);
        };
        try {
            Files.createDirectories(baseDirectory);
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT,
                    "cannot create the demo folder " + baseDirectory + ": " + e.getMessage(), e);
        }
        acquireLock();
        try {
            stopOrphanedServer(report);
            if (reset && Files.exists(dataDirectory())) {
                report.accept("Wiping the demo cluster in " + dataDirectory());
                deleteRecursively(dataDirectory());
            }
            startServer(report);
            DemoInfo loaded = ensureData(reset, report);
            if (closed) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "the demo database was stopped while starting");
            }
            info = loaded;
            return loaded;
        } catch (PartscopeException | RuntimeException e) {
            if (closed) {
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "the demo database was stopped while starting",
                        e);
            }
            close();
            throw e;
        }
    }

    /** The port the server listens on (valid after {@link #start}). */
    public int port() {
        requireRunning();
        return port;
    }

    /** A libpq URI, e.g. {@code postgresql://postgres@127.0.0.1:54329/partscope_demo}. */
    public String url() {
        requireRunning();
        return "postgresql://" + USER + "@" + HOST + ":" + port + "/" + DATABASE;
    }

    /** Settings for the demo database (superuser, no password, no SSL). */
    public ConnectionSettings connectionSettings() {
        requireRunning();
        return new ConnectionSettings(HOST, port, DATABASE, USER, null, "disable", null, Map.of());
    }

    /** What the marker said at {@link #start}. */
    public DemoInfo info() {
        requireRunning();
        return info;
    }

    /**
     * Stops the server cleanly (fast shutdown) and releases the folder. Safe to call more than once and from
     * another thread (a shutdown hook) while {@link #start} is still loading: the load then fails and the next
     * start loads again.
     */
    @Override
    public void close() {
        synchronized (stateLock) {
            closed = true;
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    LOG.warn("could not stop the demo server cleanly: {}", e.getMessage());
                }
                server = null;
            }
            releaseLock();
        }
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("the demo database is not running");
        }
    }

    // ---- folder lock and left-over servers ----

    private void acquireLock() throws PartscopeException {
        Path lockFile = baseDirectory.resolve("demo.lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException e) {
            releaseLock();
            throw new PartscopeException(ErrorKind.INTERNAL, "cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            releaseLock();
            String where = readPostmasterPid().map(pid -> pid.port)
                    .map(p -> " at postgresql://" + USER + "@" + HOST + ":" + p + "/" + DATABASE).orElse("");
            throw new PartscopeException(ErrorKind.OPERATION_REFUSED,
                    "the demo database in " + baseDirectory + " is already running in another process" + where,
                    null, null, "connect to it, or stop the other 'partscope demo' first", null);
        }
    }

    private void releaseLock() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the demo lock: {}", e.getMessage());
        }
        lock = null;
        lockChannel = null;
    }

    private record PostmasterPid(long pid, Integer port) {
    }

    private Optional<PostmasterPid> readPostmasterPid() {
        Path pidFile = dataDirectory().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            Integer p = lines.size() > 3 ? Integer.valueOf(lines.get(3).trim()) : null;
            return Optional.of(new PostmasterPid(pid, p));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A server still running on our data directory while we hold the folder lock was left behind by a process
     * that was killed (the server outlives it). Stop it with a fast shutdown (SIGINT), so it can be started again.
     */
    private void stopOrphanedServer(Consumer<String> report) throws PartscopeException {
        Optional<PostmasterPid> pidFile = readPostmasterPid();
        if (pidFile.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pidFile.get().pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // a stale pid file: PostgreSQL removes it itself on start
        }
        boolean isPostgres = process.get().info().command()
                .map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
        if (!isPostgres) {
            LOG.info("demo: removing stale postmaster.pid (pid {} is not a postgres server)", pidFile.get().pid());
            try {
                Files.deleteIfExists(dataDirectory().resolve("postmaster.pid"));
            } catch (IOException e) {
                throw new PartscopeException(ErrorKind.INTERNAL, "cannot remove the stale postmaster.pid", e);
            }
            return;
        }
        report.accept("Stopping a demo server left running by an earlier process (pid " + pidFile.get().pid() + ")");
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pidFile.get().pid()))
                    .redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PartscopeException(ErrorKind.INTERNAL, "could not stop the demo server left running as pid "
                    + pidFile.get().pid() + ": " + e.getMessage(), null, null,
                    "stop that process, then start the demo again", e);
        }
    }

    // ---- server ----

    private void startServer(Consumer<String> report) throws PartscopeException {
        port = choosePort(report);
        boolean fresh = !Files.exists(dataDirectory().resolve("postgresql.conf"));
        report.accept(fresh ? "Creating a new PostgreSQL cluster in " + dataDirectory()
                : "Starting PostgreSQL on " + dataDirectory());
        rotateLog();
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile().toFile());
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("max_locks_per_transaction", "256")
                    // the address, not "localhost": a minimal root (debootstrap, some containers) has no /etc/hosts, and the
                    // server then refuses to start ("could not translate host name")
                    .setServerConfig("listen_addresses", HOST)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException e) {
            // zonky starts the server with pg_ctl and does not check its exit code: a failed start is a timeout
            throw new PartscopeException(ErrorKind.INTERNAL,
                    "could not start the embedded PostgreSQL: " + e.getMessage(), null, null,
                    "see the server log " + logFile() + "; 'partscope demo --reset' starts from a new cluster", e);
        }
        synchronized (stateLock) {
            server = pg;
            if (closed) {
                try {
                    pg.close();
                } catch (IOException e) {
                    LOG.warn("could not stop the demo server cleanly: {}", e.getMessage());
                }
                throw new PartscopeException(ErrorKind.QUERY_CANCELLED, "the demo database was stopped while starting");
            }
        }
        report.accept("PostgreSQL is up on port " + port);
    }

    private int choosePort(Consumer<String> report) throws PartscopeException {
        if (preferredPort != 0 && isFree(preferredPort)) {
            return preferredPort;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free = socket.getLocalPort();
            if (preferredPort != 0) {
                report.accept("Port " + preferredPort + " is in use; using port " + free);
            }
            return free;
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL, "no free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static boolean isFree(int candidate) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), candidate), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void rotateLog() {
        try {
            if (Files.exists(logFile()) && Files.size(logFile()) > LOG_ROTATE_BYTES) {
                Files.move(logFile(), baseDirectory.resolve("postgres.log.1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.debug("could not rotate {}: {}", logFile(), e.getMessage());
        }
    }

    // ---- data ----

    private Connection connect(String database) throws SQLException {
        ConnectionSettings settings = new ConnectionSettings(HOST, port, database, USER, null, "disable", null,
                Map.of());
        Properties p = settings.jdbcProperties();
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(settings.jdbcUrl(), p);
    }

    private DemoInfo ensureData(boolean reset, Consumer<String> report) throws PartscopeException {
        try {
            boolean exists;
            try (Connection c = connect("postgres");
                    PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists && !reset) {
                Optional<DemoInfo> marker = readMarker();
                if (marker.isPresent() && marker.get().dataVersion() == DATA_VERSION) {
                    report.accept("Reusing the demo data loaded at " + marker.get().loadedAt());
                    return marker.get();
                }
                report.accept(marker.isEmpty()
                        ? "The demo data is incomplete (an earlier load was interrupted): loading it again"
                        : "The demo data is from an older version (" + marker.get().dataVersion()
                                + "): loading it again");
            }
            return load(exists, report);
        } catch (SQLException e) {
            throw new PartscopeException(ErrorKind.INTERNAL, "could not load the demo data: " + e.getMessage(),
                    e.getSQLState(), null, "see the server log " + logFile(), e);
        }
    }

    private Optional<DemoInfo> readMarker() throws SQLException {
        try (Connection c = connect(DATABASE); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('partscope_demo.demo_info') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT data_version, loaded_at, load_ms, server_version"
                    + " FROM partscope_demo.demo_info ORDER BY loaded_at DESC LIMIT 1")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DemoInfo(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        Duration.ofMillis(rs.getLong(3)), rs.getString(4), false));
            }
        }
    }

    private DemoInfo load(boolean exists, Consumer<String> report) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            if (exists) {
                s.execute("DROP DATABASE " + DATABASE + " WITH (FORCE)");
            }
            s.execute("CREATE DATABASE " + DATABASE);
        }
        new DemoLoader(() -> connect(DATABASE), report).loadAll();
        long loadMs = (System.nanoTime() - start) / 1_000_000;
        // The marker comes last: a database without it was not loaded completely.
        try (Connection c = connect(DATABASE)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE partscope_demo.demo_info (data_version integer NOT NULL,"
                        + " loaded_at timestamptz NOT NULL, load_ms bigint NOT NULL, server_version text NOT NULL)");
                s.execute("COMMENT ON TABLE partscope_demo.demo_info IS"
                        + " 'Written last by the Partscope demo loader: its row says the demo data is complete'");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO partscope_demo.demo_info"
                    + " VALUES (?, now(), ?, current_setting('server_version')) RETURNING loaded_at, server_version")) {
                ps.setInt(1, DATA_VERSION);
                ps.setLong(2, loadMs);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    c.commit();
                    Instant loadedAt = rs.getTimestamp(1).toInstant();
                    report.accept(String.format(java.util.Locale.ROOT, "Demo data loaded in %.1f s", loadMs / 1000.0));
                    return new DemoInfo(DATA_VERSION, loadedAt, Duration.ofMillis(loadMs), rs.getString(2), true);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws PartscopeException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL, "cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
