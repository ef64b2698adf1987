package io.lakegate.lineage.hub.store;

/** The store failed: the database is unreachable or refused a write. Nothing of the failed write is kept. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
