package io.partscope.core.explain.lint;

import io.partscope.core.explain.PruningFinding.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one condition of one scan (as EXPLAIN VERBOSE deparsed it) for the reasons the partition key could not be
 * used to prune: the key wrapped in a function, an expression or a cast, compared under another collation, in an
 * OR with a non-key column, or against a volatile function. Also notes the comparisons of the bare key with a
 * parameter or a stable function (those prune at executor start, not at plan time).
 *
 * <p>The key column is found by name with word boundaries (tokens), unqualified or qualified with the scan's own
 * alias ({@code events_1.occurred_at}); a column of another relation with the same name (a nested-loop parameter
 * {@code o.occurred_at}) is not the key.
 */
public final class ConditionLint {
    /** One problem in a condition. {@code expression} is the comparison at fault, without the scan's alias. */
    public record Issue(Kind kind, KeyPart key, String expression, String message, String suggestion) {
    }

    /** A comparison of the key with a value known only at executor start. */
    public record Runtime(String expression, boolean parameter, List<String> stableFunctions) {
    }

    /** What one condition says about the key. */
    public record Result(List<Issue> issues, boolean mentionsKey, List<Runtime> runtime) {
    }

    private static final Set<String> NOT_FUNCTIONS = Set.of("AND", "OR", "NOT", "IN", "ANY", "ALL", "SOME", "ARRAY",
            "ROW", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "IS", "NULL", "DISTINCT", "FROM", "LIKE", "ILIKE",
            "SIMILAR", "BETWEEN", "VALUES", "COLLATE", "SUBPLAN", "INITPLAN", "HASHED");
    private static final Set<String> STABLE_KEYWORDS = Set.of("CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME",
            "LOCALTIMESTAMP", "LOCALTIME");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> NUMERIC_TYPES = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision");
    private static final Set<String> STRING_TYPES = Set.of("text", "character varying", "character", "bpchar",
            "name", "\"char\"");

    private final Tokens t;
    private final String alias;
    private final Map<String, KeyPart> byColumn = new LinkedHashMap<>();
    private final Function<String, Character> volatility;
    private final List<Issue> issues = new ArrayList<>();
    private final List<Runtime> runtime = new ArrayList<>();
    private boolean mentionsKey;

    private ConditionLint(String condition, String alias, List<KeyPart> keys, Function<String, Character> volatility) {
        this.t = Tokens.of(condition);
        this.alias = alias;
        this.volatility = volatility;
        for (KeyPart key : keys) {
            if (key.column() != null) {
                byColumn.putIfAbsent(key.column(), key);
            }
        }
        for (KeyPart key : keys) {
            for (String column : key.columns()) {
                byColumn.putIfAbsent(column, key);
            }
        }
    }

    /**
     * @param alias the scan's alias as EXPLAIN names it (qualifies its columns), or null
     * @param keys every level's key of the set the scanned relation belongs to
     * @param volatility a function's volatility by name: 'i', 's', 'v', or null when unknown
     */
    public static Result analyze(String condition, String alias, List<KeyPart> keys,
            Function<String, Character> volatility) {
        ConditionLint lint = new ConditionLint(condition, alias, keys, volatility);
        if (lint.t.size() > 0) {
            lint.range(0, lint.t.size() - 1);
        }
        return new Result(List.copyOf(lint.issues), lint.mentionsKey, List.copyOf(lint.runtime));
    }

    /** A condition as a finding shows it: without the scan's alias and the outer parentheses. */
    public static String shown(String condition, String alias) {
        Tokens tokens = Tokens.of(condition);
        if (tokens.size() == 0) {
            return condition;
        }
        int from = 0;
        int to = tokens.size() - 1;
        while (from < to && tokens.get(from).kind() == Tokens.Kind.LPAREN && tokens.match(from) == to) {
            from++;
            to--;
        }
        return tokens.textWithout(from, to, alias);
    }

