package io.partscope.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.partscope.core.ops.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's verification when the partitions are listed anyway: counted, each reason said once. */
class SummaryGroupingTest {
    @Test
    void passedChecksAreCountedAndAReasonSharedByManyIsSaidOnce() {
        String why = "not lower; an old snapshot holds back the freeze horizon";
        List<Check> checks = List.of(Check.pass("a", "XID age 30 -> 0"), Check.warn("b", "XID age 30 -> 30: " + why),
                Check.pass("c", "XID age 30 -> 0"), Check.warn("d", "XID age 31 -> 31: " + why),
                Check.warn("e", "e no longer exists"));

        assertThat(OperationWizard.grouped(checks)).containsExactly(
                Check.pass("verification", "2 of 5 checks passed (the partitions are listed below)"),
                Check.warn("verification", "2 of 5: " + why),
                Check.warn("verification", "1 of 5: e no longer exists (e)"));
    }
}
