package io.lakegate.ranger.mask;

/** A Ranger data mask no engine can apply faithfully; the column must not be shown. */
public final class UnsupportedMaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedMaskException(String message) {
        super(message);
    }
}
