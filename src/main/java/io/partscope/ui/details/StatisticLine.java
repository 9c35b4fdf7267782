package io.partscope.ui.details;

/**
 * One row of the statistics grid: what the number is, its value as text, what it means for a DBA (the tooltip), and
 * whether it needs attention.
 *
 * @param level null, {@link DetailsStyles#WARNING} or {@link DetailsStyles#DANGER}
 */
public record StatisticLine(String name, String value, String explanation, String level) {

    static StatisticLine of(String name, String value, String explanation) {
        return new StatisticLine(name, value, explanation, null);
    }
}
