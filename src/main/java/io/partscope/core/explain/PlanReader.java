package io.partscope.core.explain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the output of {@code EXPLAIN (FORMAT JSON)} with Jackson's streaming parser: a plan over 10,000 partitions
 * is tens of megabytes, and a tree of generic JSON nodes would hold several times that. Only the fields of
 * {@link PlanNode} are kept; the rest (output lists, worker details, JIT) is skipped without being built.
 */
public final class PlanReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            // A plan's JSON is one large document from a trusted server; the default limits are for untrusted input.
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(10_000).build())
            .build();

    /** The conditions kept from each node, by EXPLAIN's label. */
    static final Set<String> CONDITIONS = Set.of("Filter", "Index Cond", "Recheck Cond", "Join Filter",
            "Hash Cond", "Merge Cond", "One-Time Filter", "TID Cond");

    private PlanReader() {
    }

    /** The plans of one EXPLAIN (one per statement the query rewrote into; almost always one). */
    public static List<ExplainPlan> read(String json) throws PartscopeException {
        return read(new StringReader(json));
    }

    public static List<ExplainPlan> read(Reader json) throws PartscopeException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw malformed("a JSON array", p);
            }
            List<ExplainPlan> plans = new ArrayList<>(1);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                plans.add(readStatement(p));
            }
            return plans;
        } catch (IOException e) {
            throw new PartscopeException(ErrorKind.INTERNAL, "could not read the server's EXPLAIN output: "
                    + e.getMessage(), e);
        }
    }

    private static ExplainPlan readStatement(JsonParser p) throws IOException, PartscopeException {
        PlanNode root = null;
        Double planning = null;
        Double execution = null;
        Map<String, String> settings = Map.of();
        int[] ids = {0};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Plan" -> root = readNode(p, ids);
                case "Planning Time" -> planning = p.getValueAsDouble();
                case "Execution Time" -> execution = p.getValueAsDouble();
                case "Settings" -> settings = readStringMap(p);
                default -> {
                    if (value.isStructStart()) {
                        p.skipChildren();
                    }
                }
            }
        }
        if (root == null) {
            throw malformed("a \"Plan\"", p);
        }
        return new ExplainPlan(root, planning, execution, settings);
    }

    private static PlanNode readNode(JsonParser p, int[] ids) throws IOException, PartscopeException {
        int id = ids[0]++;
        String nodeType = null;
        String parentRelationship = null;
        String subplanName = null;
        String relationName = null;
        String schema = null;
        String alias = null;
        String indexName = null;
        String joinType = null;
        String operation = null;
        Double startupCost = null;
        Double totalCost = null;
        Double planRows = null;
        Double actualStartup = null;
        Double actualTotal = null;
        Double actualRows = null;
        Long actualLoops = null;
        Long sharedHit = null;
        Long sharedRead = null;
        Long sharedDirtied = null;
        Long sharedWritten = null;
        Long tempRead = null;
        Long tempWritten = null;
        Long removedByFilter = null;
        Long subplansRemoved = null;
        Map<String, String> conditions = new LinkedHashMap<>();
        List<PlanNode.RelationRef> targets = List.of();
        List<PlanNode> children = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Node Type" -> nodeType = p.getText();
                case "Parent Relationship" -> parentRelationship = p.getText();
                case "Subplan Name" -> subplanName = p.getText();
                case "Relation Name" -> relationName = p.getText();
                case "Schema" -> schema = p.getText();
                case "Alias" -> alias = p.getText();
                case "Index Name" -> indexName = p.getText();
                case "Join Type" -> joinType = p.getText();
                case "Operation" -> operation = p.getText();
                case "Startup Cost" -> startupCost = p.getValueAsDouble();
                case "Total Cost" -> totalCost = p.getValueAsDouble();
                case "Plan Rows" -> planRows = p.getValueAsDouble();
                case "Actual Startup Time" -> actualStartup = p.getValueAsDouble();
                case "Actual Total Time" -> actualTotal = p.getValueAsDouble();
                case "Actual Rows" -> actualRows = p.getValueAsDouble();
                case "Actual Loops" -> actualLoops = p.getValueAsLong();
                case "Shared Hit Blocks" -> sharedHit = p.getValueAsLong();
                case "Shared Read Blocks" -> sharedRead = p.getValueAsLong();
                case "Shared Dirtied Blocks" -> sharedDirtied = p.getValueAsLong();
                case "Shared Written Blocks" -> sharedWritten = p.getValueAsLong();
                case "Temp Read Blocks" -> tempRead = p.getValueAsLong();
                case "Temp Written Blocks" -> tempWritten = p.getValueAsLong();
                case "Rows Removed by Filter" -> removedByFilter = p.getValueAsLong();
                case "Subplans Removed" -> subplansRemoved = p.getValueAsLong();
                case "Plans" -> children = readChildren(p, ids);
                case "Target Tables" -> targets = readTargets(p);
                default -> {
                    if (value.isStructStart()) {
                        p.skipChildren();
                    } else if (CONDITIONS.contains(field)) {
                        conditions.put(field, p.getText());
                    }
                }
            }
        }
        if (nodeType == null) {
            throw malformed("a \"Node Type\"", p);
        }
        PlanNode.RelationRef relation = relationName == null ? null : new PlanNode.RelationRef(schema, relationName);
        return new PlanNode(id, nodeType, parentRelationship, subplanName, relation, alias, indexName, joinType,
                operation, startupCost, totalCost, planRows, actualStartup, actualTotal, actualRows, actualLoops,
                sharedHit, sharedRead, sharedDirtied, sharedWritten, tempRead, tempWritten, removedByFilter,
                subplansRemoved, conditions, targets, children);
    }

    private static List<PlanNode> readChildren(JsonParser p, int[] ids) throws IOException, PartscopeException {
        List<PlanNode> children = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            children.add(readNode(p, ids));
        }
        return children;
    }

    private static List<PlanNode.RelationRef> readTargets(JsonParser p) throws IOException {
        List<PlanNode.RelationRef> targets = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String schema = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("Relation Name".equals(field)) {
                    name = p.getText();
                } else if ("Schema".equals(field)) {
                    schema = p.getText();
                } else if (value.isStructStart()) {
                    p.skipChildren();
                }
            }
            if (name != null) {
                targets.add(new PlanNode.RelationRef(schema, name));
            }
        }
        return targets;
    }

    private static Map<String, String> readStringMap(JsonParser p) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isStructStart()) {
                p.skipChildren();
            } else {
                map.put(key, p.getText());
            }
        }
        return map;
    }

    private static PartscopeException malformed(String expected, JsonParser p) {
        return new PartscopeException(ErrorKind.INTERNAL, "unexpected EXPLAIN output: expected " + expected
                + " near " + p.currentLocation().offsetDescription());
    }
}
