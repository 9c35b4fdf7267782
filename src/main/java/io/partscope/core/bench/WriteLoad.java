package io.partscope.core.bench;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A live load on a partition set, for the operation tests and benchmarks: N writer threads insert continuously into
 * the set (each on its own connection, autocommit, one row per statement with a unique id), one reader thread
 * queries it. Every committed id is recorded, every error (SQLSTATE and message), and the longest time a single
 * insert took (the <em>writer stall</em>: what a lock taken by an operation costs a writer).
 *
 * <p>Generic over the key: the caller gives the INSERT ({@link Builder#insert}: SQL with the id as first
 * parameter and a binder for the rest) or, simplest, the id and key columns and a {@link KeyGenerator}
 * ({@link Builder#into}). {@link #check} then proves that every committed id is present exactly once in the tables
 * given (the set, and a detached table where one was split off).
 *
 * <pre>{@code
 * WriteLoad load = WriteLoad.builder(settings)
 *         .into(new RelationName("sales", "orders"), "id", "ordered_at",
 *               KeyGenerator.timestamps(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")))
 *         .writers(2).start();
 * ... run the operation ...
 * WriteLoad.Summary s = load.stop();
 * WriteLoad.CheckResult r = WriteLoad.check(connection, "id", List.of(set), s);
 * }</pre>
 */
public final class WriteLoad implements AutoCloseable {

    /** Binds the parameters after the id (the id is parameter 1, already bound) for one insert. */
    @FunctionalInterface
    public interface RowBinder {
        void bind(PreparedStatement insert, long id, SplittableRandom random) throws SQLException;
    }

    /** A key for one row: a {@link Long}, {@link Integer}, {@link String}, {@link LocalDate}, {@link OffsetDateTime}... */
    @FunctionalInterface
    public interface KeyGenerator {
        Object key(long id, SplittableRandom random);

        /** Longs uniform over [from, to) for each range in turn: rows spread evenly over the ranges. */
        static KeyGenerator longs(long[]... ranges) {
            for (long[] r : ranges) {
                if (r.length != 2 || r[1] <= r[0]) {
                    throw new IllegalArgumentException("a range is {from, to} with from < to: " + Arrays.toString(r));
                }
            }
            return (id, rnd) -> {
                long[] r = ranges[(int) Math.floorMod(id, (long) ranges.length)];
                return r[0] + rnd.nextLong(r[1] - r[0]);
            };
        }

        /** Timestamps (timestamptz) uniform over [from, to) of each range in turn. */
        static KeyGenerator timestamps(Instant... fromTo) {
            if (fromTo.length == 0 || fromTo.length % 2 != 0) {
                throw new IllegalArgumentException("timestamps take pairs: from, to, from, to...");
            }
            return (id, rnd) -> {
                int pair = (int) Math.floorMod(id, (long) fromTo.length / 2);
                long from = fromTo[2 * pair].toEpochMilli();
                long to = fromTo[2 * pair + 1].toEpochMilli();
                return OffsetDateTime.ofInstant(Instant.ofEpochMilli(from + rnd.nextLong(Math.max(1, to - from))),
                        ZoneOffset.UTC);
            };
        }

        /** Dates uniform over [from, to) of each range in turn. */
        static KeyGenerator dates(LocalDate... fromTo) {
            if (fromTo.length == 0 || fromTo.length % 2 != 0) {
                throw new IllegalArgumentException("dates take pairs: from, to, from, to...");
            }
            return (id, rnd) -> {
                int pair = (int) Math.floorMod(id, (long) fromTo.length / 2);
                long from = fromTo[2 * pair].toEpochDay();
                long to = fromTo[2 * pair + 1].toEpochDay();
                return LocalDate.ofEpochDay(from + rnd.nextLong(Math.max(1, to - from)));
            };
        }

        /** One of the values, in turn (list partitioning). */
        static KeyGenerator oneOf(Object... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("oneOf needs at least one value");
            }
            return (id, rnd) -> values[(int) Math.floorMod(id, (long) values.length)];
        }
    }

    /** One failed statement of a writer or the reader. */
    public record LoadError(String thread, String sqlState, String message, Instant at) {
        @Override
        public String toString() {
            return thread + ": " + (sqlState == null ? "" : "[" + sqlState + "] ") + message;
        }
    }

    /**
     * What the load did.
     *
     * @param committedIds every id whose insert returned without error, sorted
     * @param longestStall the longest single insert (the statement and its commit)
     * @param longestRead  the longest single query of the reader
     */
    public record Summary(int writers, long[] committedIds, List<LoadError> writerErrors, Duration longestStall,
            Instant longestStallAt, long reads, List<LoadError> readerErrors, Duration longestRead,
            Duration duration) {
        public long inserts() {
            return committedIds.length;
        }

        /** One line for a test's or a benchmark's output. */
        public String describe() {
            return String.format(Locale.ROOT, "%d writers: %d rows committed in %.1f s, %d writer errors, longest"
                    + " writer stall %d ms; reader: %d queries, %d errors, longest %d ms", writers, inserts(),
                    duration.toMillis() / 1000.0, writerErrors.size(), longestStall.toMillis(), reads,
                    readerErrors.size(), longestRead.toMillis());
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * The outcome of {@link #check}.
     *
     * @param missing    committed ids found nowhere (up to 100)
     * @param duplicated committed ids found more than once (up to 100)
     */
    public record CheckResult(long checked, long missingCount, long duplicatedCount, List<Long> missing,
            List<Long> duplicated) {
        public boolean ok() {
            return missingCount == 0 && duplicatedCount == 0;
        }

        @Override
        public String toString() {
            return ok() ? "all " + checked + " committed ids present exactly once"
                    : checked + " committed ids checked: " + missingCount + " missing " + missing + ", "
                            + duplicatedCount + " duplicated " + duplicated;
        }
    }

    /** Configures a load; {@link #start()} starts it. */
    public static final class Builder {
        private final ConnectionSettings settings;
        private String insertSql;
        private RowBinder binder;
        private String readerSql;
        private int writers = 2;
        private long firstId = 1_000_000_000L;
        private Duration pause = Duration.ofMillis(1);
        private Duration readerPause = Duration.ofMillis(20);

        private Builder(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings);
        }

        /**
         * Inserts with {@code sql}: parameter 1 is the id (bound by the load), the rest are bound by {@code binder}.
         */
        public Builder insert(String sql, RowBinder binder) {
            this.insertSql = Objects.requireNonNull(sql);
            this.binder = Objects.requireNonNull(binder);
            return this;
        }

        /**
         * Inserts {@code (idColumn, keyColumn)} into {@code table}, the key from {@code keys}; the other columns take
         * their defaults. The reader counts the rows of the table (unless {@link #reader} says otherwise).
         */
        public Builder into(RelationName table, String idColumn, String keyColumn, KeyGenerator keys) {
            Objects.requireNonNull(keys);
            String q = Identifiers.qualified(table.schema(), table.name());
            this.insertSql = "INSERT INTO " + q + " (" + Identifiers.quote(idColumn) + ", "
                    + Identifiers.quote(keyColumn) + ") VALUES (?, ?)";
            this.binder = (ps, id, rnd) -> ps.setObject(2, keys.key(id, rnd));
            if (readerSql == null) {
                readerSql = "SELECT count(*) FROM " + q;
            }
            return this;
        }

        /** The reader's query, run over and over; null for no reader. */
        public Builder reader(String sql) {
            this.readerSql = sql;
            return this;
        }

        public Builder writers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("writers must be at least 1: " + n);
            }
            this.writers = n;
            return this;
        }

        /** The first id given out (ids then count up, shared by all writers); pick one above the existing ids. */
        public Builder firstId(long id) {
            this.firstId = id;
            return this;
        }

        /** A writer's pause between two inserts (default 1 ms; zero for flat out). */
        public Builder pause(Duration d) {
            this.pause = Objects.requireNonNull(d);
            return this;
        }

        public Builder readerPause(Duration d) {
            this.readerPause = Objects.requireNonNull(d);
            return this;
        }

        /**
         * Opens the connections (a failure to connect is thrown here, before any thread runs) and starts the
         * threads; returns once every writer has committed its first row or failed on it.
         */
        public WriteLoad start() throws SQLException {
            if (insertSql == null) {
                throw new IllegalStateException("no insert given: call insert() or into()");
            }
            WriteLoad load = new WriteLoad(this);
            load.begin();
            return load;
        }
    }

    public static Builder builder(ConnectionSettings settings) {
        return new Builder(settings);
    }

    private final Builder config;
    private final AtomicLong nextId;
    private final List<Writer> writerList = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<LoadError> readerErrors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong longestReadNanos = new AtomicLong();
    private volatile boolean running;
    private long startNanos;
    private Summary summary;

    private WriteLoad(Builder config) {
        this.config = config;
        this.nextId = new AtomicLong(config.firstId);
    }

    private Connection connect() throws SQLException {
        Properties p = config.settings.jdbcProperties();
        p.setProperty("ApplicationName", "partscope-writeload");
        Connection c = DriverManager.getConnection(config.settings.jdbcUrl(), p);
        c.setAutoCommit(true);
        return c;
    }

    private void begin() throws SQLException {
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < config.writers; i++) {
                opened.add(connect());
            }
            if (config.readerSql != null) {
                opened.add(connect());
            }
        } catch (SQLException e) {
            for (Connection c : opened) {
                c.close();
            }
            throw e;
        }
        running = true;
        startNanos = System.nanoTime();
        CountDownLatch firstRows = new CountDownLatch(config.writers);
        for (int i = 0; i < config.writers; i++) {
            Writer w = new Writer("writer-" + (i + 1), opened.get(i), new SplittableRandom(31L * i + 7), firstRows);
            writerList.add(w);
            Thread t = new Thread(w, "partscope-" + w.name);
            t.setDaemon(true);
            threads.add(t);
        }
        if (config.readerSql != null) {
            Connection rc = opened.get(config.writers);
            Thread t = new Thread(() -> readLoop(rc), "partscope-reader");
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        try {
            firstRows.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rows committed so far (all writers). */
    public long committedSoFar() {
        long n = 0;
        for (Writer w : writerList) {
            n += w.count;
        }
        return n;
    }

    /** Queries the reader completed so far. */
    public long readsSoFar() {
        return reads.get();
    }

    /** Blocks until at least {@code rows} more rows are committed than now (or the timeout passes). */
    public void awaitMoreRows(long rows, Duration timeout) throws InterruptedException {
        long target = committedSoFar() + rows;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committedSoFar() < target && System.nanoTime() < deadline && running) {
            Thread.sleep(5);
        }
    }

    /** Stops every thread (each finishes its statement), closes the connections and says what the load did. */
    public synchronized Summary stop() {
        if (summary != null) {
            return summary;
        }
        running = false;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.MINUTES.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        int total = 0;
        for (Writer w : writerList) {
            total += w.count;
        }
        long[] ids = new long[total];
        int at = 0;
        long stall = 0;
        Instant stallAt = null;
        List<LoadError> errors = new ArrayList<>();
        for (Writer w : writerList) {
            System.arraycopy(w.ids, 0, ids, at, w.count);
            at += w.count;
            if (w.longestNanos > stall) {
                stall = w.longestNanos;
                stallAt = w.longestAt;
            }
            errors.addAll(w.errors);
        }
        Arrays.sort(ids);
        summary = new Summary(config.writers, ids, List.copyOf(errors), Duration.ofNanos(stall), stallAt, reads.get(),
                List.copyOf(readerErrors), Duration.ofNanos(longestReadNanos.get()), duration);
        return summary;
    }

    @Override
    public void close() {
        stop();
    }

    private final class Writer implements Runnable {
        final String name;
        final Connection connection;
        final SplittableRandom random;
        final CountDownLatch first;
        final List<LoadError> errors = new ArrayList<>();
        long[] ids = new long[4096];
        volatile int count;
        long longestNanos;
        Instant longestAt;

        Writer(String name, Connection connection, SplittableRandom random, CountDownLatch first) {
            this.name = name;
            this.connection = connection;
            this.random = random;
            this.first = first;
        }

        @Override
        public void run() {
            boolean counted = false;
            try (connection; PreparedStatement ps = connection.prepareStatement(config.insertSql)) {
                while (running) {
                    long id = nextId.getAndIncrement();
                    long t0 = System.nanoTime();
                    try {
                        ps.setLong(1, id);
                        config.binder.bind(ps, id, random);
                        ps.executeUpdate();
                        long took = System.nanoTime() - t0;
                        if (took > longestNanos) {
                            longestNanos = took;
                            longestAt = Instant.now();
                        }
                        if (count == ids.length) {
                            ids = Arrays.copyOf(ids, ids.length * 2);
                        }
                        ids[count] = id;
                        count = count + 1;
                    } catch (SQLException e) {
                        long took = System.nanoTime() - t0;
                        longestNanos = Math.max(longestNanos, took);
                        errors.add(new LoadError(name, e.getSQLState(), e.getMessage(), Instant.now()));
                        if (connection.isClosed() || !connection.isValid(5)) {
                            return;
                        }
                    }
                    if (!counted) {
                        counted = true;
                        first.countDown();
                    }
                    pause(config.pause);
                }
            } catch (SQLException e) {
                errors.add(new LoadError(name, e.getSQLState(), e.getMessage(), Instant.now()));
            } catch (RuntimeException e) {
                errors.add(new LoadError(name, null, e.toString(), Instant.now()));
            } finally {
                if (!counted) {
                    first.countDown();
                }
            }
        }
    }

    private void readLoop(Connection connection) {
        try (connection; Statement s = connection.createStatement()) {
            while (running) {
                long t0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery(config.readerSql)) {
                    while (rs.next()) {
                        // read it all, as a client would
                    }
                    reads.incrementAndGet();
                } catch (SQLException e) {
                    readerErrors.add(new LoadError("reader", e.getSQLState(), e.getMessage(), Instant.now()));
                    if (connection.isClosed() || !connection.isValid(5)) {
                        return;
                    }
                }
                long took = System.nanoTime() - t0;
                longestReadNanos.accumulateAndGet(took, Math::max);
                pause(config.readerPause);
            }
        } catch (SQLException e) {
            readerErrors.add(new LoadError("reader", e.getSQLState(), e.getMessage(), Instant.now()));
        }
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Verifies that every id the load committed is present exactly once in the union of {@code tables} (the set's
     * root, which reads all its partitions, and for example a table detached from it), looking at column
     * {@code idColumn} (bigint-compatible). Rows other than the load's ids are ignored.
     */
    public static CheckResult check(Connection connection, String idColumn, List<RelationName> tables,
            Summary summary) throws SQLException {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables to look in");
        }
        String id = Identifiers.quote(idColumn);
        String union = tables.stream()
                .map(t -> "SELECT " + id + "::bigint AS id FROM " + Identifiers.qualified(t.schema(), t.name()))
                .collect(Collectors.joining(" UNION ALL "));
        String sql = "SELECT c.id, count(t.id) AS n FROM unnest(?::bigint[]) AS c(id) LEFT JOIN (" + union
                + ") t ON t.id = c.id GROUP BY c.id HAVING count(t.id) <> 1 ORDER BY c.id";
        Long[] boxed = new Long[summary.committedIds().length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = summary.committedIds()[i];
        }
        long missing = 0;
        long duplicated = 0;
        List<Long> missingIds = new ArrayList<>();
        List<Long> duplicatedIds = new ArrayList<>();
        AtomicReference<Array> array = new AtomicReference<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            array.set(connection.createArrayOf("bigint", boxed));
            ps.setArray(1, array.get());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(2);
                    if (n == 0) {
                        missing++;
                        if (missingIds.size() < 100) {
                            missingIds.add(rs.getLong(1));
                        }
                    } else {
                        duplicated++;
                        if (duplicatedIds.size() < 100) {
                            duplicatedIds.add(rs.getLong(1));
                        }
                    }
                }
            }
        } finally {
            if (array.get() != null) {
                array.get().free();
            }
        }
        return new CheckResult(boxed.length, missing, duplicated, List.copyOf(missingIds),
                List.copyOf(duplicatedIds));
    }
}
