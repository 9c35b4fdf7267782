package io.partscope.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.bench.BenchSets;
import io.partscope.core.catalog.CatalogFilter;
import io.partscope.core.catalog.CatalogReader;
import io.partscope.core.catalog.CatalogSnapshot;
import io.partscope.core.db.Database;
import io.partscope.core.db.DatabaseOptions;
import io.partscope.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bench tree}: its full bare query returns the rows {@code tree} reads, in every layout, and the table it
 * prints times the launcher (bin/partscope) as a whole process beside {@code java -jar}.
 */
class BenchTreeIT {
    private static final TestPostgres PG = TestPostgres.get();

    @TempDir
    Path cache;

    @ParameterizedTest
    @EnumSource(BenchSets.Layout.class)
    void theFullBareQueryReturnsARowForTheRootAndEveryMemberTreeReads(BenchSets.Layout layout) throws Exception {
        String dbName = BenchSets.databaseName(layout, 40);
        BenchSets.ensureDatabase(PG.superuserSettings("postgres"), dbName, layout, 40, line -> { });
        try (Database db = Database.open(PG.superuserSettings(dbName), DatabaseOptions.DEFAULTS)) {
            CatalogSnapshot snapshot = new CatalogReader(db).read(CatalogFilter.ALL, null);
            int members = snapshot.roots().get(0).partitions().size();
            assertThat(TreeBenchmark.bare(db, TreeBenchmark.BARE_QUERY)).isEqualTo(members + 1L);
            assertThat(TreeBenchmark.bare(db, TreeBenchmark.fullQuery(db))).isEqualTo(members + 1L);
        }
    }

    @Test
    void theTablePrintsTheFullQueryAndTheLauncherBesideJavaJar() throws Exception {
        Path jar = Path.of("target", "partscope.jar");
        assertThat(jar).as("mvn package").isRegularFile();
        assertThat(Path.of("/usr/bin/psql")).as("psql, for the whole-process columns").isExecutable();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "bench", "tree", "--layout", "flat", "--partitions", "30", "--runs", "1",
                "--url", PG.superuserUrl("postgres"));
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("PATH", "/usr/bin:" + System.getenv("PATH"));
        Path err = Files.createTempFile(cache, "err", ".txt");
        builder.redirectError(err.toFile());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String progress = Files.readString(err);
        assertThat(exit).as(progress).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).contains("| full bare query (ms) |", "| psql, full bare query (ms) |",
                "| bin/partscope tree --json (ms) |", "| java -jar partscope.jar tree --json (ms) |");
        String[] header = cells(lines.get(0));
        String[] row = cells(lines.get(2));
        assertThat(row).hasSameSizeAs(header);
        assertThat(row[0]).isEqualTo("flat");
        for (int i = 2; i < row.length; i++) {
            assertThat(row[i]).as(header[i] + " in " + out).matches("[0-9.,]+");
        }
        assertThat(progress).contains("launcher tree --json").doesNotContain("not timing");
    }

    private static String[] cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        String[] cells = inner.split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }
}
