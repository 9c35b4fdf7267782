package io.partscope.core.ops.detach;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.Identifiers;
import io.partscope.core.db.PartscopeException;
import java.util.List;
import java.util.Locale;

/** What happens to the table once it is detached: keep it, rename it, move it to an archive schema, or drop it. */
public sealed interface Aftermath permits Aftermath.Keep, Aftermath.Rename, Aftermath.Archive, Aftermath.Drop {
    /** For the summary and the CLI: "keep", "rename:NAME", "archive:SCHEMA", "drop". */
    String text();

    record Keep() implements Aftermath {
        @Override
        public String text() {
            return "keep";
        }
    }

    /** @param name the new name (unquoted, as the catalog spells it) */
    record Rename(String name) implements Aftermath {
        @Override
        public String text() {
            return "rename:" + Identifiers.quoteIfNeeded(name);
        }
    }

    /** @param schema the archive schema (unquoted; created when missing) */
    record Archive(String schema) implements Aftermath {
        @Override
        public String text() {
            return "archive:" + Identifiers.quoteIfNeeded(schema);
        }
    }

    record Drop() implements Aftermath {
        @Override
        public String text() {
            return "drop";
        }
    }

    /**
     * Reads the CLI's {@code --then}: {@code keep}, {@code drop}, {@code archive:SCHEMA}, {@code rename:NAME}; the
     * name as SQL writes it ({@code archive:"Old Data"}).
     */
    static Aftermath parse(String text) throws PartscopeException {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("keep")) {
            return new Keep();
        }
        String t = text.strip();
        if (t.equalsIgnoreCase("drop")) {
            return new Drop();
        }
        int colon = t.indexOf(':');
        String verb = colon < 0 ? t : t.substring(0, colon).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : t.substring(colon + 1).strip();
        if ((verb.equals("archive") || verb.equals("rename")) && !arg.isEmpty()) {
            String name = single(arg, verb);
            return verb.equals("archive") ? new Archive(name) : new Rename(name);
        }
        throw new PartscopeException(ErrorKind.BAD_INPUT, "--then: \"" + text + "\" is not one of keep, drop,"
                + " archive:SCHEMA, rename:NAME");
    }

    private static String single(String arg, String verb) throws PartscopeException {
        List<String> parts;
        try {
            parts = Identifiers.parse(arg);
        } catch (IllegalArgumentException e) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--then " + verb + ": " + e.getMessage());
        }
        if (parts.size() != 1) {
            throw new PartscopeException(ErrorKind.BAD_INPUT, "--then " + verb + ": \"" + arg + "\" must be a"
                    + " single name (quote it if it contains a dot: \"my.name\")");
        }
        return parts.get(0);
    }
}
