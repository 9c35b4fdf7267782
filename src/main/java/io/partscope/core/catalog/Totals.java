package io.partscope.core.catalog;

/**
 * Numbers rolled up over the leaves below a member (or a whole set). For an inheritance parent that holds rows
 * itself, its own numbers count too. Ages are the worst (maximum) over the leaves; null where no leaf has one.
 */
public record Totals(int partitionCount, int leafCount, long totalBytes, long tableBytes, long indexBytes,
        long toastBytes, long rowEstimate, long liveTuples, long deadTuples, Long maxXidAge, Long maxMxidAge,
        long bloatBytes, int defaultPartitions, long defaultRows, int detachPending) {
}
