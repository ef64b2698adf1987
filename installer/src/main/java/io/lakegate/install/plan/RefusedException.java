package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

/** A host, file or option the installer will not act on; the message says which and what to do. */
public final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(requireNonNull(message, "message is null"));
    }
}
