package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands audit work (building Ranger's event and passing it to Ranger's audit pipeline) to one background thread,
 * in the order it was submitted, so that a decision's caller does not wait for it. Bounded: when the queue is full
 * (or closed) the caller does the work itself, so an event is never dropped here. Pending work is finished on {@link #close}
 * and at JVM shutdown.
 */
final class AuditQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditQueue.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final ThreadPoolExecutor executor;
    private final Thread shutdownHook;

    AuditQueue(int capacity) {
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "lakegate-ranger-audit");
                    thread.setDaemon(true);
                    return thread;
                },
                // Full, or closed: the caller writes the event itself rather than lose it.
                (work, executor) -> work.run());
        this.shutdownHook = new Thread(this::drain, "lakegate-ranger-audit-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void submit(Runnable work) {
        requireNonNull(work, "work is null");
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // One event Ranger cannot build must not stop the events after it.
                log.error("Could not write a Ranger audit event", e);
            }
        });
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook drains.
        }
        drain();
    }

    private void drain() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.error(
                        "{} Ranger audit events were still queued after {} s and are lost",
                        executor.getQueue().size(),
                        SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
