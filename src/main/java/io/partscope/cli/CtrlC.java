package io.partscope.cli;

import io.partscope.core.db.Cancellation;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C as cancel for work that talks to the server outside an operation's run (planning, EXPLAIN): the shutdown
 * hook cancels the running statement on the server, lets the command say so, and ends the JVM with exit code 9
 * (query cancelled) instead of the JVM's 130. Without it the server would go on with a query nobody waits for.
 */
public final class CtrlC {
    /** Work that takes the cancellation Ctrl-C triggers. */
    public interface Work<T> {
        T run(Cancellation cancellation) throws Exception;
    }

    private CtrlC() {
    }

    public static <T> T cancels(CliContext context, Work<T> work) throws Exception {
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            interrupted.set(true);
            cancellation.cancel();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ErrorKind.QUERY_CANCELLED.exitCode());
        }, "ctrl-c-cancels");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return work.run(cancellation);
        } catch (PartscopeException | RuntimeException e) {
            if (interrupted.get()) {
                context.err().println("partscope: " + ErrorKind.QUERY_CANCELLED.title() + ": cancelled by the user"
                        + " (Ctrl-C)");
                context.err().flush();
                finished.countDown();
                new CountDownLatch(1).await(); // the hook halts the JVM with exit code 9 now
            }
            throw e;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook ends it
            }
        }
    }
}
