package io.partscope.core.explain.lint;

import io.partscope.core.explain.PruningFinding.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rewrites the lint proposes: the condition on the bare key that selects the same rows. */
final class Rewrites {
    /** A constant as deparsed: {@code '2026-05-01 00:00:00+00'::timestamp with time zone}, {@code 150.0}. */
    record Literal(String value, boolean quoted, String type) {
    }

    /** The comparison seen from the key's side: {@code <key side> op constant}; constant null when not constant. */
    record Side(String op, Literal constant) {
    }

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?(.*)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Set<String> DATETIME_TYPES = Set.of("date", "timestamp without time zone",
            "timestamp with time zone", "timestamp", "timestamptz");

    private Rewrites() {
    }

    static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> op;
        };
    }

    // ---- a function on the key ----

    static ConditionLint.Issue functionOnKey(KeyPart key, String expression, String function, List<String> args,
            Side side) {
        String k = key.sql();
        String message = "The partition key " + k + " is wrapped in " + function + "(), so the planner cannot "
                + "compare it with the partition bounds and no partition can be skipped.";
        String suggestion = null;
        if (key.expression() == null && side != null && side.constant() != null && !args.isEmpty()) {
            String unit = unquote(firstWord(args.get(0)));
            if (function.equals("date_trunc") && args.size() == 2) {
                suggestion = truncRange(k, unit, side.op(), side.constant().value());
            } else if ((function.equals("extract") || function.equals("date_part")) && args.size() <= 2
                    && unit.equals("year")) {
                suggestion = yearRange(k, side.op(), side.constant().value());
            }
        }
        if (suggestion == null) {
            if (key.expression() != null) {
                suggestion = "Filter on the key expression itself: " + key.expression() + " = <value> (the set is "
                        + "partitioned by " + key.expression() + ").";
            } else if (function.equals("lower") || function.equals("upper")) {
                suggestion = k + " = '<value>' (or " + k + " IN (<each spelling>)); if the data needs a "
                        + "case-insensitive key, partition by " + function + "(" + k + ").";
            } else if (key.isRange()) {
                suggestion = k + " >= <lower bound> AND " + k + " < <upper bound>  -- a condition on the bare key "
                        + "that selects the same rows as " + expression;
            } else {
                suggestion = k + " = <value>  -- a condition on the bare key that selects the same rows as "
                        + expression;
            }
        }
        return new ConditionLint.Issue(Kind.FUNCTION_ON_KEY, key, expression, message, suggestion);
    }

    private static String firstWord(String arg) {
        String s = arg.strip();
        int cast = s.indexOf("::");
        if (cast >= 0) {
            s = s.substring(0, cast);
        }
        int space = s.indexOf(' ');
        return space >= 0 ? s.substring(0, space) : s;
    }

    private static String unquote(String s) {
        String x = s.strip();
        if (x.length() >= 2 && x.startsWith("'") && x.endsWith("'")) {
            x = x.substring(1, x.length() - 1);
        }
        return x.toLowerCase(Locale.ROOT);
    }

    /** {@code date_trunc(unit, key) op literal} as a range on the key, or null. */
    static String truncRange(String key, String unit, String op, String literal) {
        ChronoUnit step = switch (unit) {
            case "second" -> ChronoUnit.SECONDS;
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            case "quarter" -> ChronoUnit.MONTHS;
            case "year" -> ChronoUnit.YEARS;
            default -> null;
        };
        Matcher m = DATE_TIME.matcher(literal.strip());
        if (step == null || !m.matches()) {
            return null;
        }
        LocalDateTime at = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        boolean withTime = m.group(4) != null;
        boolean fraction = m.group(7) != null && !m.group(7).matches("0+");
        String zone = m.group(8).strip();
        if (!zone.isEmpty() && !zone.matches("[+-]\\d{2}(:?\\d{2})?|Z|UTC")) {
            return null;
        }
        int amount = unit.equals("quarter") ? 3 : 1;
        LocalDateTime start = truncate(at, unit);
        boolean aligned = start.equals(at) && !fraction;
        LocalDateTime next = start.plus(amount, step);
        java.util.function.Function<LocalDateTime, String> lit = d -> "'" + (withTime ? d.format(SECOND)
                : d.format(DAY)) + zone + "'";
        return switch (op) {
            case "=" -> aligned ? key + " >= " + lit.apply(start) + " AND " + key + " < " + lit.apply(next) : null;
            case ">=" -> key + " >= " + lit.apply(aligned ? start : next);
            case ">" -> key + " >= " + lit.apply(next);
            case "<" -> key + " < " + lit.apply(aligned ? start : next);
            case "<=" -> key + " < " + lit.apply(next);
            default -> null;
        };
    }

    private static LocalDateTime truncate(LocalDateTime at, String unit) {
        return switch (unit) {
            case "second" -> at.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> at.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> at.truncatedTo(ChronoUnit.HOURS);
            case "day" -> at.truncatedTo(ChronoUnit.DAYS);
            case "week" -> at.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter" -> at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth((at.getMonthValue() - 1) / 3 * 3 + 1);
            default -> at.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        };
    }

    /** {@code extract(year from key) op N} as a range on the key, or null. */
    static String yearRange(String key, String op, String literal) {
        BigDecimal n;
        try {
            n = new BigDecimal(literal.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (n.stripTrailingZeros().scale() > 0) {
            return null;
        }
        int year = n.intValueExact();
        if (year < 1 || year > 9998) {
            return null;
        }
        return truncRange(key, "year", op, String.format(Locale.ROOT, "%04d-01-01", year));
    }

    // ---- a cast on the key ----

    static ConditionLint.Issue castOnKey(KeyPart key, String expression, String castType, Side side,
            boolean crossType) {
        String k = key.sql();
        String keyType = KeyPart.baseType(key.type());
        Literal constant = side == null ? null : side.constant();
        if (crossType) {
            String message = k + " (" + keyType + ") is compared with a " + KeyPart.baseType(castType)
                    + " value: that comparison is outside the key's operator family"
                    + (key.opfamily() == null ? "" : " (" + key.opfamily() + ")")
                    + ", so PostgreSQL casts the key for every row and cannot prune.";
            String suggestion = null;
            if (constant != null && key.isInteger()) {
                suggestion = integerComparison(k, side.op(), constant.value());
            } else if (constant != null) {
                suggestion = k + " " + side.op() + " " + sqlLiteral(constant.value(), keyType) + "::" + keyType;
            }
            if (suggestion == null) {
                suggestion = k + " " + (side == null ? "=" : side.op()) + " <a value of type " + keyType
                        + ">  -- write the constant in the key's type (or cast the constant, never the key)";
            }
            return new ConditionLint.Issue(Kind.CROSS_TYPE_COMPARISON, key, expression, message, suggestion);
        }
        String target = KeyPart.baseType(castType);
        String message = "The partition key " + k + " is cast to " + target + ", so the planner cannot compare it "
                + "with the partition bounds (they are " + keyType + " values) and no partition can be skipped.";
        String suggestion = null;
        if (constant != null && target.equals("date") && DATETIME_TYPES.contains(keyType)
                && !keyType.equals("date")) {
            suggestion = truncRange(k, "day", side.op(), constant.value());
        } else if (constant != null && !side.op().equals("<>") && !side.op().equals("!=")) {
            suggestion = k + " " + side.op() + " " + sqlLiteral(constant.value(), keyType);
        }
        if (suggestion == null) {
            suggestion = k + " " + (side == null ? "=" : side.op()) + " <a value of type " + keyType
                    + ">  -- cast the constant, never the key";
        }
        return new ConditionLint.Issue(Kind.CAST_ON_KEY, key, expression, message, suggestion);
    }

    /** {@code key op constant} for an integer key, rounding a fractional constant the way that keeps the rows. */
    private static String integerComparison(String key, String op, String value) {
        BigDecimal n;
        try {
            n = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        boolean integral = n.stripTrailingZeros().scale() <= 0;
        BigDecimal floor = n.setScale(0, RoundingMode.FLOOR);
        BigDecimal ceil = n.setScale(0, RoundingMode.CEILING);
        return switch (op) {
            case "=" -> integral ? key + " = " + floor.toPlainString() : null;
            case "<>", "!=" -> integral ? key + " <> " + floor.toPlainString() : null;
            case "<" -> key + " < " + ceil.toPlainString();
            case "<=" -> key + " <= " + floor.toPlainString();
            case ">" -> key + " > " + floor.toPlainString();
            case ">=" -> key + " >= " + ceil.toPlainString();
            default -> null;
        };
    }

    private static String sqlLiteral(String value, String keyType) {
        boolean numeric = Set.of("smallint", "integer", "bigint", "numeric", "real", "double precision")
                .contains(keyType);
        if (numeric && value.strip().matches("-?\\d+(\\.\\d+)?")) {
            return value.strip();
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
