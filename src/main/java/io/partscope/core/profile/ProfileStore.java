package io.partscope.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved connection profiles: one JSON file in the user's config folder ({@code $XDG_CONFIG_HOME/partscope}, else
 * {@code ~/.config/partscope}). Writes are atomic (a temporary file in the same folder, then a rename), so a crash
 * never leaves half a file. A file that cannot be read is copied to a {@code .bak} before the error is reported,
 * so saving afterwards cannot lose what the user had. Profiles have no password field, so none is ever written.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

    public static final String FILE_NAME = "connections.json";
    /** Written into the file, so a later version can read (or refuse) an older layout knowingly. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A file written by a newer Partscope still opens; the unknown fields are dropped on the next save.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A profile without "read_only" (a hand edit) is refused, not taken as writable: it may be production.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The file's layout. */
    record StoredProfiles(int format, List<ConnectionProfile> profiles) {
        StoredProfiles {
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
        }
    }

    /** Runs between writing the temporary file and moving it in place; tests use it to fail a save half-way. */
    @FunctionalInterface
    interface BeforeReplace {
        void run(Path written) throws IOException;
    }

    private final Path folder;
    private final BeforeReplace beforeReplace;

    /** @param folder the folder holding {@value #FILE_NAME}; created on the first save */
    public ProfileStore(Path folder) {
        this(folder, written -> { });
    }

    ProfileStore(Path folder, BeforeReplace beforeReplace) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.beforeReplace = beforeReplace;
    }

    /** The store in the user's config folder. */
    public static ProfileStore standard(Environment environment) {
        return new ProfileStore(defaultFolder(environment));
    }

    /** {@code $XDG_CONFIG_HOME/partscope}, else {@code ~/.config/partscope}. */
    public static Path defaultFolder(Environment environment) {
        return environment.get("XDG_CONFIG_HOME").map(Path::of)
                .orElseGet(() -> environment.homeDir().resolve(".config"))
                .resolve("partscope");
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    /**
     * All saved profiles, in the saved order; none when the file does not exist yet.
     *
     * @throws PartscopeException BAD_INPUT naming the file when it cannot be read or parsed; a copy of it is kept
     *                            next to it as {@code connections.json.bak} (or {@code .bak.N})
     */
    public List<ConnectionProfile> load() throws PartscopeException {
        Path file = file();
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            StoredProfiles stored = MAPPER.readValue(file.toFile(), StoredProfiles.class);
            if (stored == null) {
                throw new IOException("the file is empty");
            }
            if (stored.format() > FORMAT) {
                LOG.warn("{} was written by a newer Partscope (format {}); reading what this version knows", file,
                        stored.format());
            }
            return stored.profiles();
        } catch (IOException | RuntimeException e) {
            Path backup = keepCopy(file);
            throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read the saved connections in " + file + ": "
                    + describe(e), null, backup == null ? "The file could not be copied aside either."
                            : "A copy of it was kept in " + backup + ".",
                    "Fix the file, or delete it to start with no saved connections; saving connections replaces it.",
                    e);
        }
    }

    /**
     * The saved profile with this name (as the connection manager shows it), for {@code --profile}.
     *
     * @throws PartscopeException BAD_INPUT naming the file and the saved names when none has this name
     */
    public ConnectionProfile named(String name) throws PartscopeException {
        List<ConnectionProfile> profiles = load();
        for (ConnectionProfile p : profiles) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        String known = profiles.isEmpty() ? "there are no saved connections in " + file()
                : "the saved connections in " + file() + " are: " + String.join(", ", profiles.stream()
                        .map(p -> "\"" + p.name() + "\"").toList());
        throw new PartscopeException(ErrorKind.BAD_INPUT, "no saved connection named \"" + name + "\"", null,
                known, "Save connections in the app (Connections…); the name must match exactly, capitals included.",
                null);
    }

    /** Replaces the saved profiles with these, atomically. */
    public void save(List<ConnectionProfile> profiles) throws PartscopeException {
        Path file = file();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            // createTempFile makes the file rw------- on POSIX: connection details are nobody else's business.
            temp = Files.createTempFile(folder, FILE_NAME + ".", ".tmp");
            MAPPER.writeValue(temp.toFile(), new StoredProfiles(FORMAT, profiles));
            beforeReplace.run(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            LOG.debug("saved {} connection profile(s) to {}", profiles.size(), file);
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL, "cannot save the connections to " + file + ": "
                    + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("could not remove the temporary file {}", temp, e);
                }
            }
        }
    }

    /** Copies the unreadable file to the first free {@code .bak} name; null when even that fails. */
    private static Path keepCopy(Path file) {
        try {
            Path backup = file.resolveSibling(file.getFileName() + ".bak");
            for (int n = 1; Files.exists(backup); n++) {
                if (Arrays.equals(Files.readAllBytes(backup), Files.readAllBytes(file))) {
                    return backup; // the same broken file, already kept
                }
                backup = file.resolveSibling(file.getFileName() + ".bak." + n);
            }
            Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
            LOG.warn("kept a copy of the unreadable {} in {}", file, backup);
            return backup;
        } catch (IOException e) {
            LOG.error("could not keep a copy of the unreadable {}", file, e);
            return null;
        }
    }

    /** Jackson's own message, without the source dump, with the line and column. */
    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            String what = j.getOriginalMessage();
            // An invalid value (a port of 70000) arrives as the record constructor's exception inside Jackson's.
            Throwable cause = j.getCause();
            if (cause != null && cause.getMessage() != null) {
                what = cause.getMessage();
            }
            int newline = what == null ? -1 : what.indexOf('\n');
            what = newline < 0 ? what : what.substring(0, newline);
            return at == null || at.getLineNr() < 1 ? what : what + " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
