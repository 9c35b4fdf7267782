package io.partscope.core.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up a service in the connection service files, in libpq's order: the user's file ({@code PGSERVICEFILE}, else
 * {@code ~/.pg_service.conf}), then {@code PGSYSCONFDIR/pg_service.conf}. The first file that defines the service
 * wins; its section is not merged with the other file's.
 *
 * <p>Format (INI-like): {@code # comment}, {@code [name]}, {@code keyword=value}. One deliberate difference from
 * libpq: spaces around the keyword and the value are trimmed, because {@code host = db1} is an easy thing to write
 * and libpq's answer to it ("syntax error") is not helpful. libpq's compiled-in sysconfdir is not searched: it
 * differs per build, and we have no way to know which one the user's psql uses.
 */
final class ServiceFile {
    private ServiceFile() {
    }

    /** The files searched, in order (they need not exist). */
    static List<Path> candidates(Environment env) {
        List<Path> files = new ArrayList<>();
        Optional<String> userFile = env.get("PGSERVICEFILE");
        if (userFile.isPresent()) {
            files.add(Path.of(userFile.get()));
        } else if (env.homeDir() != null) {
            files.add(env.homeDir().resolve(".pg_service.conf"));
        }
        env.get("PGSYSCONFDIR").ifPresent(dir -> files.add(Path.of(dir, "pg_service.conf")));
        return files;
    }

    /** The keywords of a service; BAD_INPUT naming the files searched when no file defines it. */
    static Map<String, String> lookup(String service, Environment env) throws PartscopeException {
        List<Path> files = candidates(env);
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                Optional<Map<String, String>> entry = read(file, service);
                if (entry.isPresent()) {
                    return entry.get();
                }
            }
        }
        throw new PartscopeException(ErrorKind.BAD_INPUT, "definition of service \"" + service + "\" not found"
                + (files.isEmpty() ? " (no service file: set PGSERVICEFILE or create ~/.pg_service.conf)"
                        : " in " + String.join(", ", files.stream().map(Path::toString).toList())));
    }

    /** The section named {@code service} in one file, or empty when the file has none. */
    static Optional<Map<String, String>> read(Path file, String service) throws PartscopeException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "cannot read service file " + file + ": " + e, e);
        }
        Map<String, String> entry = null;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (entry != null) {
                    break; // the section we wanted has ended: a later section of the same name is not read
                }
                if (line.equals("[" + service + "]")) {
                    entry = new LinkedHashMap<>();
                }
                continue;
            }
            if (entry == null) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw syntax(file, lineNo, "expected keyword=value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if ("service".equals(key)) {
                throw syntax(file, lineNo, "nested service specifications are not supported");
            }
            if (!LibpqKeywords.isKnown(key)) {
                throw syntax(file, lineNo, "unknown keyword \"" + key + "\"");
            }
            entry.putIfAbsent(key, value); // libpq keeps the first value of a keyword
        }
        return Optional.ofNullable(entry);
    }

    private static PartscopeException syntax(Path file, int line, String what) {
        return new PartscopeException(ErrorKind.BAD_INPUT,
                "syntax error in service file \"" + file + "\", line " + line + ": " + what);
    }
}
