package io.partscope.core.ops;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One preflight or verification check: its name, outcome and a sentence for the DBA. A REFUSE stops the
 * operation before anything changes.
 */
public record Check(String name, Status status, String message) {
    public enum Status {
        PASS, WARN, REFUSE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Check pass(String name, String message) {
        return new Check(name, Status.PASS, message);
    }

    public static Check warn(String name, String message) {
        return new Check(name, Status.WARN, message);
    }

    public static Check refuse(String name, String message) {
        return new Check(name, Status.REFUSE, message);
    }
}
