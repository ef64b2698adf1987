package io.lakegate.lineage.hub.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An event as received, in the order the hub stored it. */
public record StoredEvent(long sequence, Instant eventTime, String json) {
    public StoredEvent {
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(json, "json is null");
    }
}
