package io.partscope.core.ops;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Database;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the journal shows as started and never finished, whose process is gone (killed, crashed, the machine
 * restarted): with what the catalog says about the target now, and how to finish (the command or the SQL). A run
 * whose process still lives is running, not interrupted; one the user dismissed ({@code acknowledged} line) is not
 * shown again.
 *
 * <p>"Gone": on this machine, no process with that pid, or one started at another time (the pid was reused). On
 * another machine we cannot look; there the run counts as gone once its server session has ended.
 */
public final class InterruptedRuns {
    /** A run with a started line and no finished line, and its step lines. */
    public record Run(JournalEntry started, Map<Integer, JournalEntry.StepRecord> stepsDone) {
        public String runId() {
            return started.runId();
        }

        public int stepCount() {
            return started.steps().size();
        }

        /** The first step without a step line: the one running when the process ended (-1: every step ended). */
        public int runningStep() {
            for (int i = 0; i < stepCount(); i++) {
                if (!stepsDone.containsKey(i)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * An interrupted run as the user sees it.
     *
     * @param steps one line: which steps are done, which one was running, which did not run
     * @param state what the catalog says now, a sentence each
     * @param next what to do, in order: commands ({@code partscope ...}) and SQL to paste
     */
    public record Report(Run run, String title, String steps, List<String> state, List<String> next,
            String dismiss) {
        public Report {
            state = List.copyOf(state);
            next = List.copyOf(next);
        }

        /** Everything as plain text, for the CLI and the app's copyable notice. */
        public String text() {
            StringBuilder b = new StringBuilder(title).append('\n');
            b.append("  Steps: ").append(steps).append('\n');
            for (String s : state) {
                b.append("  Now: ").append(s).append('\n');
            }
            if (!next.isEmpty()) {
                b.append("  To finish:\n");
                for (String n : next) {
                    b.append("    ").append(n).append('\n');
                }
            }
            b.append("  Dismiss it: ").append(dismiss).append('\n');
            return b.toString();
        }
    }

    private static final String QUOTED = "\"(?:[^\"]|\"\")*\"";
    private static final String QNAME = QUOTED + "\\." + QUOTED;
    private static final Pattern DETACH = Pattern.compile("^ALTER TABLE (" + QNAME + ") DETACH PARTITION (" + QNAME
            + ")( CONCURRENTLY)?");
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE (?:UNLOGGED )?TABLE (" + QNAME + ")");
    private static final Pattern VACUUM = Pattern.compile("^VACUUM (?:\\([^)]*\\) )?(" + QNAME + ")$");
    private static final Pattern RENAME = Pattern.compile(" RENAME TO (" + QUOTED + ")$");
    private static final Pattern SET_SCHEMA = Pattern.compile(" SET SCHEMA (" + QUOTED + ")$");

    private InterruptedRuns() {
    }

    /** The interrupted runs on this server and database, oldest first, each with its state and advice. */
    public static List<Report> read(Database db, Journal journal) throws PartscopeException {
        return read(db, journal, InterruptedRuns::processAlive);
    }

    static List<Report> read(Database db, Journal journal, Predicate<JournalEntry.RunProcess> alive)
            throws PartscopeException {
        List<Run> candidates = unfinished(journal.lines(), db.settings(), db.server());
        if (candidates.isEmpty()) {
            return List.of();
        }
        return db.readOnlySnapshot(null, c -> {
            List<Report> out = new ArrayList<>();
            for (Run run : candidates) {
                JournalEntry.RunProcess p = run.started().process();
                boolean here = p != null && Objects.equals(p.host(), LocalHost.name());
                Backend backend = backend(c, run.started());
                boolean gone = here ? !alive.test(p) : backend == null;
                if (gone) {
                    out.add(describe(c, db.server(), run, backend));
                }
            }
            return out;
        });
    }

    /**
     * The runs on this server and database with a started line, no finished line and no acknowledged line, oldest
     * first, whatever their process does.
     */
    static List<Run> unfinished(List<JournalEntry> lines, ConnectionSettings settings, ServerInfo server) {
        Map<String, JournalEntry> started = new LinkedHashMap<>();
        Map<String, Map<Integer, JournalEntry.StepRecord>> steps = new HashMap<>();
        Set<String> closed = new HashSet<>();
        for (JournalEntry e : lines) {
            if (e.runId() == null) {
                continue;
            }
            switch (e.type() == null ? JournalEntry.FINISHED : e.type()) {
                case JournalEntry.STARTED -> started.put(e.runId(), e);
                case JournalEntry.STEP -> {
                    if (e.stepIndex() != null && !e.steps().isEmpty()) {
                        steps.computeIfAbsent(e.runId(), k -> new HashMap<>()).put(e.stepIndex(), e.steps().get(0));
                    }
                }
                default -> closed.add(e.runId());
            }
        }
        String database = server == null ? settings.database() : server.database();
        List<Run> out = new ArrayList<>();
        for (JournalEntry s : started.values()) {
            if (closed.contains(s.runId()) || !Objects.equals(s.host(), settings.host()) || s.port() != settings.port()
                    || !Objects.equals(s.database(), database)) {
                continue;
            }
            out.add(new Run(s, steps.getOrDefault(s.runId(), Map.of())));
        }
        return out;
    }

    /**
     * For a lock refusal: what the journal says about the run that holds the lock of the set with this root, e.g.
     * "partscope split-default of public.events started 2026-12-03 08:40:01 UTC by process 4242 on host db-admin".
     */
    static Optional<String> runningNote(List<JournalEntry> lines, ConnectionSettings settings, ServerInfo server,
            String root) {
        List<Run> runs = unfinished(lines, settings, server);
        for (int i = runs.size() - 1; i >= 0; i--) {
            JournalEntry s = runs.get(i).started();
            if (root.equals(s.partitionSet())) {
                JournalEntry.RunProcess p = s.process();
                return Optional.of("the journal has " + s.kind() + " of " + s.target() + " started "
                        + OperationLock.TIME.format(s.started()) + (p == null ? ""
                                : " by process " + p.pid() + " on host " + p.host()));
            }
        }
        return Optional.empty();
    }

    /** Whether the process that started a run still runs (this machine only). */
    static boolean processAlive(JournalEntry.RunProcess p) {
        Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = h.get().info().startInstant();
        if (p.processStart() == null || start.isEmpty()) {
            return true;
        }
        // The same process reports the same start; a reused pid started later. A second covers the rounding.
        return Duration.between(p.processStart(), start.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
    }

    /** The run's server session when it still exists (same pid, same start). */
    private record Backend(int pid, String state, String query) {
    }

    private static Backend backend(Connection c, JournalEntry started) throws SQLException {
        if (started.serverPid() == null) {
            return null;
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT state, query, backend_start FROM pg_stat_activity WHERE pid = ?")) {
            p.setInt(1, started.serverPid());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                java.sql.Timestamp t = rs.getTimestamp(3);
                if (started.serverBackendStart() != null && t != null
                        && !t.toInstant().equals(started.serverBackendStart())) {
                    return null;
                }
                return new Backend(started.serverPid(), rs.getString(1), rs.getString(2));
            }
        }
    }

    private static Report describe(Connection c, ServerInfo server, Run run, Backend backend) throws SQLException {
        JournalEntry s = run.started();
        JournalEntry.RunProcess p = s.process();
        String title = "Interrupted: " + s.kind() + " of " + s.target() + ", started "
                + OperationLock.TIME.format(s.started()) + (p == null ? "" : " by process " + p.pid() + " on host "
                        + p.host()) + " (run " + s.runId() + ")";
        List<String> state = new ArrayList<>();
        List<String> next = new ArrayList<>();
        if (backend != null) {
            state.add("its server session (pid " + backend.pid() + ") is still there, " + backend.state()
                    + (backend.query() == null || "idle".equals(backend.state()) ? ""
                            : ": " + oneLine(backend.query()))
                    + "; the server finishes the statement it was running, and the session holds the set's operation"
                    + " lock until it ends");
            next.add("-- wait for server pid " + backend.pid() + " to end, or stop it: SELECT pg_cancel_backend("
                    + backend.pid() + ");");
        }
        switch (s.kind() == null ? "" : s.kind()) {
            case "detach" -> detach(c, server, run, state, next);
            case "finalize" -> finalizeRun(c, server, run, state, next);
            case "split-default" -> split(c, run, state, next);
            case "freeze" -> freeze(c, run, state, next);
            case "create" -> create(c, run, state, next);
            default -> {
                List<String> left = remainingSql(run);
                if (!left.isEmpty()) {
                    next.add("-- the steps that did not end, as planned:");
                    next.addAll(left);
                }
            }
        }
        String dismiss = CommandLineText.partscope("op", "interrupted", "--url", "URL", "--dismiss", s.runId());
        return new Report(run, title, stepsText(run), state, next, dismiss);
    }

    static String stepsText(Run run) {
        int n = run.stepCount();
        int running = run.runningStep();
        long done = run.stepsDone().values().stream().filter(r -> "done".equals(r.status())).count();
        StringBuilder b = new StringBuilder();
        b.append(done).append(" of ").append(n).append(n == 1 ? " step done" : " steps done");
        if (running < 0) {
            b.append("; the process ended after the last step (during the verification)");
        } else {
            b.append("; step ").append(running + 1).append(" (").append(run.started().steps().get(running).title())
                    .append(") was running when the process ended");
            if (running + 1 < n) {
                b.append("; ").append(running + 2 == n ? "step " + n + " did not run"
                        : "steps " + (running + 2) + "-" + n + " did not run");
            }
        }
        return b.toString();
    }

    /** The SQL of the steps from the running one on (each a transaction when the step was one). */
    private static List<String> remainingSql(Run run) {
        List<String> out = new ArrayList<>();
        int from = run.runningStep();
        if (from < 0) {
            return out;
        }
        for (int i = from; i < run.stepCount(); i++) {
            JournalEntry.StepRecord step = run.started().steps().get(i);
            List<String> sql = step.statements().stream().map(JournalEntry.StatementRecord::sql).toList();
            if (sql.size() > 1) {
                out.add("BEGIN;");
                sql.forEach(q -> out.add(q + ";"));
                out.add("COMMIT;");
            } else {
                sql.forEach(q -> out.add(q + ";"));
            }
        }
        return out;
    }

    /** The command that runs the operation again: as the CLI ran it, else the one the journal can rebuild. */
    private static String rerun(Run run, List<String> fallback, boolean dryRun) {
        List<String> words = new ArrayList<>();
        JournalEntry.RunOptions o = run.started().options();
        List<String> args = o != null && o.command() != null && o.command().size() >= 2 ? o.command() : fallback;
        words.addAll(args.subList(0, 2));
        words.add("--url");
        words.add("URL");
        words.addAll(args.subList(2, args.size()));
        words.add(dryRun ? "--dry-run" : "--yes");
        return CommandLineText.partscope(words.toArray(String[]::new));
    }

    // ---------------------------------------------------------------------------------------------- per kind

    private static void detach(Connection c, ServerInfo server, Run run, List<String> state, List<String> next)
            throws SQLException {
        JournalEntry s = run.started();
        Matcher m = s.steps().isEmpty() ? null : DETACH.matcher(sql(s, 0));
        if (m == null || !m.find()) {
            next.addAll(remainingSql(run));
            return;
        }
        String parentSql = m.group(1);
        String partSql = m.group(2);
        boolean concurrently = m.group(3) != null;
        String parent = display(parentSql);
        String part = display(partSql);
        List<String> aftermathSql = new ArrayList<>();
        List<String> fallback = new ArrayList<>(List.of("op", "detach", "--partition", part));
        if (concurrently) {
            fallback.add("--concurrently");
        }
        for (int i = 1; i < s.steps().size(); i++) {
            for (JournalEntry.StatementRecord st : s.steps().get(i).statements()) {
                Matcher r = RENAME.matcher(st.sql());
                Matcher a = SET_SCHEMA.matcher(st.sql());
                if (r.find()) {
                    fallback.addAll(List.of("--then", "rename:" + r.group(1)));
                } else if (a.find()) {
                    fallback.addAll(List.of("--then", "archive:" + a.group(1)));
                } else if (st.sql().startsWith("DROP TABLE")) {
                    fallback.addAll(List.of("--then", "drop"));
                }
            }
        }
        Relation rel = relation(c, server, partSql);
        boolean aftermathDone = true;
        for (int i = 1; i < s.steps().size(); i++) {
            JournalEntry.StepRecord done = run.stepsDone().get(i);
            if (done == null || !"done".equals(done.status())) {
                aftermathDone = false;
                List<String> sql = s.steps().get(i).statements().stream().map(JournalEntry.StatementRecord::sql)
                        .toList();
                if (sql.size() > 1) {
                    aftermathSql.add("BEGIN;");
                    sql.forEach(q -> aftermathSql.add(q + ";"));
                    aftermathSql.add("COMMIT;");
                } else {
                    sql.forEach(q -> aftermathSql.add(q + ";"));
                }
            }
        }
        if (rel == null) {
            state.add(part + " no longer exists under that name: it was detached and "
                    + (s.steps().size() > 1 ? "the step after the detach (" + s.steps().get(1).title() + ") was done"
                            : "renamed, moved or dropped since"));
            next.add("-- nothing left to do");
            return;
        }
        if (rel.pending()) {
            state.add(part + " is PENDING DETACH from " + rel.parent() + ": queries through the parent no longer see"
                    + " it and inserts into its range fail");
            next.add(CommandLineText.partscope("op", "finalize", "--url", "URL", "--table", parent, "--yes"));
            if (!aftermathSql.isEmpty()) {
                next.add("-- then what the run was to do with the detached table:");
                next.addAll(aftermathSql);
            }
        } else if (rel.parent() != null) {
            state.add(part + " is still attached to " + rel.parent() + ": nothing was detached");
            next.add(rerun(run, fallback, false));
        } else {
            state.add(part + " is detached from " + parent + (aftermathDone ? "" : "; "
                    + s.steps().get(1).title() + " was not done"));
            if (aftermathDone) {
                next.add("-- nothing left to do");
            } else {
                next.addAll(aftermathSql);
            }
        }
    }

    private static void finalizeRun(Connection c, ServerInfo server, Run run, List<String> state, List<String> next)
            throws SQLException {
        String parentSql = run.started().target();
        List<String> pending = server.atLeast(14) ? names(c, "SELECT " + QUALIFIED_CHILD + " FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE i.inhparent = to_regclass(?) AND i.inhdetachpending", parentSql) : List.of();
        if (pending.isEmpty()) {
            state.add("no detach is pending on " + parentSql + ": the finalize was done");
            next.add("-- nothing left to do");
        } else {
            state.add(String.join(", ", pending) + " is still PENDING DETACH from " + parentSql);
            next.add(CommandLineText.partscope("op", "finalize", "--url", "URL", "--table", parentSql, "--yes"));
        }
    }

    private static void split(Connection c, Run run, List<String> state, List<String> next) throws SQLException {
        String set = run.started().target();
        List<String> attached = new ArrayList<>();
        List<String> standalone = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String table : createdTables(run)) {
            String parent = parentOf(c, table);
            String name = display(table);
            if (parent == null && !exists(c, table)) {
                missing.add(name);
            } else if (parent == null) {
                standalone.add(name);
            } else {
                attached.add(name);
            }
        }
        if (!attached.isEmpty()) {
            state.add("new partitions attached to " + set + ": " + String.join(", ", attached));
        }
        if (!standalone.isEmpty()) {
            state.add("created but not attached (copies made ahead; their rows are still in the DEFAULT, and the"
                    + " rerun drops and makes them again): " + String.join(", ", standalone));
        }
        if (!missing.isEmpty()) {
            state.add("not created: " + String.join(", ", missing));
        }
        try (PreparedStatement p = c.prepareStatement("SELECT " + QUALIFIED_CHILD + ", c.reltuples::bigint"
                + " FROM pg_partitioned_table t JOIN pg_class c ON c.oid = t.partdefid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.partrelid = to_regclass(?)")) {
            p.setString(1, set);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    state.add("the DEFAULT partition " + rs.getString(1) + " holds "
                            + (rs.getLong(2) < 0 ? "an unknown number of rows (never analysed)"
                                    : "about " + rs.getLong(2) + " rows (pg_class.reltuples)")
                            + "; rows not moved stay there, nothing is lost");
                }
            }
        }
        if (missing.isEmpty() && standalone.isEmpty() && run.runningStep() < 0) {
            next.add("-- every planned partition is attached; to check what the DEFAULT still holds:");
            next.add(rerun(run, List.of("op", "split-default", "--table", set), true));
        } else {
            next.add("-- plan the split again from what the DEFAULT holds now (--dry-run shows it), then run it:");
            next.add(rerun(run, List.of("op", "split-default", "--table", set), true));
            next.add(rerun(run, List.of("op", "split-default", "--table", set), false));
        }
    }

