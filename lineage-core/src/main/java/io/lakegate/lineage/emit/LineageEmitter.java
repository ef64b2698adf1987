package io.lakegate.lineage.emit;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.transports.HttpTransportResponseException;
import io.openlineage.client.transports.Transport;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Sends OpenLineage run events from a host's own threads without ever making them wait: {@link #submit} puts the
 * event into a bounded queue (or drops one, as the {@link DropPolicy} says, when it is full) and returns; one
 * background thread builds each event, sends it through the transport and retries a failed send with exponential
 * backoff. Events are built on that thread, so the host pays for a queue insert only. Counters are exported over
 * JMX as {@code io.lakegate.lineage:type=LineageEmitter,name=<name>}.
 *
 * <p>Thread-safe. {@link #close} stops taking events, gives the queued ones until the shutdown timeout to be sent,
 * and counts the rest as dropped.
 */
public final class LineageEmitter implements AutoCloseable, LineageEmitterMXBean {
    private static final System.Logger LOG = System.getLogger(LineageEmitter.class.getName());
    private static final long POLL_MILLIS = 200;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String name;
    private final Transport transport;
    private final EmitterSettings settings;
    private final ArrayBlockingQueue<Supplier<Optional<RunEvent>>> queue;
    private final LongAdder submitted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread sender;
    private volatile boolean accepting = true;
    // Read only once closing has counted down, which publishes it.
    private volatile long drainDeadline;
    private volatile String lastFailure = "";
    private final Optional<ObjectName> objectName;

    private LineageEmitter(String name, Transport transport, EmitterSettings settings) {
        this.name = requireNonNull(name, "name is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.sender = new Thread(this::run, "lakegate-lineage-sender-" + name);
        sender.setDaemon(true);
        this.objectName = register();
    }

    /** Starts the sender thread; {@code name} tells this emitter's thread and JMX counters from others'. */
    public static LineageEmitter start(String name, Transport transport, EmitterSettings settings) {
        LineageEmitter emitter = new LineageEmitter(name, transport, settings);
        emitter.sender.start();
        return emitter;
    }

    /**
     * Queues an event, built later on the sender thread ({@link Optional#empty()} when, once built, there is nothing
     * to send). Never blocks; returns false when the event was dropped.
     */
    public boolean submit(Supplier<Optional<RunEvent>> event) {
        requireNonNull(event, "event is null");
        if (accepting) {
            boolean queued = queue.offer(event);
            if (!queued && settings.dropPolicy() == DropPolicy.DROP_OLDEST) {
                if (queue.poll() != null) {
                    dropped.increment();
                    logDrop();
                }
                queued = queue.offer(event);
            }
            // Closing may have emptied the queue after the check above: such an event is dropped, not lost uncounted.
            if (queued && (accepting || !queue.remove(event))) {
                submitted.increment();
                return true;
            }
        }
        dropped.increment();
        logDrop();
        return false;
    }

    /** The JMX name the counters are exported under, when the platform's MBean server took them. */
    public Optional<ObjectName> objectName() {
        return objectName;
    }

    @Override
    public long getSubmitted() {
        return submitted.sum();
    }

    @Override
    public long getSent() {
        return sent.sum();
    }

    @Override
    public long getFailed() {
        return failed.sum();
    }

    @Override
    public long getDropped() {
        return dropped.sum();
    }

    @Override
    public long getRetried() {
        return retried.sum();
    }

    @Override
    public int getQueueDepth() {
        return queue.size();
    }

    @Override
    public int getQueueCapacity() {
        return settings.capacity();
    }

    @Override
    public String getLastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        accepting = false;
        drainDeadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        closing.countDown();
        try {
            // The transport's own timeout bounds the send in flight at the deadline.
            sender.join(settings.shutdownTimeout().toMillis() + TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            dropped.add(left);
            queue.clear();
            LOG.log(Level.WARNING, "Lineage emitter {0} closed with {1} events unsent", name, left);
        }
        try {
            transport.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Lineage emitter " + name + ": closing the transport failed", e);
        }
        objectName.ifPresent(LineageEmitter::unregister);
    }

    private void run() {
        List<Supplier<Optional<RunEvent>>> batch = new ArrayList<>(settings.batchSize());
        try {
            while (true) {
                Supplier<Optional<RunEvent>> first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!accepting) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.batchSize() - 1);
                for (Supplier<Optional<RunEvent>> event : batch) {
                    if (pastDrainDeadline()) {
                        // Closing ran out of time: what is left is counted, not sent.
                        dropped.increment();
                    } else {
                        send(event);
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean pastDrainDeadline() {
        return closing.getCount() == 0 && System.nanoTime() - drainDeadline > 0;
    }

    // Any Throwable of one event, a StackOverflowError from a deep statement included, costs that event only: the
    // sender thread must outlive it, or every later event would be dropped.
    private void send(Supplier<Optional<RunEvent>> source) throws InterruptedException {
        Optional<RunEvent> event;
        try {
            event = source.get();
        } catch (Throwable e) {
            // An event that cannot be built is a bug of ours, never the host's problem: counted, logged, skipped.
            failed.increment();
            lastFailure = "building an event: " + e;
            logFailure(e);
            return;
        }
        if (event.isEmpty()) {
            return;
        }
        long backoff = settings.initialBackoff().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                transport.emit(event.get());
                sent.increment();
                return;
            } catch (Throwable e) {
                lastFailure = e.toString();
                if (attempt >= settings.maxAttempts() || refusedForGood(e) || pastDrainDeadline()) {
                    failed.increment();
                    logFailure(e);
                    return;
                }
                retried.increment();
                if (closing.await(backoff, TimeUnit.NANOSECONDS)) {
                    // Closing: no more waiting, but each queued event still gets tried until the deadline.
                    backoff = 0;
                } else {
                    backoff = Math.min(backoff * 2, settings.maxBackoff().toNanos());
                }
            }
        }
    }

    /**
     * A receiver's 4xx (but 408 and 429) refuses this event as it is: sending it again would only hold up the ones
     * behind it.
     */
    private static boolean refusedForGood(Throwable e) {
        if (e instanceof HttpTransportResponseException response) {
            int status = response.getStatusCode();
            return status >= 400 && status < 500 && status != 408 && status != 429;
        }
        return false;
    }

    private void logDrop() {
        if (takeLogTurn(lastDropLog)) {
            LOG.log(
                    Level.WARNING,
                    "Lineage emitter {0} dropped an event: the queue of {1} is full ({2} dropped so far); the"
                            + " receiver is down or slower than the host",
                    name,
                    settings.capacity(),
                    dropped.sum());
        }
    }

    private void logFailure(Throwable e) {
        if (takeLogTurn(lastFailureLog)) {
            LOG.log(Level.WARNING, "Lineage emitter " + name + " gave up an event (" + failed.sum() + " so far)", e);
        }
    }

    // At most one line a minute per kind: a receiver outage must not flood the host's log.
    private static boolean takeLogTurn(AtomicLong last) {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= LOG_INTERVAL_NANOS && last.compareAndSet(previous, now);
    }

    private Optional<ObjectName> register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (int suffix = 1; ; suffix++) {
                String unique = suffix == 1 ? name : name + "-" + suffix;
                ObjectName candidate =
                        new ObjectName("io.lakegate.lineage:type=LineageEmitter,name=" + ObjectName.quote(unique));
                try {
                    server.registerMBean(new StandardMBean(this, LineageEmitterMXBean.class, true), candidate);
                    return Optional.of(candidate);
                } catch (InstanceAlreadyExistsException e) {
                    // Another emitter of the same name in this JVM (tests, two listeners): take the next name.
                }
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Lineage emitter " + name + ": its counters are not exported over JMX", e);
            return Optional.empty();
        }
    }

    private static void unregister(ObjectName objectName) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
        } catch (JMException e) {
            LOG.log(Level.DEBUG, "Already unregistered: " + objectName, e);
        }
    }
}
