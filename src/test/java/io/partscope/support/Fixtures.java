package io.partscope.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads SQL fixture files from the test class path and runs them statement by statement. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Loads partition-sets.sql: every kind of partition set the reader must understand, with hostile names. */
    public static void loadPartitionSets(TestPostgres pg, String database) {
        load(pg, database, Fixtures.class, "partition-sets.sql");
    }

    /** Runs the statements of a class-path resource (separated by a semicolon at the end of a line). */
    public static void load(TestPostgres pg, String database, Class<?> owner, String resource) {
        String text;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource + " next to " + owner.getName());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.stripLeading().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        String[] statements = withoutComments.toString().split(";\\s*\n");
        for (String statement : statements) {
            if (!statement.isBlank()) {
                pg.exec(database, statement);
            }
        }
    }
}
