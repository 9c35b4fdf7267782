package io.partscope.core.explain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A reason a query prunes fewer partitions than it could, and how to fix it.
 *
 * @param target the partition set, schema-qualified
 * @param kind what kind of problem
 * @param expression the expression at fault, as the server deparsed it (null when the problem is a setting)
 * @param message what happens, in a sentence
 * @param suggestion how to fix it, with the rewrite where there is one
 */
public record PruningFinding(String target, Kind kind, String expression, String message, String suggestion) {
    public enum Kind {
        FUNCTION_ON_KEY, CAST_ON_KEY, CROSS_TYPE_COMPARISON, COLLATION_MISMATCH, OR_WITH_NON_KEY, VOLATILE_FUNCTION,
        PRUNING_DISABLED, GENERIC_PLAN, STABLE_FUNCTION, NO_KEY_FILTER;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
