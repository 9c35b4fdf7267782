package io.partscope.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class FxTaskExecutorTest {
    private final FxTaskExecutor executor = new FxTaskExecutor(2);

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        executor.close();
    }

    @Test
    void runsWorkOnANamedDaemonThreadAndDeliversTheResultOnTheFxThread() throws Exception {
        CompletableFuture<String> workThread = new CompletableFuture<>();
        CompletableFuture<Boolean> deliveredOnFx = new CompletableFuture<>();
        CompletableFuture<String> result = new CompletableFuture<>();
        Platform.runLater(() -> executor.execute(BackgroundTask.of("sum", cancellation -> {
            workThread.complete(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "/daemon" : ""));
            return "42";
        }).onSuccess(value -> {
            deliveredOnFx.complete(Platform.isFxApplicationThread());
            result.complete(value);
        })));

        assertEquals("42", result.get(10, TimeUnit.SECONDS));
        assertTrue(deliveredOnFx.get());
        assertTrue(workThread.get().matches("partscope-worker-\\d+/daemon"), workThread.get());
    }

    @Test
    void deliversAFailureToTheFailureCallback() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Platform.runLater(() -> executor.execute(BackgroundTask.of("fail", cancellation -> {
            throw new IllegalStateException("boom");
        }).onFailure(failure::complete)));

        assertEquals("boom", failure.get(10, TimeUnit.SECONDS).getMessage());
    }

    @Test
    void cancelStopsWaitingAtOnceAndMarksTheCancellation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> cancelledFlag = new CompletableFuture<>();
        List<String> outcomes = new ArrayList<>();
        TaskHandle[] handle = new TaskHandle[1];
        Platform.runLater(() -> handle[0] = executor.execute(BackgroundTask.of("slow", cancellation -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            cancelledFlag.complete(cancellation.isCancelled());
            cancellation.throwIfCancelled();
            return "late";
        }).onSuccess(v -> outcomes.add("success")).onFailure(f -> outcomes.add("failure"))
                .onCancelled(() -> outcomes.add("cancelled"))));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        WaitForAsyncUtils.asyncFx(() -> handle[0].cancel()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("cancelled"), outcomes);
        assertTrue(handle[0].isDone());

        release.countDown();
        assertTrue(cancelledFlag.get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("cancelled"), outcomes, "a cancelled task's late outcome is discarded");
    }

    @Test
    void cancellingAFinishedTaskDoesNothing() throws Exception {
        CompletableFuture<TaskHandle> done = new CompletableFuture<>();
        TaskHandle[] handle = new TaskHandle[1];
        Platform.runLater(() -> handle[0] = executor.execute(BackgroundTask.of("quick", c -> 1)
                .onSuccess(v -> done.complete(handle[0]))));
        TaskHandle finished = done.get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(finished::cancel).get(10, TimeUnit.SECONDS);
        assertTrue(finished.isDone());
    }
}
