package io.lakegate.lineage.hub.ingest;

/** The ingest queue is full; the sender should retry later (answered with 503 and Retry-After). */
public final class OverloadedException extends Exception {
    private static final long serialVersionUID = 1L;

    public OverloadedException(String message) {
        super(message);
    }
}