    /** Whether the condition names one of these columns, with any qualifier. */
    public static boolean namesAnyColumn(String condition, Set<String> columns) {
        Tokens tokens = Tokens.of(condition);
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token tok = tokens.get(i);
            if (tok.isIdentifier() && columns.contains(tok.name()) && (i + 1 >= tokens.size()
                    || (tokens.get(i + 1).kind() != Tokens.Kind.LPAREN && tokens.get(i + 1).kind() != Tokens.Kind.DOT))) {
                return true;
            }
        }
        return false;
    }

    /** The names of the functions a condition calls (to ask the catalog for their volatility). */
    public static List<String> functionNames(String condition) {
        Tokens tokens = Tokens.of(condition);
        return functionNames(tokens, 0, tokens.size() - 1);
    }

    private static List<String> functionNames(Tokens t, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Tokens.Token tok = t.get(i);
            if (tok.isIdentifier() && t.get(i + 1).kind() == Tokens.Kind.LPAREN
                    && !NOT_FUNCTIONS.contains(tok.value().toUpperCase(Locale.ROOT))
                    && !tok.value().equalsIgnoreCase("EXTRACT")) {
                names.add(tok.name());
            }
        }
        return names;
    }

    // ---- structure: AND, OR, comparisons ----

    private void range(int from, int to) {
        int[] r = strip(from, to);
        List<int[]> ands = split(r[0], r[1], "AND");
        if (ands.size() > 1) {
            ands.forEach(part -> range(part[0], part[1]));
            return;
        }
        List<int[]> ors = split(r[0], r[1], "OR");
        if (ors.size() > 1) {
            List<int[]> keyArms = new ArrayList<>();
            List<int[]> otherArms = new ArrayList<>();
            for (int[] arm : ors) {
                (keyRefs(arm[0], arm[1]).isEmpty() ? otherArms : keyArms).add(arm);
            }
            if (keyArms.isEmpty()) {
                return;
            }
            mentionsKey = true;
            if (otherArms.isEmpty()) {
                keyArms.forEach(arm -> range(arm[0], arm[1]));
            } else {
                orWithNonKey(r, keyArms, otherArms);
            }
            return;
        }
        comparison(r[0], r[1]);
    }

    private int[] strip(int from, int to) {
        while (from < to && t.get(from).kind() == Tokens.Kind.LPAREN && t.match(from) == to) {
            from++;
            to--;
        }
        return new int[] {from, to};
    }

    /** The parts of from..to separated by the keyword at depth 0. */
    private List<int[]> split(int from, int to, String keyword) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        int caseDepth = 0;
        for (int i = from; i <= to; i++) {
            Tokens.Token tok = t.get(i);
            if ((tok.kind() == Tokens.Kind.LPAREN || tok.kind() == Tokens.Kind.LBRACKET) && t.match(i) > i) {
                i = t.match(i);
            } else if (tok.isWord("CASE")) {
                caseDepth++;
            } else if (tok.isWord("END") && caseDepth > 0) {
                caseDepth--;
            } else if (caseDepth == 0 && tok.isWord(keyword) && i > start && i < to) {
                parts.add(new int[] {start, i - 1});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    /** A reference to a key column: {@code start} is its qualifier (if any), {@code index} the column token. */
    private record Ref(int start, int index, KeyPart key) {
    }

    private List<Ref> keyRefs(int from, int to) {
        List<Ref> refs = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            Tokens.Token tok = t.get(i);
            if (!tok.isIdentifier() || !byColumn.containsKey(tok.name())) {
                continue;
            }
            if (i + 1 < t.size() && (t.get(i + 1).kind() == Tokens.Kind.LPAREN
                    || t.get(i + 1).kind() == Tokens.Kind.DOT)) {
                continue;
            }
            int start = i;
            if (i > 0 && t.get(i - 1).kind() == Tokens.Kind.DOT) {
                int q = i - 2;
                if (q < 0 || !t.get(q).isIdentifier() || (q > 0 && t.get(q - 1).kind() == Tokens.Kind.DOT)
                        || (alias != null && !t.get(q).name().equals(alias))) {
                    continue; // another relation's column, or schema.table.column
                }
                start = q;
            }
            refs.add(new Ref(start, i, byColumn.get(tok.name())));
        }
        return refs;
    }

    // ---- what wraps the key ----

    private enum WrapKind { BARE, KEY_EXPRESSION, FUNCTION, ARITHMETIC, CAST }

    /** The outermost expression around a key reference that still stands for the key, and what wraps it. */
    private record Wrap(WrapKind kind, int start, int end, String detail, boolean relabeled) {
    }

    private Wrap wrap(Ref ref) {
        int s = ref.start();
        int e = ref.index();
        boolean relabeled = false;
        boolean keyExpression = false;
        KeyPart key = ref.key();
        while (true) {
            if (e + 1 < t.size() && t.get(e + 1).kind() == Tokens.Kind.CAST) {
                int typeEnd = typeEnd(e + 2);
                String type = t.text(e + 2, typeEnd);
                if (harmless(type, key)) {
                    relabeled = true;
                    e = typeEnd;
                    continue;
                }
                return new Wrap(WrapKind.CAST, s, typeEnd, type, relabeled);
            }
            int p = enclosingOpen(s, e);
            if (p < 0) {
                break;
            }
            int q = t.match(p);
            Tokens.Token before = p > 0 ? t.get(p - 1) : null;
            if (before != null && before.isIdentifier()
                    && !NOT_FUNCTIONS.contains(before.value().toUpperCase(Locale.ROOT))) {
                int fs = p - 1;
                while (fs >= 2 && t.get(fs - 1).kind() == Tokens.Kind.DOT && t.get(fs - 2).isIdentifier()) {
                    fs -= 2;
                }
                if (key.expression() != null && normal(t.textWithout(fs, q, alias)).equals(normal(key.expression()))) {
                    keyExpression = true;
                    s = fs;
                    e = q;
                    continue;
                }
                return new Wrap(WrapKind.FUNCTION, fs, q, before.name(), relabeled);
            }
            if (p + 1 == s && q - 1 == e) {
                s = p;
                e = q;
                continue;
            }
            boolean arithmetic = (s - 1 > p && arithmetic(t.get(s - 1))) || (e + 1 < q && arithmetic(t.get(e + 1)));
            if (arithmetic) {
                return new Wrap(WrapKind.ARITHMETIC, p + 1, q - 1, null, relabeled);
            }
            break;
        }
        if (s > 0 && arithmetic(t.get(s - 1)) || e + 1 < t.size() && arithmetic(t.get(e + 1))) {
            return new Wrap(WrapKind.ARITHMETIC, s, e, null, relabeled);
        }
        return new Wrap(keyExpression || key.expression() == null ? WrapKind.KEY_EXPRESSION : WrapKind.BARE, s, e,
                null, relabeled);
    }

    private static boolean arithmetic(Tokens.Token tok) {
        return tok.kind() == Tokens.Kind.OP && !COMPARISONS.contains(tok.value());
    }

    /** The innermost open parenthesis before {@code s} whose match is after {@code e}, or -1. */
    private int enclosingOpen(int s, int e) {
        int depth = 0;
        for (int i = s - 1; i >= 0; i--) {
            Tokens.Kind k = t.get(i).kind();
            if (k == Tokens.Kind.RPAREN || k == Tokens.Kind.RBRACKET) {
                depth++;
            } else if (k == Tokens.Kind.LPAREN || k == Tokens.Kind.LBRACKET) {
                if (depth == 0) {
                    return k == Tokens.Kind.LPAREN && t.match(i) > e ? i : -1;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The last token of a type name that starts at {@code i} (words, a modifier in parentheses, [] suffixes). */
    private int typeEnd(int i) {
        int j = i;
        while (j + 1 < t.size() && t.get(j + 1).typeName()) {
            j++;
        }
        if (j + 1 < t.size() && t.get(j + 1).kind() == Tokens.Kind.LPAREN && t.get(j).typeName()
                && t.match(j + 1) > j) {
            j = t.match(j + 1);
        }
        while (j + 2 < t.size() && t.get(j + 1).kind() == Tokens.Kind.LBRACKET
                && t.get(j + 2).kind() == Tokens.Kind.RBRACKET) {
            j += 2;
        }
        return j;
    }

    /** A cast to the key's own type (or its operator class's, as varchar to text) changes nothing for pruning. */
    private static boolean harmless(String type, KeyPart key) {
        String base = KeyPart.baseType(type);
        String keyType = KeyPart.baseType(key.type());
        return base.equals(keyType) || (base.equals("text") && STRING_TYPES.contains(keyType)
                && !keyType.equals("character") && !keyType.equals("bpchar"));
    }

    private static String normal(String expression) {
        String s = expression.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    // ---- one comparison ----

    private void comparison(int from, int to) {
        List<Ref> refs = keyRefs(from, to);
        if (refs.isEmpty()) {
            return;
        }
        mentionsKey = true;
        String expression = t.textWithout(from, to, alias);
        Comparison cmp = comparisonParts(from, to);
        List<String> volatileFunctions = new ArrayList<>();
        List<String> stableFunctions = new ArrayList<>();
        for (String name : functionNames(t, from, to)) {
            Character v = volatility.apply(name);
            if (v != null && v == 'v') {
                volatileFunctions.add(name);
            } else if (v != null && v == 's') {
                stableFunctions.add(name);
            }
        }
        for (int i = from; i <= to; i++) {
            if (t.get(i).kind() == Tokens.Kind.WORD && STABLE_KEYWORDS.contains(t.get(i).value())) {
                stableFunctions.add(t.get(i).value());
            }
        }
        KeyPart key = refs.get(0).key();
        if (!volatileFunctions.isEmpty()) {
            issues.add(volatileIssue(key, expression, volatileFunctions, cmp, refs.get(0)));
            return;
        }
        for (Ref ref : refs) {
            Wrap w = wrap(ref);
            Issue issue = switch (w.kind()) {
                case FUNCTION -> Rewrites.functionOnKey(ref.key(), expression, w.detail(), functionArguments(w),
                        cmp == null ? null : cmp.forSide(w.start(), w.end()));
                case ARITHMETIC -> new Issue(Kind.FUNCTION_ON_KEY, ref.key(), expression,
                        "The partition key " + ref.key().sql() + " is part of a calculation ("
                                + t.textWithout(w.start(), w.end(), alias) + "), so the planner cannot compare it "
                                + "with the partition bounds.",
                        "Solve the condition for the key so it stands alone on one side, e.g. "
                                + ref.key().sql() + " = <value> instead of " + ref.key().sql() + " + 1 = <value + 1>.");
                case CAST -> Rewrites.castOnKey(ref.key(), expression, w.detail(),
                        cmp == null ? null : cmp.forSide(w.start(), w.end()),
                        crossType(ref.key(), w.detail()));
                case BARE -> new Issue(Kind.FUNCTION_ON_KEY, ref.key(), expression,
                        "The set is partitioned by the expression " + ref.key().expression() + ", not by the "
                                + "column " + t.get(ref.index()).name() + " itself, so a condition on the bare "
                                + "column cannot prune.",
                        bareColumnSuggestion(ref, cmp == null ? null : cmp.forSide(w.start(), w.end()), from, to));
                case KEY_EXPRESSION -> collation(ref, w, expression, from, to);
            };
            if (issue != null) {
                issues.add(issue);
                return;
            }
        }
        boolean parameter = false;
        for (int i = from; i <= to; i++) {
            parameter |= t.get(i).kind() == Tokens.Kind.PARAM;
        }
        Rewrites.Side side = cmp == null ? null : cmp.forSide(refs.get(0).start(), refs.get(0).index());
        boolean otherType = side != null && side.constant() != null && side.constant().type() != null
                && !KeyPart.baseType(side.constant().type()).equals(KeyPart.baseType(key.type()));
        if (parameter || !stableFunctions.isEmpty() || otherType) {
            // a constant of another type may compare through a stable cross-type operator (timestamptz vs date)
            runtime.add(new Runtime(expression, parameter, List.copyOf(stableFunctions)));
        }
    }

    /**
     * For {@code name = 'Bob'} on a set partitioned by {@code lower(name)}: add {@code lower(name) = lower('Bob')},
     * which selects a superset of the rows and prunes.
     */
    private String bareColumnSuggestion(Ref ref, Rewrites.Side side, int from, int to) {
        String expression = ref.key().expression();
        String column = t.get(ref.index()).name();
        if (side != null && side.constant() != null && side.op().equals("=")) {
            Comparison cmp = comparisonParts(from, to);
            String constant = ref.index() <= cmp.leftTo ? t.textWithout(cmp.rightFrom, cmp.rightTo, alias)
                    : t.textWithout(cmp.leftFrom, cmp.leftTo, alias);
            Tokens e = Tokens.of(expression);
            StringBuilder substituted = new StringBuilder();
            int pos = 0;
            for (int i = 0; i < e.size(); i++) {
                Tokens.Token tok = e.get(i);
                if (tok.isIdentifier() && tok.name().equals(column)
                        && (i + 1 >= e.size() || e.get(i + 1).kind() != Tokens.Kind.LPAREN)) {
                    substituted.append(expression, pos, tok.start()).append(constant.strip());
                    pos = tok.end();
                }
            }
            substituted.append(expression.substring(pos));
            return t.textWithout(from, to, alias) + " AND " + expression + " = " + substituted
                    + "  -- the condition on the key expression prunes; keep yours for the exact match";
        }
        return "Filter on the key expression itself: " + expression + " = <value> (in addition to your condition "
                + "on " + column + ").";
    }

    /** The arguments of the function call at w, each as text without the alias. */
    private List<String> functionArguments(Wrap w) {
        int open = w.start();
        while (t.get(open).kind() != Tokens.Kind.LPAREN) {
            open++;
        }
        List<String> args = new ArrayList<>();
        int start = open + 1;
        for (int i = open + 1; i < w.end(); i++) {
            Tokens.Kind k = t.get(i).kind();
            if ((k == Tokens.Kind.LPAREN || k == Tokens.Kind.LBRACKET) && t.match(i) > i) {
                i = t.match(i);
            } else if (k == Tokens.Kind.COMMA) {
                args.add(t.textWithout(start, i - 1, alias));
                start = i + 1;
            }
        }
        if (start <= w.end() - 1) {
            args.add(t.textWithout(start, w.end() - 1, alias));
        }
        return args;
    }

    private static boolean crossType(KeyPart key, String castType) {
        String keyType = KeyPart.baseType(key.type());
        String target = KeyPart.baseType(castType);
        return (NUMERIC_TYPES.contains(keyType) && NUMERIC_TYPES.contains(target))
                || (STRING_TYPES.contains(keyType) && STRING_TYPES.contains(target));
    }

    private Issue collation(Ref ref, Wrap w, String expression, int from, int to) {
        KeyPart key = ref.key();
        if (key.keyCollation() == null) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (t.get(i).isWord("COLLATE")) {
                String used = t.get(i + 1).name();
                if (used.equals(key.keyCollation())) {
                    return null;
                }
                String rewritten = (t.textWithout(from, i - 1, alias).stripTrailing()
                        + (key.keyCollation().equals(key.columnCollation()) || "default".equals(key.keyCollation())
                                ? "" : " COLLATE " + io.partscope.core.db.Identifiers.quote(key.keyCollation()))
                        + (i + 2 <= to ? " " + t.textWithout(i + 2, to, alias).stripLeading() : "")).strip();
                return new Issue(Kind.COLLATION_MISMATCH, key, expression,
                        "The comparison uses collation \"" + used + "\", but " + key.sql()
                                + " is partitioned under collation \"" + key.keyCollation()
                                + "\": partition pruning only works with the key's own collation.",
                        rewritten);
            }
        }
        if (!w.relabeled() && key.columnCollation() != null && !key.columnCollation().equals(key.keyCollation())) {
            String rewritten = t.textWithout(from, w.end(), alias) + " COLLATE "
                    + io.partscope.core.db.Identifiers.quote(key.keyCollation())
                    + (w.end() + 1 <= to ? " " + t.textWithout(w.end() + 1, to, alias).stripLeading() : "");
            return new Issue(Kind.COLLATION_MISMATCH, key, expression,
                    "The column " + key.sql() + " has collation \"" + key.columnCollation()
                            + "\", but the set is partitioned under collation \"" + key.keyCollation()
                            + "\": a comparison under the column's collation cannot prune.",
                    rewritten);
        }
        return null;
    }

    private Issue volatileIssue(KeyPart key, String expression, List<String> functions, Comparison cmp, Ref ref) {
        String names = String.join("(), ", new java.util.LinkedHashSet<>(functions)) + "()";
        String suggestion;
        if (functions.stream().allMatch(f -> f.equals("clock_timestamp"))) {
            suggestion = expression.replace("clock_timestamp()", "now()")
                    + "  -- now() is the transaction's start time and stable: pruning at executor start";
        } else if (cmp != null) {
            boolean keyLeft = ref.start() >= cmp.leftFrom && ref.index() <= cmp.leftTo;
            String other = keyLeft ? t.textWithout(cmp.rightFrom, cmp.rightTo, alias)
                    : t.textWithout(cmp.leftFrom, cmp.leftTo, alias);
            String op = keyLeft ? cmp.op : Rewrites.flip(cmp.op);
            suggestion = key.sql() + " " + op + " (SELECT " + stripParens(other)
                    + ")  -- computed once, before the scan: prunes at run time; or compute it in the application "
                    + "and pass it as a parameter";
        } else {
            suggestion = "Compute the value once before the query (in the application, or in a scalar subquery "
                    + "(SELECT ...)) and compare the bare key with it.";
        }
        return new Issue(Kind.VOLATILE_FUNCTION, key, expression,
                names + (functions.size() > 1 ? " are" : " is") + " volatile: the value can change from row to row, "
                        + "so neither the planner nor the executor can use it to skip partitions.",
                suggestion);
    }

    private static String stripParens(String s) {
        String x = s.strip();
        while (x.startsWith("(") && x.endsWith(")") && balanced(x.substring(1, x.length() - 1))) {
            x = x.substring(1, x.length() - 1).strip();
        }
        return x;
    }

    private void orWithNonKey(int[] r, List<int[]> keyArms, List<int[]> otherArms) {
        KeyPart key = keyRefs(keyArms.get(0)[0], keyArms.get(0)[1]).get(0).key();
        List<String> keyTexts = keyArms.stream().map(a -> stripParens(t.textWithout(a[0], a[1], alias))).toList();
        List<String> otherTexts = otherArms.stream().map(a -> stripParens(t.textWithout(a[0], a[1], alias)))
                .toList();
        String keyPart = String.join(" OR ", keyTexts);
        String otherPart = String.join(" OR ", otherTexts);
        issues.add(new Issue(Kind.OR_WITH_NON_KEY, key, t.textWithout(r[0], r[1], alias),
                "The OR also accepts rows by " + otherPart + ", which says nothing about the partition key "
                        + key.sql() + ": any partition may hold such rows, so none can be skipped.",
                "Split the query: SELECT ... WHERE " + keyPart + " UNION ALL SELECT ... WHERE (" + otherPart
                        + ") AND NOT (" + keyPart + ") -- the first part prunes; give the second a condition on "
                        + key.sql() + " too if the rows you need allow it."));
    }

    // ---- the comparison operator and its sides ----

    /** A comparison {@code left op right} at depth 0. */
    static final class Comparison {
        final int leftFrom;
        final int leftTo;
        final String op;
        final int rightFrom;
        final int rightTo;
        final Tokens tokens;

        Comparison(Tokens tokens, int leftFrom, int leftTo, String op, int rightFrom, int rightTo) {
            this.tokens = tokens;
            this.leftFrom = leftFrom;
            this.leftTo = leftTo;
            this.op = op;
            this.rightFrom = rightFrom;
            this.rightTo = rightTo;
        }

        /** Seen from the side holding tokens s..e: the operator as if that side were on the left, and the constant. */
        Rewrites.Side forSide(int s, int e) {
            boolean left = s >= leftFrom && e <= leftTo;
            boolean right = s >= rightFrom && e <= rightTo;
            if (!left && !right) {
                return null;
            }
            Rewrites.Literal constant = left ? literal(rightFrom, rightTo) : literal(leftFrom, leftTo);
            return new Rewrites.Side(left ? op : Rewrites.flip(op), constant);
        }

        private Rewrites.Literal literal(int from, int to) {
            while (from < to && tokens.get(from).kind() == Tokens.Kind.LPAREN && tokens.match(from) == to) {
                from++;
                to--;
            }
            boolean negative = false;
            if (tokens.get(from).kind() == Tokens.Kind.OP && tokens.get(from).value().equals("-") && from < to) {
                negative = true;
                from++;
            }
            Tokens.Token first = tokens.get(from);
            if (first.kind() != Tokens.Kind.STRING && first.kind() != Tokens.Kind.NUMBER) {
                return null;
            }
            String type = null;
            if (from < to) {
                if (tokens.get(from + 1).kind() != Tokens.Kind.CAST) {
                    return null;
                }
                for (int i = from + 2; i <= to; i++) {
                    Tokens.Kind k = tokens.get(i).kind();
                    if (!tokens.get(i).typeName() && k != Tokens.Kind.LPAREN && k != Tokens.Kind.RPAREN
                            && k != Tokens.Kind.NUMBER && k != Tokens.Kind.COMMA && k != Tokens.Kind.LBRACKET
                            && k != Tokens.Kind.RBRACKET) {
                        return null;
                    }
                }
                type = tokens.text(from + 2, to);
            }
            return new Rewrites.Literal((negative ? "-" : "") + first.value(), first.kind() == Tokens.Kind.STRING,
                    type);
        }
    }

    private Comparison comparisonParts(int from, int to) {
        for (int i = from; i <= to; i++) {
            Tokens.Token tok = t.get(i);
            if ((tok.kind() == Tokens.Kind.LPAREN || tok.kind() == Tokens.Kind.LBRACKET) && t.match(i) > i) {
                i = t.match(i);
            } else if (tok.kind() == Tokens.Kind.OP && COMPARISONS.contains(tok.value()) && i > from && i < to) {
                return new Comparison(t, from, i - 1, tok.value(), i + 1, to);
            }
        }
        return null;
    }
}
