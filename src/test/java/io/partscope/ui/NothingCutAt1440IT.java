package io.partscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partscope.support.CutText;
import io.partscope.support.DemoAppIT;
import io.partscope.ui.browser.PartitionSetRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The demo in a 1440 x 900 window, the smallest screen the README promises: every label, badge, header and cell of
 * the main window shows its whole text (no "decla…", "PARTITI…"), for each partition set.
 */
class NothingCutAt1440IT extends DemoAppIT {

    private void size1440(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.stage().setX(0);
            window.stage().setY(0);
            window.stage().setWidth(1440);
            window.stage().setHeight(900);
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> cut() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> CutText.under(window.stage().getScene().getRoot()))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSetsTableThePartitionsTableAndTheStatusLineShowTheirWholeTextAt1440(FxRobot robot) throws Exception {
        size1440(robot);
        openDemo(robot);
        waitOnFx(TIMEOUT_SECONDS, () -> !window.viewModel().currentSession().browser().measuringSizesProperty().get());
        assertEquals(List.of(), cut(), "with no set selected");

        List<String> names = WaitForAsyncUtils.asyncFx(() -> window.browser().setsTable().getItems().stream()
                .map(PartitionSetRow::name).toList()).get(10, TimeUnit.SECONDS);
        List<String> cutPerSet = new ArrayList<>();
        for (String name : names) {
            robot.interact(() -> window.browser().setsTable().getItems().stream()
                    .filter(r -> r.name().equals(name)).findFirst()
                    .ifPresent(r -> window.browser().setsTable().getSelectionModel().select(r)));
            waitOnFx(TIMEOUT_SECONDS, () -> !window.viewModel().currentSession().activity().isBusy()
                    && !window.browser().shownMembers().isEmpty());
            cut().forEach(text -> cutPerSet.add(name + ": " + text));
        }
        assertEquals(List.of(), cutPerSet);
    }
}
