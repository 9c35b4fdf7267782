package io.partscope.core.explain;

import io.partscope.core.catalog.SetKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.explain.PruningFinding.Kind;
import io.partscope.core.explain.lint.ConditionLint;
import io.partscope.core.explain.lint.KeyPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pruning lint: for each partition set a query names, why it reads more partitions than it could, and the
 * rewrite that fixes it (docs/explain-lint.md lists the kinds). Pure: it reads the analysed result (the scans of
 * each set's leaves, their deparsed conditions, the plan's non-default settings), the partition keys and the
 * functions' volatility, both asked of the catalog by {@link ExplainSession}.
 *
 * <p>It only speaks when pruning could have done better: a set that was pruned to one partition gets no finding,
 * whatever its conditions look like; a set whose scans are index lookups on another column gets none either.
 */
public final class PruningLint {
    private static final Set<String> KNOWN_VOLATILE = Set.of("random", "clock_timestamp", "timeofday", "nextval",
            "setval", "gen_random_uuid", "random_normal", "uuidv4", "uuidv7", "uuid_generate_v4");
    private static final Pattern RANGE_BOUND = Pattern.compile("FOR VALUES FROM \\((.*)\\) TO \\((.*)\\)");
    private static final Pattern LIST_BOUND = Pattern.compile("FOR VALUES IN \\((.*)\\)");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PruningLint.class);

    private PruningLint() {
    }

    /**
     * @param keys the keys of each set by its qualified name ({@link PruningTarget#qualifiedName()})
     * @param volatility a function's volatility by name ('i', 's', 'v'), null when unknown
     */
    public static List<PruningFinding> lint(ExplainResult result, Map<String, List<KeyPart>> keys,
            Function<String, Character> volatility) {
        Function<String, Character> known = name -> {
            Character v = volatility.apply(name);
            return v != null ? v : KNOWN_VOLATILE.contains(name) ? Character.valueOf('v') : null;
        };
        Map<String, String> settings = new LinkedHashMap<>();
        result.plans().forEach(p -> settings.putAll(p.settings()));
        boolean generic = executes(result.query())
                || "force_generic_plan".equals(settings.get("plan_cache_mode"));
        List<PruningFinding> findings = new ArrayList<>();
        for (PruningTarget target : result.targets()) {
            List<KeyPart> key = keys.get(target.qualifiedName());
            if (key == null || key.isEmpty()) {
                continue;
            }
            try {
                findings.addAll(target(target, key, result.plans(), settings, generic, known));
            } catch (RuntimeException e) {
                // a condition the reader does not understand must not cost the user the explain itself
                LOG.warn("pruning lint skipped {}: {}", target.qualifiedName(), e.toString(), e);
            }
        }
        return findings;
    }

    /** The names of the functions the plans' conditions call, to ask the catalog for their volatility. */
    public static Set<String> functionNames(List<ExplainPlan> plans) {
        Set<String> names = new LinkedHashSet<>();
        for (ExplainPlan plan : plans) {
            for (PlanNode node : plan.nodes()) {
                node.conditions().values().forEach(c -> names.addAll(ConditionLint.functionNames(c)));
            }
        }
        return names;
    }

    private static boolean executes(String query) {
        try {
            return StatementText.of(query, "query").executedStatementName().isPresent();
        } catch (PartscopeException e) {
            return false;
        }
    }

    private static List<PruningFinding> target(PruningTarget target, List<KeyPart> key, List<ExplainPlan> plans,
            Map<String, String> settings, boolean generic, Function<String, Character> volatility) {
        Set<String> leaves = new java.util.HashSet<>();
        target.leaves().forEach(l -> leaves.add(l.qualifiedName()));
        String name = target.qualifiedName();
        int executing = target.scanned().size() - target.neverExecuted().size();
        String counts = " Here " + executing + " of " + target.leafCount() + " partitions "
                + (executing == 1 ? "is" : "are") + " scanned.";
        Map<String, PruningFinding> found = new LinkedHashMap<>();
        boolean mentionsKey = false;
        boolean indexed = false;
        String firstFilter = null;
        List<ConditionLint.Runtime> runtime = new ArrayList<>();
        for (ExplainPlan plan : plans) {
            for (PlanNode node : plan.nodes()) {
                if (!node.isRelationScan()
                        || !leaves.contains(QualifiedNames.of(node.relation().schema(), node.relation().name()))) {
                    continue;
                }
                for (Map.Entry<String, String> condition : node.conditions().entrySet()) {
                    String label = condition.getKey();
                    indexed |= label.equals("Index Cond") || label.equals("Recheck Cond");
                    ConditionLint.Result r = ConditionLint.analyze(condition.getValue(), node.alias(), key,
                            volatility);
                    if (label.equals("Filter") && firstFilter == null) {
                        firstFilter = ConditionLint.shown(condition.getValue(), node.alias());
                    }
                    mentionsKey |= r.mentionsKey();
                    runtime.addAll(r.runtime());
                    if (executing > 1) {
                        for (ConditionLint.Issue issue : r.issues()) {
                            found.putIfAbsent(issue.kind() + "\u0000" + issue.expression(), new PruningFinding(name,
                                    issue.kind(), issue.expression(), issue.message() + counts, issue.suggestion()));
                        }
                    }
                }
            }
        }
        if (!mentionsKey) {
            mentionsKey = joinsOnKey(plans, leaves, key);
        }
        List<PruningFinding> out = new ArrayList<>(found.values());
        boolean declarative = target.kind() == SetKind.DECLARATIVE;
        if (executing > 1 && mentionsKey && declarative && "off".equals(settings.get("enable_partition_pruning"))) {
            out.add(new PruningFinding(name, Kind.PRUNING_DISABLED, null,
                    "enable_partition_pruning is off in this session, so the planner keeps every partition although "
                            + "the query filters on the partition key." + counts,
                    "SET enable_partition_pruning = on;  -- or RESET it; check ALTER ROLE/DATABASE ... SET and "
                            + "postgresql.conf for where it was turned off"));
        }
        if (executing > 1 && mentionsKey && !declarative && "off".equals(settings.get("constraint_exclusion"))) {
            out.add(new PruningFinding(name, Kind.PRUNING_DISABLED, null,
                    "constraint_exclusion is off in this session, so the CHECK constraints of the inheritance "
                            + "children are not used to skip them." + counts,
                    "SET constraint_exclusion = partition;  -- the default; or RESET it"));
        }
        if (target.subplansRemoved() > 0) {
            out.addAll(executorStart(target, key, runtime, generic));
        }
        if (out.isEmpty() && !mentionsKey && !indexed && firstFilter != null && target.leafCount() > 1
                && target.pruned().isEmpty() && target.subplansRemoved() == 0 && target.neverExecuted().isEmpty()) {
            out.add(noKeyFilter(target, key, firstFilter, counts));
        }
        return out;
    }

    /**
     * Whether a node other than this set's scans (a join, a parent's filter) names a key column: then the query
     * does relate to the key (a hash join on it), and "no condition on the key" would be wrong. Any qualifier counts,
     * so another table's column of the same name silences it too.
     */
    private static boolean joinsOnKey(List<ExplainPlan> plans, Set<String> leaves, List<KeyPart> key) {
        Set<String> columns = new java.util.HashSet<>();
        key.forEach(k -> columns.addAll(k.columns()));
        for (ExplainPlan plan : plans) {
            for (PlanNode node : plan.nodes()) {
                if (node.isRelationScan()
                        && leaves.contains(QualifiedNames.of(node.relation().schema(), node.relation().name()))) {
                    continue;
                }
                for (String condition : node.conditions().values()) {
                    if (ConditionLint.namesAnyColumn(condition, columns)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<PruningFinding> executorStart(PruningTarget target, List<KeyPart> key,
            List<ConditionLint.Runtime> runtime, boolean generic) {
        String name = target.qualifiedName();
        int removed = target.subplansRemoved();
        String where = " " + removed + " of " + target.leafCount() + " partitions were removed at executor start, "
                + target.pruned().size() + " pruned at plan time.";
        ConditionLint.Runtime parameter = runtime.stream().filter(ConditionLint.Runtime::parameter).findFirst()
                .orElse(null);
        ConditionLint.Runtime stable = runtime.stream().filter(r -> !r.parameter()).findFirst().orElse(null);
        if (generic && (parameter != null || stable == null)) {
            return List.of(new PruningFinding(name, Kind.GENERIC_PLAN, parameter == null ? null
                    : parameter.expression(),
                    "This EXECUTE ran a generic plan: the parameter values are not known while planning, so the "
                            + "partitions are pruned when the executor starts instead of at plan time. That is "
                            + "usually fine; each execution still locks every partition before pruning."
                            + where,
                    "For plan-time pruning use a custom plan: SET plan_cache_mode = force_custom_plan (or let it "
                            + "be auto: PostgreSQL uses custom plans for the first five executions); from pgjdbc, "
                            + "prepareThreshold decides when a statement becomes server-prepared (prepareThreshold=0 "
                            + "turns that off)."));
        }
        String functions = stable == null || stable.stableFunctions().isEmpty()
                ? "a value fixed only at run time (a stable function, or a comparison across types such as "
                        + "timestamptz with date)"
                : String.join(", ", new LinkedHashSet<>(stable.stableFunctions().stream()
                        .map(f -> f.equals(f.toUpperCase(java.util.Locale.ROOT)) ? f : f + "()").toList()));
        return List.of(new PruningFinding(name, Kind.STABLE_FUNCTION, stable == null ? null : stable.expression(),
                "The key is compared with " + functions + (stable == null || stable.stableFunctions().isEmpty()
                        ? "" : ", whose value is only fixed when the statement runs") + ": the partitions are pruned at executor start, not at plan time. That works; the plan still "
                        + "holds (and locks) every partition." + where,
                "Nothing to fix. For plan-time pruning, compute the value before the query and write it as a "
                        + "constant in place of " + functions + (stable == null ? "" : " in " + stable.expression())
                        + "."));
    }

    private static PruningFinding noKeyFilter(PruningTarget target, List<KeyPart> key, String filter,
            String counts) {
        KeyPart first = key.get(0);
        String keys = String.join(", ", key.stream().filter(k -> k.level() == 0).map(KeyPart::sql).toList());
        String suggestion = null;
        for (int i = target.leaves().size() - 1; i >= 0 && suggestion == null; i--) {
            PruningTarget.Leaf leaf = target.leaves().get(i);
            if (leaf.level() != 1 || leaf.bound() == null || key.stream().filter(k -> k.level() == 0).count() != 1) {
                continue;
            }
            Matcher range = RANGE_BOUND.matcher(leaf.bound());
            Matcher list = LIST_BOUND.matcher(leaf.bound());
            if (range.matches() && !range.group(1).contains(",") && !range.group(1).contains("MINVALUE")
                    && !range.group(2).contains("MAXVALUE") && !range.group(2).contains(",")) {
                suggestion = "If the rows you need lie in a known period, say so, e.g. for " + leaf.qualifiedName()
                        + ": AND " + first.sql() + " >= " + range.group(1) + " AND " + first.sql() + " < "
                        + range.group(2);
            } else if (list.matches()) {
                suggestion = "If the rows you need have known key values, say so, e.g. for " + leaf.qualifiedName()
                        + ": AND " + first.sql() + " IN (" + list.group(1) + ")";
            }
        }
        if (suggestion == null) {
            suggestion = "Add a condition on the partition key (" + keys + ") if the rows you need allow it"
                    + ("hash".equals(first.strategy()) ? ": hash partitions prune on " + first.sql() + " = <value>."
                            : ".");
        }
        return new PruningFinding(target.qualifiedName(), Kind.NO_KEY_FILTER, filter,
                "The query filters on other columns but not on the partition key (" + keys
                        + "), so every partition is read." + counts,
                suggestion);
    }
}
