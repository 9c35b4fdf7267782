package io.partscope.core.ops.create;

import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a set names its partitions: a prefix, a token made from the partition's lower bound, a suffix
 * ({@code events_} + {@code 2026_05} + {@code ""}). Inferred by matching each existing partition's name against the
 * tokens its own lower bound gives.
 */
public record NamePattern(String prefix, Token token, String suffix) {

    /** What a token is made from: a time partition's local lower bound, or an integer partition's bounds. */
    public record Label(LocalDateTime time, long lower, long upper, long step) {
        static Label of(LocalDateTime time) {
            return new Label(time, 0, 0, 1);
        }

        static Label of(long lower, long upper) {
            return new Label(null, lower, upper, Math.max(1, upper - lower));
        }
    }

    /**
     * A token format.
     *
     * @param finest the finest cadence it tells apart (a yyyy_MM token cannot name daily partitions)
     */
    public record Token(String example, Cadence.Unit finest, Function<Label, String> format) {
        String of(Label label) {
            return format.apply(label);
        }

        @Override
        public String toString() {
            return example;
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static int year(Label l) {
        return l.time().getYear();
    }

    private static String isoYear(Label l) {
        return Integer.toString(l.time().get(IsoFields.WEEK_BASED_YEAR));
    }

    private static String isoWeek(Label l) {
        return two(l.time().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String q(Label l) {
        return Integer.toString((l.time().getMonthValue() - 1) / 3 + 1);
    }

    private static String ymd(Label l, String sep) {
        LocalDateTime t = l.time();
        return year(l) + sep + two(t.getMonthValue()) + sep + two(t.getDayOfMonth());
    }

    /** Time tokens, longest first. */
    static final List<Token> TIME_TOKENS = List.of(
            new Token("yyyy_MM_dd_HH", Cadence.Unit.HOUR, l -> ymd(l, "_") + "_" + two(l.time().getHour())),
            new Token("yyyyMMdd_HH", Cadence.Unit.HOUR, l -> ymd(l, "") + "_" + two(l.time().getHour())),
            new Token("yyyyMMddHH", Cadence.Unit.HOUR, l -> ymd(l, "") + two(l.time().getHour())),
            new Token("yyyy-MM-dd", Cadence.Unit.DAY, l -> ymd(l, "-")),
            new Token("yyyy_MM_dd", Cadence.Unit.DAY, l -> ymd(l, "_")),
            new Token("yyyyMMdd", Cadence.Unit.DAY, l -> ymd(l, "")),
            new Token("IYYY_wIW", Cadence.Unit.WEEK, l -> isoYear(l) + "_w" + isoWeek(l)),
            new Token("IYYYwIW", Cadence.Unit.WEEK, l -> isoYear(l) + "w" + isoWeek(l)),
            new Token("yyyy-MM", Cadence.Unit.MONTH, l -> year(l) + "-" + two(l.time().getMonthValue())),
            new Token("yyyy_MM", Cadence.Unit.MONTH, l -> year(l) + "_" + two(l.time().getMonthValue())),
            new Token("yyyyMM", Cadence.Unit.MONTH, l -> year(l) + two(l.time().getMonthValue())),
            new Token("yyyy_qQ", Cadence.Unit.QUARTER, l -> year(l) + "_q" + q(l)),
            new Token("yyyyqQ", Cadence.Unit.QUARTER, l -> year(l) + "q" + q(l)),
            new Token("yyyy", Cadence.Unit.YEAR, l -> Integer.toString(year(l))));

    static final List<Token> INTEGER_TOKENS = List.of(
            new Token("lower_upper", Cadence.Unit.INTEGER, l -> l.lower() + "_" + l.upper()),
            new Token("lower", Cadence.Unit.INTEGER, l -> Long.toString(l.lower())),
            new Token("upper/step", Cadence.Unit.INTEGER, l -> Long.toString(l.upper() / l.step())),
            new Token("lower/step", Cadence.Unit.INTEGER, l -> Long.toString(l.lower() / l.step())));

    public String render(Label label) {
        return prefix + token.of(label) + suffix;
    }

    /** An existing partition: its name and its label. */
    public record Sample(String name, Label label) {
    }

    /**
     * The pattern that names the most samples (ties: the longer token, then the newer sample), among the tokens
     * fine enough for the cadence. Samples are in key order, newest last. Empty when none names any sample.
     */
    static Optional<NamePattern> infer(List<Sample> samples, Cadence cadence) {
        List<Token> tokens = cadence.isTime() ? TIME_TOKENS.stream()
                .filter(t -> t.finest().ordinal() <= cadence.unit().ordinal())
                .filter(t -> t.finest() != Cadence.Unit.WEEK || cadence.unit() == Cadence.Unit.WEEK)
                .toList() : INTEGER_TOKENS;
        record Scored(NamePattern pattern, int score, int tokenLength, int recency) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) {
            Sample sample = samples.get(s);
            for (Token token : tokens) {
                String text = token.of(sample.label());
                for (int at = sample.name().indexOf(text); at >= 0; at = sample.name().indexOf(text, at + 1)) {
                    NamePattern p = new NamePattern(sample.name().substring(0, at), token,
                            sample.name().substring(at + text.length()));
                    int score = (int) samples.stream().filter(o -> p.render(o.label()).equals(o.name())).count();
                    scored.add(new Scored(p, score, text.length(), s));
                }
            }
        }
        return scored.stream()
                .max(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::tokenLength)
                        .thenComparingInt(Scored::recency))
                .map(Scored::pattern);
    }

    /** For people: {@code events_<yyyy_MM>}. */
    public String describe() {
        return prefix + "<" + token.example() + ">" + suffix;
    }
}
