package io.lakegate.lineage.emit;

/**
 * An emitter's counters, as JMX shows them ({@code io.lakegate.lineage:type=LineageEmitter,name=<name>}): Trino's
 * {@code jmx} catalog and any JMX client read them.
 */
public interface LineageEmitterMXBean {
    /** Events accepted into the queue. */
    long getSubmitted();

    /** Events the transport accepted. */
    long getSent();

    /** Events given up after their last attempt failed. */
    long getFailed();

    /** Events dropped because the queue was full, or still queued when the emitter closed. */
    long getDropped();

    /** Sends that failed and were tried again. */
    long getRetried();

    /** Events queued now. */
    int getQueueDepth();

    int getQueueCapacity();

    /** The last send failure's message, empty when none. */
    String getLastFailure();
}
