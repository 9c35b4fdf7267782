package io.partscope.ui.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partscope.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import picocli.CommandLine;

/**
 * The UI benchmark at a tiny scale against the test server, so the command cannot rot: it builds its set, drives the
 * real window through every step, and reports each step. (Its figures are not checked: no timing in tests.)
 */
@ExtendWith(ApplicationExtension.class)
class UiBenchmarkIT {
    private static final int PARTITIONS = 50;

    @Start
    void start(Stage stage) {
        // the toolkit only: the benchmark opens its own windows
    }

    @Test
    void runsEveryStepAtFiftyPartitionsAndWritesTheTableAndJson(@TempDir Path dir) throws Exception {
        TestPostgres pg = TestPostgres.get();
        Path json = dir.resolve("ui.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new CommandLine(new UiBenchmark(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--partitions", "" + PARTITIONS,
                "--runs", "1", "--timeout", "120", "--url", pg.superuserUrl("postgres"), "--json", json.toString());

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stderr);
        String table = out.toString(StandardCharsets.UTF_8);
        List<String> steps = List.of("connect, sets shown", "select set, partitions drawn", "whole set drawn",
                "every set read, exact sizes measured", "bare size queries (sizes.sql, every leaf)",
                "scroll top to bottom, 50 steps", "sort by XID age", "type filter \"p777\"", "clear filter",
                "Only problems on", "Only problems off", "tab Size", "tab XID age", "tab Timeline",
                "tab Partitions again", "EXPLAIN every leaf, drawn", "EXPLAIN open the scan group",
                "EXPLAIN generic plan, compared");
        for (String step : steps) {
            assertTrue(table.contains("| 50 | " + step + " | "), "row for " + step + " in\n" + table);
        }
        assertTrue(stderr.contains("bench_tree_50: 50 partitions created in"), stderr);
        // The EXPLAIN steps drew what they say: every leaf scanned, then all but one removed at executor start.
        assertTrue(stderr.contains("explain: public.bench — scanned 50 of 50 · removed at executor start 0"), stderr);
        assertTrue(stderr.contains("compared: A against B: 49 leaves differ"), stderr);

        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        JsonNode run = report.get("runs").get(0);
        assertEquals(PARTITIONS, run.get("partitions").asInt());
        // 50 leaves under one child of up to 1,000: the partitions table lists the child and its leaves.
        assertEquals(PARTITIONS + 1, run.get("memberRows").asInt());
        List<String> measured = new ArrayList<>();
        run.get("phases").forEach(p -> measured.add(p.get("phase").asText()));
        assertEquals(steps, measured);
    }
}
