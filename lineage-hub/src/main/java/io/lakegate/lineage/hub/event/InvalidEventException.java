package io.lakegate.lineage.hub.event;

/** An event the hub refuses, with a message naming the field and the problem; answered with 400. */
public final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}
