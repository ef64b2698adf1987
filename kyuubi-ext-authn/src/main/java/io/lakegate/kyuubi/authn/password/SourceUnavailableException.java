package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

/** The source could not answer (down, slow, misconfigured at runtime): says nothing of the credentials. */
public final class SourceUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String reason, Throwable cause) {
        super(requireNonNull(reason, "reason is null"), cause);
    }
}
