package io.partscope.core.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password file, read as libpq's {@code passwordFromFile} reads it: lines {@code host:port:database:user:password},
 * {@code *} as a whole field matches anything, {@code \:} and {@code \\} escape, lines starting with {@code #} are
 * comments, and the first matching line wins. A file that the group or others may read is ignored with a warning,
 * as libpq does: a password readable by other users should not be silently relied on.
 */
final class PgPassFile {
    private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;

    PgPassFile(Path file) {
        this.file = file;
    }

    /** {@code passfile} if given, else {@code PGPASSFILE}, else {@code ~/.pgpass}; empty without a home folder. */
    static Optional<PgPassFile> locate(String passfile, Environment env) {
        if (passfile != null && !passfile.isEmpty()) {
            return Optional.of(new PgPassFile(Path.of(passfile)));
        }
        Optional<String> fromEnv = env.get("PGPASSFILE");
        if (fromEnv.isPresent()) {
            return Optional.of(new PgPassFile(Path.of(fromEnv.get())));
        }
        return Optional.ofNullable(env.homeDir()).map(home -> new PgPassFile(home.resolve(".pgpass")));
    }

    Path path() {
        return file;
    }

    /**
     * The password of the first line matching these values, or empty. A host that is a Unix-socket directory is
     * matched as {@code localhost}, as libpq does, so one {@code localhost} line serves both ways of connecting.
     */
    Optional<String> find(String host, int port, String database, String user) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            LOG.warn("password file \"{}\" is not a plain file; ignoring it", file);
            return Optional.empty();
        }
        if (isTooOpen()) {
            LOG.warn("password file \"{}\" has group or world access; permissions should be u=rw (0600) or less;"
                    + " ignoring it", file);
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot read password file \"{}\" ({}); ignoring it", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
        String matchHost = host == null || host.isEmpty() || host.startsWith("/") ? "localhost" : host;
        String[] wanted = {matchHost, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() < 5) {
                continue; // libpq skips lines it cannot match as well; never log them: they hold passwords
            }
            if (matches(fields, wanted)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private boolean isTooOpen() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().anyMatch(TOO_OPEN::contains);
        } catch (UnsupportedOperationException e) {
            return false; // not a POSIX file system (Windows): libpq does not check there either
        } catch (IOException e) {
            return false; // reading will fail next and say so
        }
    }

    /**
     * The four match fields (unescaped, with a flag for a bare '*') and the password, which runs to the next
     * unescaped ':' or the end of the line, as in libpq.
     */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean wildcard = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                wildcard = false;
            } else if (c == ':') {
                fields.add(fieldValue(current, wildcard, fields.size()));
                if (fields.size() == 5) {
                    return fields;
                }
                current.setLength(0);
                wildcard = true;
            } else {
                current.append(c);
            }
        }
        fields.add(fieldValue(current, wildcard, fields.size()));
        return fields;
    }

    /** A match field that is exactly an unescaped '*' becomes null, meaning "any". */
    private static String fieldValue(StringBuilder text, boolean unescaped, int index) {
        String value = text.toString();
        return index < 4 && unescaped && value.equals("*") ? null : value;
    }

    private static boolean matches(List<String> fields, String[] wanted) {
        for (int i = 0; i < 4; i++) {
            if (fields.get(i) != null && !fields.get(i).equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }
}
