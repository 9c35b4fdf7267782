package io.partscope.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query history: newest first, no duplicates, at most 50, survives a restart, a broken file is not fatal. */
class QueryHistoryTest {
    @TempDir
    Path folder;

    @Test
    void aRepeatedQueryMovesToTheFrontAndTheListStopsAtFifty() throws Exception {
        List<String> history = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            history = QueryHistory.with(history, "SELECT " + i);
        }
        history = QueryHistory.with(history, "  SELECT 30\n");
        assertEquals(QueryHistory.LIMIT, history.size());
        assertEquals(List.of("SELECT 30", "SELECT 59", "SELECT 58"), history.subList(0, 3));
        assertEquals(history, QueryHistory.with(history, "   "));

        QueryHistory store = new QueryHistory(folder);
        store.save(history);
        assertEquals(history, new QueryHistory(folder).load());
    }

    @Test
    void anUnreadableFileGivesAnEmptyHistory() throws Exception {
        Files.writeString(folder.resolve(QueryHistory.FILE_NAME), "{ not json");
        assertEquals(List.of(), new QueryHistory(folder).load());
        assertEquals(List.of(), new QueryHistory(folder.resolve("missing")).load());
    }
}
