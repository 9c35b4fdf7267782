package io.partscope.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SQL kept in .sql files next to the class that runs it, loaded once from the class path. */
public final class SqlResource {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResource() {
    }

    /** The text of {@code name}, a resource in the package of {@code owner}. */
    public static String load(Class<?> owner, String name) {
        String key = owner.getPackageName() + "/" + name;
        return CACHE.computeIfAbsent(key, k -> read(owner, name));
    }

    private static String read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource missing from the jar: " + owner.getPackageName() + "/"
                        + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
