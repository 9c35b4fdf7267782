package io.partscope.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partscope.core.db.Environment;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's preferences (the theme, for now): {@code settings.json} next to the saved connections, in the config
 * folder of {@link ProfileStore#defaultFolder}. Read leniently: a preference is never worth an error dialog, so a
 * missing, broken or odd file gives the defaults and a logged warning. A write keeps the fields this version does
 * not know (a newer Partscope's) and replaces the file atomically.
 */
public final class UserSettings {
    private static final Logger LOG = LoggerFactory.getLogger(UserSettings.class);

    public static final String FILE_NAME = "settings.json";
    /** The field holding the theme's name ("light", "dark"). */
    public static final String THEME = "theme";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path folder;

    /** @param folder the folder holding {@value #FILE_NAME}; created on the first write */
    public UserSettings(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The settings in the user's config folder ({@code $XDG_CONFIG_HOME/partscope}, else ~/.config/partscope). */
    public static UserSettings standard(Environment environment) {
        return new UserSettings(ProfileStore.defaultFolder(environment));
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    /** A text setting; empty when it is not set, or when the file is missing or cannot be read (logged). */
    public Optional<String> get(String field) {
        JsonNode value = read().get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            LOG.warn("ignoring \"{}\" in {}: expected a string, found {}", field, file(), value);
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /**
     * Sets a text setting and writes the file, keeping the other fields.
     *
     * @throws IOException when the folder or the file cannot be written; the file on disk is then unchanged
     */
    public void put(String field, String value) throws IOException {
        ObjectNode settings = read();
        settings.put(field, value);
        write(settings);
    }

    private ObjectNode read() {
        Path file = file();
        if (!Files.exists(file)) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            if (tree instanceof ObjectNode object) {
                return object;
            }
            LOG.warn("ignoring {}: not a JSON object; using the default settings", file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring {}: {}; using the default settings", file, e.getMessage());
        }
        return MAPPER.createObjectNode();
    }

    private void write(ObjectNode settings) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, FILE_NAME + ".", ".tmp");
        try {
            MAPPER.writeValue(temp.toFile(), settings);
            try {
                Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
