package io.partscope.core.catalog;

/**
 * One partition set as {@link SetSummaryReader} lists it before its members are read.
 *
 * @param set                  the root (name, kind, strategy, key) and the set's totals; no partitions
 * @param worstXidAgeFraction  the highest XID age share of any member with storage, as the full read gives it
 *                             (over the members' {@link PartitionMember#xidAgeFraction()}); null when none has one
 * @param worstMxidAgeFraction the same for MXID ages against their own limit
 */
public record SetSummary(PartitionSet set, Double worstXidAgeFraction, Double worstMxidAgeFraction) {
}
