package io.partscope.ui.chart;

import io.partscope.core.catalog.PartitionMember;
import io.partscope.ui.Formats;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;

/** Axes the charts share: partitions by position in tree order, and sizes in kB/MB/GB. */
final class ChartAxes {
    private static final long[] STEPS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private ChartAxes() {
    }

    /**
     * A horizontal axis over leaf positions (0 = first leaf in tree order) whose tick labels are partition names,
     * set vertically; the axis picks how many names fit.
     */
    static NumberAxis partitionAxis(List<PartitionMember> leaves) {
        NumberAxis axis = new NumberAxis("Partitions in tree order (" + Formats.count((long) leaves.size()) + ")");
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setNumberFormatOverride(new LabelFormat(i -> {
            long index = Math.round(i);
            return Math.abs(i - index) < 1e-6 && index >= 0 && index < leaves.size()
                    ? leaves.get((int) index).name() : "";
        }));
        axis.setVerticalTickLabels(true);
        axis.setRange(-0.5, Math.max(leaves.size(), 1) - 0.5);
        axis.setAutoRange(false);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        return axis;
    }

    /** A vertical axis of bytes with ticks at round binary sizes (256 MB, 512 MB, 1.0 GB), written as psql does. */
    static NumberAxis bytesAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        NumberFormat format = new LabelFormat(v -> v == 0 ? "0" : Formats.bytes(Math.round(v)));
        TickUnits units = new TickUnits();
        for (long unit = 1; unit <= (1L << 50); unit <<= 10) {
            for (long step : STEPS) {
                units.add(new NumberTickUnit((double) step * unit, format));
            }
        }
        axis.setStandardTickUnits(units);
        axis.setAutoRangeIncludesZero(true);
        // Taller label boxes make the axis choose fewer, farther-apart ticks (128 MB steps up to 1 GB, not 64 MB).
        axis.setTickLabelInsets(new org.jfree.chart.ui.RectangleInsets(8, 4, 8, 4));
        axis.setUpperMargin(0.08);
        return axis;
    }

    /** A NumberFormat that only formats, through a function; enough for JFreeChart's tick labels. */
    static final class LabelFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.DoubleFunction<String> text;

        LabelFormat(java.util.function.DoubleFunction<String> text) {
            this.text = text;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(text.apply(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(text.apply(number));
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("labels are not parsed");
        }
    }
}
