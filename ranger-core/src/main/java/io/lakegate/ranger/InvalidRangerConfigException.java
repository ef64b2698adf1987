package io.lakegate.ranger;

/** Ranger configuration that cannot work; the message names the key, the file and the fix. */
public final class InvalidRangerConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRangerConfigException(String message) {
        super(message);
    }
}
