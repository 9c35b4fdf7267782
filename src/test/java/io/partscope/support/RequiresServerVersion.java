package io.partscope.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test that needs at least this PostgreSQL major (and, for what older servers refuse, at most {@code max}) runs
 * only on servers in that range (elsewhere it is reported as skipped).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresServerVersion.Condition.class)
public @interface RequiresServerVersion {
    int min() default 0;

    int max() default Integer.MAX_VALUE;

    /** Evaluates {@link RequiresServerVersion} against the test server's major. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            RequiresServerVersion req = context.getElement()
                    .map(e -> e.getAnnotation(RequiresServerVersion.class)).orElse(null);
            if (req == null) {
                return ConditionEvaluationResult.enabled("no version requirement");
            }
            int major = TestPostgres.get().major();
            if (major > req.max()) {
                return ConditionEvaluationResult.disabled("needs PostgreSQL " + req.max() + " or older, server is "
                        + major);
            }
            return major >= req.min()
                    ? ConditionEvaluationResult.enabled("PostgreSQL " + major + " >= " + req.min())
                    : ConditionEvaluationResult.disabled("needs PostgreSQL " + req.min() + "+, server is " + major);
        }
    }
}