    private static void freeze(Connection c, Run run, List<String> state, List<String> next) throws SQLException {
        JournalEntry s = run.started();
        List<String> left = new ArrayList<>();
        List<String> leftSql = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        int frozen = 0;
        for (int i = 0; i < s.steps().size(); i++) {
            Matcher m = VACUUM.matcher(sql(s, i));
            if (!m.find()) {
                continue;
            }
            JournalEntry.StepRecord done = run.stepsDone().get(i);
            if (done != null && "done".equals(done.status())) {
                frozen++;
                continue;
            }
            Long age = xidAge(c, m.group(1));
            if (age == null) {
                continue;
            }
            left.add(display(m.group(1)) + " (XID age " + age + ")");
            leftSql.add(sql(s, i) + ";");
            lowest = Math.min(lowest, age);
        }
        state.add(frozen + " of " + s.steps().size() + " chosen partitions were frozen");
        if (left.isEmpty()) {
            next.add("-- nothing left to do");
            return;
        }
        state.add("not frozen by this run: " + String.join(", ", left));
        next.add("-- run it again (it chooses by the same rule), or VACUUM the rest:");
        next.add(rerun(run, List.of("op", "freeze", "--table", s.target(), "--min-age", Long.toString(lowest)),
                false));
        next.addAll(leftSql);
    }

