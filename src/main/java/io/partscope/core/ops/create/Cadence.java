package io.partscope.core.ops.create;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * The interval of a range partition set: a calendar unit for time keys, or an integer step.
 *
 * @param unit the calendar unit, or INTEGER
 * @param step for INTEGER, the width of one partition; 1 otherwise
 */
public record Cadence(Unit unit, long step) {
    public enum Unit {
        HOUR("1 hour", "hourly"), DAY("1 day", "daily"), WEEK("7 days", "weekly"), MONTH("1 month", "monthly"),
        QUARTER("3 months", "quarterly"), YEAR("1 year", "yearly"), INTEGER(null, null);

        private final String interval;
        private final String adjective;

        Unit(String interval, String adjective) {
            this.interval = interval;
            this.adjective = adjective;
        }
    }

    /** The SQL interval literal text of one time step ("1 month"); null for INTEGER. */
    public String sqlInterval() {
        return unit.interval;
    }

    /** "monthly", or "1000-wide" for an integer step. */
    public String adjective() {
        return unit == Unit.INTEGER ? step + "-wide" : unit.adjective;
    }

    public boolean isTime() {
        return unit != Unit.INTEGER;
    }

    /** Which calendar step leads from {@code lower} to {@code upper} (local date-times as printed). */
    public static Optional<Cadence> between(LocalDateTime lower, LocalDateTime upper) {
        if (lower.plusHours(1).equals(upper)) {
            return Optional.of(new Cadence(Unit.HOUR, 1));
        }
        if (lower.plusDays(1).equals(upper)) {
            return Optional.of(new Cadence(Unit.DAY, 1));
        }
        if (lower.plusWeeks(1).equals(upper)) {
            return Optional.of(new Cadence(Unit.WEEK, 1));
        }
        if (lower.plusMonths(1).equals(upper)) {
            return Optional.of(new Cadence(Unit.MONTH, 1));
        }
        if (lower.plusMonths(3).equals(upper)) {
            return Optional.of(new Cadence(Unit.QUARTER, 1));
        }
        if (lower.plusYears(1).equals(upper)) {
            return Optional.of(new Cadence(Unit.YEAR, 1));
        }
        return Optional.empty();
    }

    /**
     * Reads --interval: hour, day, week, month, quarter, year (also hourly, daily, ...), or a positive integer.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static Cadence parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "hour", "hourly", "1 hour" -> {
                return new Cadence(Unit.HOUR, 1);
            }
            case "day", "daily", "1 day" -> {
                return new Cadence(Unit.DAY, 1);
            }
            case "week", "weekly", "1 week", "7 days" -> {
                return new Cadence(Unit.WEEK, 1);
            }
            case "month", "monthly", "1 month" -> {
                return new Cadence(Unit.MONTH, 1);
            }
            case "quarter", "quarterly", "3 months" -> {
                return new Cadence(Unit.QUARTER, 1);
            }
            case "year", "yearly", "1 year" -> {
                return new Cadence(Unit.YEAR, 1);
            }
            default -> {
                if (s.matches("\\d{1,18}") && Long.parseLong(s) > 0) {
                    return new Cadence(Unit.INTEGER, Long.parseLong(s));
                }
                throw new IllegalArgumentException("--interval " + text + " is not one of hour, day, week, month,"
                        + " quarter, year or a positive integer step");
            }
        }
    }
}
