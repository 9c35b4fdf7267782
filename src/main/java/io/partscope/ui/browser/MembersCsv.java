package io.partscope.ui.browser;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.partscope.core.catalog.PartitionMember;
import java.util.List;

/**
 * The member table as CSV for a spreadsheet: raw numbers (bytes, counts, ages, ISO times), not the table's
 * rounded text, one row per member in the order shown. {@code xid_age_pct} is the XID age in percent of the member's
 * effective freeze max age (a sub-partitioned member: its worst leaf's, each against its own limit).
 */
public final class MembersCsv {
    // Strict quoting: quote only what needs it (by default long values are quoted without looking).
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(Line.class).withHeader();

    private MembersCsv() {
    }

    @JsonPropertyOrder({"schema", "partition", "level", "bound", "total_bytes", "rows", "dead_pct", "bloat_pct",
        "xid_age", "xid_age_pct", "mxid_age", "last_vacuum", "last_analyze", "flags"})
    record Line(String schema, String partition, int level, String bound, Long total_bytes, Long rows,
            Double dead_pct, Double bloat_pct, Long xid_age, Double xid_age_pct, Long mxid_age,
            String last_vacuum, String last_analyze, String flags) {
    }

    public static String of(List<MemberRow> rows) {
        List<Line> lines = rows.stream().map(MembersCsv::line).toList();
        try {
            return MAPPER.writer(SCHEMA).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV of plain values cannot fail", e);
        }
    }

    private static Line line(MemberRow r) {
        PartitionMember m = r.member();
        return new Line(m.schema(), m.name(), r.level(), m.bound(), r.totalBytes(), r.rows(), round(r.deadPct()),
                round(r.bloatPct()), r.xidAge(), r.xidAgeFraction() == null ? null : round(100 * r.xidAgeFraction()),
                r.mxidAge(), r.lastVacuum() == null ? null : r.lastVacuum().toString(),
                r.lastAnalyze() == null ? null : r.lastAnalyze().toString(), String.join(" ", r.flags()));
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }
}
