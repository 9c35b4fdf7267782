package io.partscope.ui.navigator;

import io.partscope.core.catalog.DatabaseListReader.DatabaseEntry;
import io.partscope.ui.Formats;
import io.partscope.ui.browser.PartitionSetRow;
import java.util.Locale;

/** One line of the navigator: a database, a schema of the connected database, or a partition set. */
public sealed interface NavigatorNode {

    /** XID age share from which a set is marked, as in the sets table. */
    double XID_WARNING = 0.8;

    /** The name shown. */
    String text();

    /** The muted numbers after the name; empty when none. */
    String detail();

    /** Whether the line is marked as needing a look. */
    default boolean problem() {
        return false;
    }

    /** Identity across refreshes, for keeping expansion and selection. */
    String key();

    record Database(DatabaseEntry entry) implements NavigatorNode {
        @Override
        public String text() {
            return entry.name();
        }

        @Override
        public String detail() {
            if (entry.current()) {
                return "connected";
            }
            return entry.canConnect() ? "" : "no CONNECT";
        }

        @Override
        public String key() {
            return "db:" + entry.name();
        }
    }

    record Schema(String database, String name, int sets) implements NavigatorNode {
        @Override
        public String text() {
            return name;
        }

        @Override
        public String detail() {
            return sets + (sets == 1 ? " set" : " sets");
        }

        @Override
        public String key() {
            return "schema:" + database + "/" + name;
        }
    }

    record Set(String database, PartitionSetRow row) implements NavigatorNode {
        /** The table name without its schema (the schema is the parent line). */
        @Override
        public String text() {
            return row.set().relationName().name();
        }

        /**
         * "120 · 1.2 GB · 980k": partitions (every member below the root, the number the sets table and the panel
         * give), total size ("~1.2 GB" while estimated), worst XID age. The leaves are in the tooltip: with them
         * the line outgrew the navigator and pushed its tree into a horizontal scroll.
         */
        @Override
        public String detail() {
            StringBuilder text = new StringBuilder().append(String.format("%,d", row.partitionCount().partitions()));
            for (String part : new String[] {io.partscope.ui.browser.SizeText.of(row.totalBytes(),
                    row.sizesEstimated()), Formats.age(row.worstXidAge())}) {
                if (!part.isEmpty()) {
                    text.append(" · ").append(part);
                }
            }
            return text.toString();
        }

        /** XID age near the freeze limit, rows in a DEFAULT partition, or a detach pending (as the sets table). */
        @Override
        public boolean problem() {
            return (row.worstXidAgeFraction() != null && row.worstXidAgeFraction() >= XID_WARNING)
                    || (row.defaultRows() != null && row.defaultRows() > 0) || row.detachPending() > 0;
        }

        @Override
        public String key() {
            return "set:" + database + "/" + row.name();
        }

        boolean matches(String needle) {
            return row.name().toLowerCase(Locale.ROOT).contains(needle);
        }
    }
}
