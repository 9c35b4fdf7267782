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
import java.util.ArrayList;
import java.util.List;

/**
 * The operation journal: append-only JSON lines, one per operation outcome (refused and executed runs), in
 * {@code $XDG_STATE_HOME/partscope/journal.jsonl}, else {@code ~/.local/state/partscope/journal.jsonl}. Each line
 * is written with one write() under an exclusive file lock, so several Partscope processes can append at once
 * without interleaving. Lines carry no password (see {@link JournalEntry}).
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

    /** Appends the outcome as one line. */
    public void record(OperationOutcome outcome, ConnectionSettings settings, ServerInfo server)
            throws PartscopeException {
        append(JournalEntry.of(outcome, settings, server));
    }

    public void append(JournalEntry entry) throws PartscopeException {
        try {
            byte[] line = (MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            synchronized (IN_PROCESS) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
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

    /** Every entry, oldest first; none when the file does not exist. A damaged line is skipped. */
    public List<JournalEntry> read() throws PartscopeException {
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
