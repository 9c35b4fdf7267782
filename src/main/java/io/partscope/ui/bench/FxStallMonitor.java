package io.partscope.ui.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * Measures how long the FX thread does not respond. A background thread posts a ping with {@link Platform#runLater}
 * every few milliseconds and records the delay until it runs; the next ping is posted only after the previous one
 * ran, so one stall counts once, as one long delay. While a ping has been waiting longer than the sampling threshold,
 * the FX thread's stack is sampled, so a stall can be named (the frames of this application it was in).
 *
 * <p>Phase-scoped: {@link #start} a phase, do things, {@link #stop} it and read its {@link Result}. One phase at a
 * time.
 */
public final class FxStallMonitor {
    /** What one phase measured, in milliseconds. */
    public record Result(int pings, double maxMs, double p99Ms, List<Stall> stalls) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d pings, max %.1f ms, p99 %.1f ms", pings, maxMs, p99Ms);
        }
    }

    /** One stall longer than the report threshold, and where the FX thread was meanwhile (frame -> samples). */
    public record Stall(double ms, Map<String, Integer> where) {
    }

    private static final String FX_THREAD_NAME = "JavaFX Application Thread";
    private static final long SAMPLE_EVERY_NANOS = 5_000_000;
    private static final java.util.Set<String> WAITING_METHODS = java.util.Set.of("park", "sleep", "sleep0", "wait",
            "wait0");

    private final long intervalNanos;
    private final long sampleAfterNanos;
    private final double reportStallsOverMs;

    private final Object lock = new Object();
    private Thread pinger;
    private volatile boolean running;
    private List<Double> delays;
    private List<Stall> stalls;

    /** Pings every 5 ms; samples the stack every 5 ms of a stall past 20 ms, and reports stalls over 100 ms. */
    public FxStallMonitor() {
        this(5, 20, 100);
    }

    public FxStallMonitor(long intervalMs, long sampleAfterMs, double reportStallsOverMs) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.sampleAfterNanos = TimeUnit.MILLISECONDS.toNanos(sampleAfterMs);
        this.reportStallsOverMs = reportStallsOverMs;
    }

    /** Starts measuring a phase. */
    public void start() {
        synchronized (lock) {
            if (running) {
                throw new IllegalStateException("a phase is already running");
            }
            delays = new ArrayList<>();
            stalls = new ArrayList<>();
            running = true;
            pinger = new Thread(this::pingLoop, "fx-stall-monitor");
            pinger.setDaemon(true);
            pinger.start();
        }
    }

    /** Ends the phase (a ping still waiting counts with its delay so far) and returns what it measured. */
    public Result stop() throws InterruptedException {
        Thread thread;
        synchronized (lock) {
            if (!running) {
                throw new IllegalStateException("no phase running");
            }
            running = false;
            thread = pinger;
        }
        thread.join();
        List<Double> sorted = new ArrayList<>(delays);
        sorted.sort(null);
        double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
        double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1,
                (int) Math.ceil(sorted.size() * 0.99) - 1));
        return new Result(sorted.size(), max, p99, List.copyOf(stalls));
    }

    private void pingLoop() {
        Thread fx = findFxThread();
        while (running) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Long> ranAt = new AtomicReference<>();
            Platform.runLater(() -> {
                ranAt.set(System.nanoTime());
                ran.countDown();
            });
            Map<String, Integer> where = new LinkedHashMap<>();
            try {
                while (!ran.await(SAMPLE_EVERY_NANOS, TimeUnit.NANOSECONDS)) {
                    if (!running) {
                        break;
                    }
                    if (fx != null && System.nanoTime() - posted >= sampleAfterNanos) {
                        where.merge(where(fx.getStackTrace()), 1, Integer::sum);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = ranAt.get() != null ? ranAt.get() : System.nanoTime();
            double ms = (end - posted) / 1e6;
            delays.add(ms);
            if (ms > reportStallsOverMs) {
                stalls.add(new Stall(ms, where));
            }
            try {
                TimeUnit.NANOSECONDS.sleep(intervalNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A sample in a few words: the outermost and the innermost frame of this application (io.partscope, the monitor
     * excepted), and the innermost frame overall, e.g.
     * {@code ui.browser.BrowserViewModel.show … ui.TableColumns$1.updateItem:40 > javafx.scene.Node.reapplyCss:9508}.
     */
    static String where(StackTraceElement[] stack) {
        // A thread that waits: name what it waits in (the render thread, a lock), not the park itself.
        int first = 0;
        while (first < stack.length - 1 && isWaitingMachinery(stack[first].getClassName())) {
            first++;
        }
        boolean waits = stack.length > 0 && WAITING_METHODS.contains(stack[0].getMethodName());
        String top = stack.length == 0 ? "?" : (waits ? "(waits) " : "") + frame(stack[first]);
        String inner = null;
        String outer = null;
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("io.partscope.") && !e.getClassName().startsWith("io.partscope.ui.bench.")) {
                String own = frame(e).replace("io.partscope.", "");
                if (inner == null) {
                    inner = own;
                }
                outer = own;
            }
        }
        if (inner == null) {
            return top;
        }
        String ours = outer.equals(inner) ? inner : outer + " … " + inner;
        return stack[first].getClassName().startsWith("io.partscope.") ? ours : ours + " > " + top;
    }

    private static boolean isWaitingMachinery(String cls) {
        return cls.startsWith("jdk.internal.misc.") || cls.startsWith("java.util.concurrent.")
                || cls.equals("java.lang.Object") || cls.equals("java.lang.Thread");
    }

    private static String frame(StackTraceElement e) {
        String cls = e.getClassName();
        return cls + "." + e.getMethodName() + (e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "");
    }

    private static Thread findFxThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (FX_THREAD_NAME.equals(t.getName())) {
                return t;
            }
        }
        return null;
    }
}
