package io.partscope.core.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.ServerInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operation journal: append-only JSON lines in {@code $XDG_STATE_HOME/partscope/journal.jsonl}, else
 * {@code ~/.local/state/partscope/journal.jsonl}. A run writes a started line (the plan) before its first step, a
 * line per step as it ends and a finished line (refused runs: the finished line only), all with one run id, so a
 * run whose process was killed is still there ({@link InterruptedRuns}). Each line is written with one write()
 * under an exclusive file lock, so several Partscope processes can append at once without interleaving. Lines
 * carry no password (see {@link JournalEntry}) but do carry data values (the LIST values of DEFAULT rows in a
 * split's SQL): the file is the owner's only (0600, its folder 0700), whatever the umask, and a looser existing
 * file is tightened.
 */
public final class Journal {
    public static final String FILE_NAME = "journal.jsonl";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * A FileLock belongs to the whole JVM: a second channel of this process asking for it throws
     * OverlappingFileLockException instead of waiting. Appends from this process (two tabs finishing at once)
     * therefore queue here first; the FileLock then keeps other processes out.
     */
    private static final Object IN_PROCESS = new Object();

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    /** The journal in the user's state folder. */
    public static Journal standard(Environment environment) {
        return new Journal(defaultFolder(environment).resolve(FILE_NAME));
    }

    /** {@code $XDG_STATE_HOME/partscope}, else {@code ~/.local/state/partscope}. */
    public static Path defaultFolder(Environment environment) {
        return environment.get("XDG_STATE_HOME").map(Path::of)
                .orElseGet(() -> environment.homeDir().resolve(".local").resolve("state"))
                .resolve("partscope");
    }

    public Path file() {
        return file;
    }

    /** Appends the outcome as one line (a finished run without a run id). */
    public void record(OperationOutcome outcome, ConnectionSettings settings, ServerInfo server)
            throws PartscopeException {
        append(JournalEntry.of(outcome, settings, server));
    }

    /** Says the user has seen interrupted run {@code runId}: {@link InterruptedRuns} no longer lists it. */
    public void acknowledge(String runId, String note) throws PartscopeException {
        append(JournalEntry.acknowledged(runId, note));
    }

    public void append(JournalEntry entry) throws PartscopeException {
        try {
            byte[] line = (MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                // Only the folder we made: ~/.local/state itself is not ours to change.
                ownerOnly(folder, FOLDER_MODE);
            }
            synchronized (IN_PROCESS) {
                try (FileChannel ch = open(); FileLock lock = ch.lock()) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    ch.force(false);
                }
            }
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL,
                    "could not write the operation journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the file for appending, created 0600. The mode given at creation is masked by the umask (which can only
     * take bits away), and an existing file may have been made by an older Partscope or by hand: either way it is
     * set to 0600 when any group or other bit is on.
     */
    private FileChannel open() throws IOException {
        FileChannel ch;
        if (posix()) {
            ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(FILE_MODE));
        } else {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        try {
            ownerOnly(file, FILE_MODE);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    private boolean posix() {
        Path folder = file.toAbsolutePath().getParent();
        return folder != null && Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null;
    }

    /** Sets {@code mode} when the path allows more than it (a POSIX file system; elsewhere nothing to do). */
    private static void ownerOnly(Path path, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (!mode.containsAll(view.readAttributes().permissions())) {
            view.setPermissions(mode);
        }
    }

    /**
     * The finished runs, oldest first (refused and executed runs, one entry each, as the journal held before runs
     * had started and step lines); none when the file does not exist. A damaged line is skipped.
     */
    public List<JournalEntry> read() throws PartscopeException {
        return lines().stream().filter(JournalEntry::endsRun).toList();
    }

    /** Every line, oldest first: started, step, finished and acknowledged lines, and old lines (finished runs). */
    public List<JournalEntry> lines() throws PartscopeException {
        List<JournalEntry> entries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(MAPPER.readValue(line, JournalEntry.class));
                } catch (IOException damaged) {
                    // A line cut by a crash mid-write: the others are still good.
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL,
                    "could not read the operation journal " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }
}
