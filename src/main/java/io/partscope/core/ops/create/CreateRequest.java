package io.partscope.core.ops.create;

import java.util.List;

/**
 * What to create, as the user asked for it. Exactly one selector applies to a set's strategy: {@code next} or
 * {@code from}/{@code to} (range), {@code values} (list); a hash set takes none (its missing remainders).
 *
 * @param next     --next N: N partitions after the newest one (range), or null
 * @param from     --from (range), the user's text, parsed by the server as the key's type
 * @param to       --to (range)
 * @param interval --interval: hour, day, week, month, quarter, year or an integer step; null: as the set's
 * @param values   --values (list), one partition per value
 * @param method   how to create each partition
 */
public record CreateRequest(Integer next, String from, String to, String interval, List<String> values,
        Method method) {
    public enum Method {
        /** CREATE TABLE ... PARTITION OF: ACCESS EXCLUSIVE on the parent, briefly. */
        CREATE,
        /** CREATE TABLE (LIKE ...), a CHECK that implies the bound, ATTACH PARTITION: SHARE UPDATE EXCLUSIVE. */
        ATTACH
    }

    public CreateRequest {
        values = values == null ? List.of() : List.copyOf(values);
        method = method == null ? Method.CREATE : method;
    }

    public static CreateRequest next(int n, Method method) {
        return new CreateRequest(n, null, null, null, null, method);
    }

    public static CreateRequest range(String from, String to, String interval, Method method) {
        return new CreateRequest(null, from, to, interval, null, method);
    }

    public static CreateRequest values(List<String> values, Method method) {
        return new CreateRequest(null, null, null, null, values, method);
    }

    /** For hash sets: the missing remainders. */
    public static CreateRequest missing(Method method) {
        return new CreateRequest(null, null, null, null, null, method);
    }

    boolean hasRangeSelector() {
        return next != null || from != null || to != null || interval != null;
    }
}
