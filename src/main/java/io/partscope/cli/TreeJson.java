package io.partscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.catalog.PartitionMember;
import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.Totals;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code tree --json} written field by field with Jackson's streaming generator: the same document, byte for byte,
 * as {@link Json#mapper()} makes of a {@link CatalogSnapshot} (the contract in docs/cli.md; TreeCommandIT compares
 * the two on every kind of set), without databind. A cold process spent a fifth of its CPU on databind for this
 * one document: loading some 500 classes, introspecting the records by reflection, and running that generic code
 * for 10,000 members before the JIT had compiled it. The field names and order here are the contract; the
 * records' Jackson annotations must say the same.
 */
public final class TreeJson {
    /** Only jackson-core: creating it loads no databind class. */
    private static final JsonFactory FACTORY = Json.factory();

    private TreeJson() {
    }

    /** Writes the snapshot, indented as {@code writerWithDefaultPrettyPrinter()} does; flushes {@code out}, leaves it open. */
    public static void writePretty(CatalogSnapshot snapshot, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(g, snapshot);
        }
    }

    /** Writes the snapshot without indentation (as {@code Json.mapper().writeValue}); flushes {@code out}, leaves it open. */
    public static void writeCompact(CatalogSnapshot snapshot, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, snapshot);
        }
    }

    private static void write(JsonGenerator g, CatalogSnapshot s) throws IOException {
        g.writeStartObject();
        g.writeStringField("server_version", s.serverVersion());
        g.writeStringField("database", s.database());
        time(g, "read_at", s.readAt());
        g.writeNumberField("autovacuum_freeze_max_age", s.autovacuumFreezeMaxAge());
        number(g, "vacuum_failsafe_age", s.vacuumFailsafeAge());
        strings(g, "warnings", s.warnings());
        g.writeArrayFieldStart("roots");
        for (PartitionSet set : s.roots()) {
            set(g, set);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void set(JsonGenerator g, PartitionSet set) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", set.schema());
        g.writeStringField("name", set.name());
        g.writeStringField("kind", set.kind() == null ? null : set.kind().json());
        g.writeStringField("strategy", set.strategy() == null ? null : set.strategy().json());
        g.writeStringField("partition_key", set.partitionKey());
        g.writeArrayFieldStart("partitions");
        for (PartitionMember m : set.partitions()) {
            member(g, m);
        }
        g.writeEndArray();
        g.writeFieldName("totals");
        totals(g, set.totals());
        g.writeFieldName("root");
        member(g, set.rootMember());
        g.writeEndObject();
    }

    private static void member(JsonGenerator g, PartitionMember m) throws IOException {
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("schema", m.schema());
        g.writeStringField("name", m.name());
        g.writeStringField("parent_schema", m.parentSchema());
        g.writeStringField("parent_name", m.parentName());
        g.writeArrayFieldStart("parents");
        for (RelationName p : m.parents()) {
            g.writeStartObject();
            g.writeStringField("schema", p.schema());
            g.writeStringField("name", p.name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("level", m.level());
        g.writeBooleanField("is_leaf", m.isLeaf());
        g.writeBooleanField("is_default", m.isDefault());
        g.writeStringField("bound", m.bound());
        g.writeStringField("partition_key", m.partitionKey());
        g.writeBooleanField("detach_pending", m.detachPending());
        g.writeStringField("relkind", m.relkind() == null ? null : m.relkind().json());
        g.writeStringField("persistence", m.persistence() == null ? null : m.persistence().json());
        g.writeStringField("tablespace", m.tablespace());
        strings(g, "reloptions", m.reloptions());
        g.writeBooleanField("sizes_estimated", m.sizesEstimated());
        number(g, "total_bytes", m.totalBytes());
        number(g, "table_bytes", m.tableBytes());
        number(g, "index_bytes", m.indexBytes());
        number(g, "toast_bytes", m.toastBytes());
        number(g, "row_estimate", m.rowEstimate());
        number(g, "live_tuples", m.liveTuples());
        number(g, "dead_tuples", m.deadTuples());
        number(g, "mods_since_analyze", m.modsSinceAnalyze());
        number(g, "xid_age", m.xidAge());
        number(g, "mxid_age", m.mxidAge());
        g.writeNumberField("freeze_max_age", m.freezeMaxAge());
        g.writeNumberField("mxid_freeze_max_age", m.mxidFreezeMaxAge());
        number(g, "bloat_bytes", m.bloatBytes());
        if (m.bloatPct() == null) {
            g.writeNullField("bloat_pct");
        } else {
            g.writeNumberField("bloat_pct", m.bloatPct().doubleValue());
        }
        g.writeStringField("bloat_status", m.bloatStatus() == null ? null : m.bloatStatus().json());
        time(g, "last_vacuum", m.lastVacuum());
        time(g, "last_autovacuum", m.lastAutovacuum());
        time(g, "last_analyze", m.lastAnalyze());
        time(g, "last_autoanalyze", m.lastAutoanalyze());
        if (m.totals() != null) { // @JsonInclude(NON_NULL): leaves have no totals
            g.writeFieldName("totals");
            totals(g, m.totals());
        }
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, Totals t) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("partition_count", t.partitionCount());
        g.writeNumberField("leaf_count", t.leafCount());
        g.writeNumberField("total_bytes", t.totalBytes());
        g.writeNumberField("table_bytes", t.tableBytes());
        g.writeNumberField("index_bytes", t.indexBytes());
        g.writeNumberField("toast_bytes", t.toastBytes());
        g.writeNumberField("row_estimate", t.rowEstimate());
        g.writeNumberField("live_tuples", t.liveTuples());
        g.writeNumberField("dead_tuples", t.deadTuples());
        number(g, "max_xid_age", t.maxXidAge());
        number(g, "max_mxid_age", t.maxMxidAge());
        g.writeNumberField("bloat_bytes", t.bloatBytes());
        g.writeNumberField("default_partitions", t.defaultPartitions());
        g.writeNumberField("default_rows", t.defaultRows());
        g.writeNumberField("detach_pending", t.detachPending());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value.longValue());
        }
    }

    /** As JavaTimeModule writes an OffsetDateTime with WRITE_DATES_AS_TIMESTAMPS off: ISO-8601 with its offset. */
    private static void time(JsonGenerator g, String field, OffsetDateTime value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
