package io.partscope.core.catalog;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.Database;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.db.Rows;
import io.partscope.core.db.SqlResource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The databases of the cluster that accept connections (pg_database.datallowconn), for the navigator. */
public final class DatabaseListReader {

    /**
     * One database.
     *
     * @param template   a template database (template1): listed last
     * @param canConnect the role has CONNECT on it
     * @param current    the database this connection is to
     */
    public record DatabaseEntry(String name, boolean template, boolean canConnect, boolean current) {
    }

    private final Database database;

    public DatabaseListReader(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The databases, non-templates first, each group by name. */
    public List<DatabaseEntry> read(Cancellation cancellation) throws PartscopeException {
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        return database.readOnlySnapshot(cancel, c -> {
            List<DatabaseEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SqlResource.load(DatabaseListReader.class,
                    "databases.sql")); ResultSet rs = Rows.query(ps, cancel)) {
                while (rs.next()) {
                    out.add(new DatabaseEntry(rs.getString("name"), rs.getBoolean("is_template"),
                            rs.getBoolean("can_connect"), rs.getBoolean("is_current")));
                }
            }
            return out;
        });
    }
}
