package io.partscope.core.explain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.profile.ProfileStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queries a user explained, newest first, at most {@value #LIMIT}: one JSON file next to the saved connections
 * ({@code $XDG_CONFIG_HOME/partscope/explain-history.json}). Writes are atomic (temporary file, then rename). A file
 * that cannot be read is not fatal: the history starts empty and the next save replaces it.
 */
public final class QueryHistory {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHistory.class);

    public static final String FILE_NAME = "explain-history.json";
    public static final int LIMIT = 50;
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The file's layout. */
    record Stored(int format, List<String> queries) {
        Stored {
            queries = queries == null ? List.of() : queries.stream().filter(Objects::nonNull).toList();
        }
    }

    private final Path folder;

    public QueryHistory(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The history in the user's config folder. */
    public static QueryHistory standard(Environment environment) {
        return new QueryHistory(ProfileStore.defaultFolder(environment));
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    /** The saved queries, newest first; empty when there is no file or it cannot be read (logged). */
    public List<String> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Stored stored = MAPPER.readValue(file.toFile(), Stored.class);
            return stored == null ? List.of() : limit(stored.queries());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the query history {}; starting with an empty one", file, e);
            return List.of();
        }
    }

    /**
     * The history with this query added in front (an earlier identical entry moves up, blank queries are ignored),
     * cut to {@value #LIMIT}. Pure: {@link #save} writes it.
     */
    public static List<String> with(List<String> history, String query) {
        if (query == null || query.isBlank()) {
            return List.copyOf(history);
        }
        String entry = query.strip();
        List<String> out = new ArrayList<>(history.size() + 1);
        out.add(entry);
        history.stream().filter(q -> !q.equals(entry)).forEach(out::add);
        return limit(out);
    }

    private static List<String> limit(List<String> queries) {
        return List.copyOf(queries.size() <= LIMIT ? queries : queries.subList(0, LIMIT));
    }

    /** Replaces the saved history with these queries (newest first), atomically. */
    public void save(List<String> queries) throws PartscopeException {
        Path file = file();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, FILE_NAME + ".", ".tmp");
            MAPPER.writeValue(temp.toFile(), new Stored(FORMAT, limit(queries)));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL, "cannot save the query history to " + file + ": "
                    + e.getMessage(), e);
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
}
