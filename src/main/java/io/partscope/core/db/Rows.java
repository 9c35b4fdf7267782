package io.partscope.core.db;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The few JDBC conveniences every reader needs: cancellable execution, SQL NULL as Java null, arrays as lists. */
public final class Rows {
    private Rows() {
    }

    /** Executes the query with the statement registered for cancellation (the caller calls finished()). */
    public static ResultSet query(PreparedStatement ps, Cancellation cancel) throws SQLException, PartscopeException {
        cancel.running(ps);
        return ps.executeQuery();
    }

    /** A bigint column, null when SQL NULL (getLong alone would say 0). */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A text[] (or name[]) value; SQL NULL gives an empty list. */
    public static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    /** A bigint[] (or oid[]) value; SQL NULL gives an empty list. */
    public static List<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(v -> ((Number) v).longValue()).toList();
    }

    /** A bigint[] whose elements may be NULL (kept as null, in order); SQL NULL gives an empty list. */
    public static List<Long> nullableLongs(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (Object v : (Object[]) array.getArray()) {
            out.add(v == null ? null : ((Number) v).longValue());
        }
        return out;
    }
}
