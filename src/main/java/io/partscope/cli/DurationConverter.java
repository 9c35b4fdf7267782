package io.partscope.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as a DBA writes them: {@code 500ms}, {@code 2s}, {@code 5min}, {@code 1h}; a bare number is ms. */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)?");
    /**
     * PostgreSQL keeps statement_timeout and lock_timeout as an int of milliseconds (about 24.8 days); a longer
     * value would be refused by the server in the middle of the work, so it is refused here, as bad input.
     */
    static final long MAX_MILLIS = Integer.MAX_VALUE;

    @Override
    public Duration convert(String value) {
        Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 30s, 2min, 1h)");
        }
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long unitMillis = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new TypeConversionException("unknown unit in '" + value + "'");
        };
        long millis;
        try {
            millis = Math.multiplyExact(Long.parseLong(m.group(1)), unitMillis);
        } catch (ArithmeticException | NumberFormatException e) {
            millis = Long.MAX_VALUE; // more digits than a long holds: too long in any case
        }
        if (millis > MAX_MILLIS) {
            throw new TypeConversionException("'" + value + "' is too long: at most " + MAX_MILLIS
                    + "ms (about 24 days, PostgreSQL's limit for a timeout); 0 means none");
        }
        return Duration.ofMillis(millis);
    }
}
