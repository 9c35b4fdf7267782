package io.partscope.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stage 2's batches start small and grow toward {@link SizeReader#TARGET_BATCH_MILLIS} each. */
class SizeBatchSizeTest {

    @Test
    void fastBatchesGrowAtMostFourfoldUpToTheLargest() {
        int size = SizeReader.FIRST_BATCH;
        int batches = 0;
        // 0.02 ms per relation: a batch of 25,000 would take the target; growth stops at MAX_BATCH.
        while (size < SizeReader.MAX_BATCH) {
            int next = SizeReader.nextBatchSize(size, Math.max(1, size / 50));
            assertThat(next).isGreaterThan(size).isLessThanOrEqualTo(4 * size);
            size = next;
            batches++;
        }
        assertThat(size).isEqualTo(SizeReader.MAX_BATCH);
        assertThat(batches).isLessThanOrEqualTo(3);
    }

    @Test
    void aBatchAtTheTargetKeepsItsSize() {
        assertThat(SizeReader.nextBatchSize(4_000, SizeReader.TARGET_BATCH_MILLIS)).isEqualTo(4_000);
    }

    @Test
    void slowBatchesShrinkByHalfAtMostNeverBelowTheFirst() {
        assertThat(SizeReader.nextBatchSize(8_000, 10 * SizeReader.TARGET_BATCH_MILLIS)).isEqualTo(4_000);
        assertThat(SizeReader.nextBatchSize(SizeReader.FIRST_BATCH, 60_000)).isEqualTo(SizeReader.FIRST_BATCH);
    }
}
