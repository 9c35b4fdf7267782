package io.partscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartExportTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path folder;

    private static JFreeChart sizeChart() {
        return SizeChart.createChart(ChartFixtures.dailyMetrics(LocalDate.of(2026, 1, 1), 20, List.of(), 0));
    }

    @Test
    void writesAPngOfTheRequestedSize() throws Exception {
        Path file = folder.resolve("nested/size.png");

        ChartExport.savePng(sizeChart(), file, 640, 360);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
        // the background is the app's white surface
        assertThat(image.getRGB(2, 2) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void refusesAnEmptySize() {
        assertThatThrownBy(() -> ChartExport.savePng(sizeChart(), folder.resolve("x.png"), 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
