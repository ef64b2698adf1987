package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands audit work (building Ranger's event and passing it to Ranger's audit pipeline) to one background thread,
 * in the order it was submitted, so that a decision's caller does not wait for it. The thread takes the work every
 * 20 ms rather than being woken for each: waking a thread is a system call, paid on
 * the query's thread for every statement. Bounded: when the queue is full (or closed) the caller does the work
 * itself, so an event is never dropped here. Pending work is finished on {@link #close} and at JVM shutdown.
 */
final class AuditQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditQueue.class);
    private static final long DRAIN_INTERVAL_MILLIS = 20;
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final int capacity;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Thread writer;
    private final Thread shutdownHook;
    private volatile boolean closed;

    AuditQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.writer = new Thread(this::writeUntilClosed, "lakegate-ranger-audit");
        writer.setDaemon(true);
        writer.start();
        this.shutdownHook = new Thread(this::drain, "lakegate-ranger-audit-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void submit(Runnable work) {
        requireNonNull(work, "work is null");
        // Closed, or full: the caller writes the event itself rather than lose it.
        if (closed) {
            runSafely(work);
            return;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            runSafely(work);
            return;
        }
        queue.add(work);
        // Closed meanwhile: the writer may have taken its last look, so the caller finishes the work.
        if (closed) {
            writeQueued();
        }
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

    private void writeUntilClosed() {
        while (!closed) {
            writeQueued();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_INTERVAL_MILLIS));
        }
        writeQueued();
    }

    private void writeQueued() {
        for (Runnable work = queue.poll(); work != null; work = queue.poll()) {
            size.decrementAndGet();
            runSafely(work);
        }
    }

    private void drain() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.error(
                    "{} Ranger audit events were still queued after {} s and are lost",
                    size.get(),
                    SHUTDOWN_WAIT_SECONDS);
            return;
        }
        writeQueued();
    }

    private static void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // One event Ranger cannot build must not stop the events after it.
            log.error("Could not write a Ranger audit event", e);
        }
    }
}
