package io.lakegate.lineage.emit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a {@link LineageEmitter} queues and retries.
 *
 * @param capacity events queued at most; beyond it {@code dropPolicy} decides which is dropped
 * @param batchSize events taken from the queue at once by the sender
 * @param maxAttempts sends of one event before it is given up (counted as failed)
 * @param initialBackoff wait after an event's first failed send, doubled after each further failure
 * @param maxBackoff the longest wait between two sends of one event
 * @param dropPolicy which event gives way when the queue is full
 * @param shutdownTimeout how long closing waits for queued events to be sent
 */
public record EmitterSettings(
        int capacity,
        int batchSize,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        DropPolicy dropPolicy,
        Duration shutdownTimeout) {
    public EmitterSettings {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        requireNonNull(dropPolicy, "dropPolicy is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, not "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, not " + shutdownTimeout);
        }
    }

    /** 10,000 events, batches of 100, 5 attempts from 500 ms up to 30 s apart, the newest dropped, 10 s to drain. */
    public static EmitterSettings defaults() {
        return new EmitterSettings(
                10_000,
                100,
                5,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                DropPolicy.DROP_NEWEST,
                Duration.ofSeconds(10));
    }
}