    private static void create(Connection c, Run run, List<String> state, List<String> next) throws SQLException {
        String set = run.started().target();
        List<String> there = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String table : createdTables(run)) {
            (parentOf(c, table) != null ? there : missing).add(display(table));
        }
        if (!there.isEmpty()) {
            state.add("partitions of " + set + " that exist: " + String.join(", ", there));
        }
        if (missing.isEmpty()) {
            state.add("every planned partition exists");
            next.add("-- nothing left to do");
            return;
        }
        state.add("not created: " + String.join(", ", missing));
        JournalEntry.RunOptions o = run.started().options();
        if (o != null && o.command() != null) {
            next.add(rerun(run, List.of(), true));
            next.add(rerun(run, List.of(), false));
        } else {
            next.add("-- create them again with the Create partitions wizard on " + set + ", or run the rest as"
                    + " planned:");
            next.addAll(remainingSql(run));
        }
    }

    // ---------------------------------------------------------------------------------------------- catalog

    /** {@code quote_ident(schema).quote_ident(name)} of pg_class c / pg_namespace n: always qualified. */
    private static final String QUALIFIED_CHILD = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";

    private record Relation(String parent, boolean pending) {
    }

    private static Relation relation(Connection c, ServerInfo server, String table) throws SQLException {
        String pending = server.atLeast(14) ? "i.inhdetachpending" : "false";
        try (PreparedStatement p = c.prepareStatement("SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), "
                + pending + " FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid"
                + " LEFT JOIN pg_class pc ON pc.oid = i.inhparent LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
                + " WHERE c.oid = to_regclass(?)")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String parent = rs.getString(1);
                return new Relation(parent, parent != null && rs.getBoolean(2));
            }
        }
    }

    private static String parentOf(Connection c, String table) throws SQLException {
        List<String> p = names(c, "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhparent JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE i.inhrelid = to_regclass(?)", table);
        return p.isEmpty() ? null : p.get(0);
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        return !names(c, "SELECT 'x' WHERE to_regclass(?) IS NOT NULL", table).isEmpty();
    }

    private static Long xidAge(Connection c, String table) throws SQLException {
        List<String> a = names(c, "SELECT age(relfrozenxid)::text FROM pg_class WHERE oid = to_regclass(?)", table);
        return a.isEmpty() || a.get(0) == null ? null : Long.parseLong(a.get(0));
    }

    private static List<String> names(Connection c, String sql, String arg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The tables the run's steps create (CREATE TABLE "s"."t" ...), in step order, each once. */
    private static List<String> createdTables(Run run) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (JournalEntry.StepRecord step : run.started().steps()) {
            for (JournalEntry.StatementRecord st : step.statements()) {
                Matcher m = CREATE_TABLE.matcher(st.sql());
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return List.copyOf(out);
    }

    private static String sql(JournalEntry started, int step) {
        List<JournalEntry.StatementRecord> st = started.steps().get(step).statements();
        return st.isEmpty() ? "" : st.get(0).sql();
    }

    /** {@code "public"."events"} as people read it: {@code public.events}. */
    private static String display(String quotedQualified) {
        List<String> parts = Identifiers.parse(quotedQualified);
        return parts.size() == 2 ? new RelationName(parts.get(0), parts.get(1)).qualified() : quotedQualified;
    }

    private static String oneLine(String sql) {
        String q = sql.strip().replaceAll("\\s+", " ");
        return q.length() > 160 ? q.substring(0, 157) + "..." : q;
    }
}
