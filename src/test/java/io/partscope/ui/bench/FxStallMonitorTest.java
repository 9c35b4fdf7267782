package io.partscope.ui.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The instrument, not the app: a deliberate 300 ms sleep on the FX thread is seen as a stall of about that length,
 * with the sleep named in its stack samples; an idle FX thread shows no such stall.
 */
@ExtendWith(ApplicationExtension.class)
class FxStallMonitorTest {
    private static final long STALL_MS = 300;

    @Start
    void start(Stage stage) {
        // the toolkit only: nothing to show
    }

    @Test
    void aSleepOnTheFxThreadIsTheLongestStallAndIsNamed() throws Exception {
        FxStallMonitor monitor = new FxStallMonitor();
        monitor.start();
        Thread.sleep(50);
        Platform.runLater(FxStallMonitorTest::sleepOnFxThread);
        Thread.sleep(STALL_MS + 200);
        FxStallMonitor.Result result = monitor.stop();

        // A ping posted just after the sleep began waits for all of it, less one ping interval (5 ms).
        assertTrue(result.maxMs() >= STALL_MS - 20, "max " + result);
        assertEquals(1, result.stalls().size(), "one stall over 100 ms: " + result.stalls());
        FxStallMonitor.Stall stall = result.stalls().get(0);
        assertTrue(stall.where().keySet().stream().anyMatch(w -> w.contains("(waits) ") && w.contains("FxStallMonitorTest.sleepOnFxThread")),
                "the samples name the code that sleeps: " + stall.where());
        assertTrue(result.pings() > 10, "pings went on before and after the stall: " + result);
    }

    @Test
    void anIdleFxThreadShowsNoStallOfThatLength() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        FxStallMonitor monitor = new FxStallMonitor();
        monitor.start();
        Thread.sleep(STALL_MS + 200);
        FxStallMonitor.Result result = monitor.stop();

        assertTrue(result.maxMs() < STALL_MS, "max " + result);
        assertTrue(result.pings() > 10, "it pinged all along: " + result);
    }

    @Test
    void phasesAreMeasuredApart() throws Exception {
        FxStallMonitor monitor = new FxStallMonitor();
        monitor.start();
        Platform.runLater(FxStallMonitorTest::sleepOnFxThread);
        Thread.sleep(STALL_MS + 100);
        assertTrue(monitor.stop().maxMs() >= STALL_MS - 20);

        WaitForAsyncUtils.waitForFxEvents();
        monitor.start();
        Thread.sleep(200);
        assertTrue(monitor.stop().maxMs() < STALL_MS, "the second phase does not inherit the first one's stall");
    }

    private static void sleepOnFxThread() {
        try {
            TimeUnit.MILLISECONDS.sleep(STALL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
