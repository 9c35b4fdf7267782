package io.partscope.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MembersCsvTest {
    @Test
    void writesRawNumbersAndQuotesWhatNeedsQuotes() {
        MemberRow plain = MemberRow.of(CatalogFixtures.leaf("t", "t_1", "FOR VALUES IN ('a', 'b')", false, 8192, 10,
                5, 1000L, false));
        MemberRow odd = MemberRow.of(CatalogFixtures.leaf("t", "odd \"name\", really", "DEFAULT", true, 16384, 3, 0,
                2000L, false));
        String csv = MembersCsv.of(List.of(plain, odd));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("schema,partition,level,bound,total_bytes,rows,dead_pct,bloat_pct,xid_age,"
                + "xid_age_pct,mxid_age,last_vacuum,last_analyze,flags");
        assertThat(lines.get(1)).startsWith("public,t_1,1,\"FOR VALUES IN ('a', 'b')\",8192,10,33.33,0.0,1000,");
        assertThat(lines.get(2)).startsWith("public,\"odd \"\"name\"\", really\",1,DEFAULT,16384,3,0.0,0.0,2000,")
                .endsWith(",DEFAULT");
        assertThat(lines).hasSize(3);
    }
}
