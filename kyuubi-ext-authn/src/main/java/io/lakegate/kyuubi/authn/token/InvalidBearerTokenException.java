package io.lakegate.kyuubi.authn.token;

import static java.util.Objects.requireNonNull;

/**
 * A bearer token was refused. The message, which clients see, is the same whatever failed; {@link #reason()} tells
 * operators and tests what did, and the service logs the details.
 */
public final class InvalidBearerTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "Authentication failed: invalid bearer token";

    /** What was wrong with a token, for logs and metrics: never for clients. */
    public enum Reason {
        MALFORMED,
        UNSIGNED,
        ENCRYPTED,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        MISSING_EXPIRY,
        MISSING_USER_CLAIM,
        INVALID_CLAIMS,
        KEY_SOURCE_UNAVAILABLE,
    }

    private final Reason reason;
    private final String detail;

    InvalidBearerTokenException(Reason reason, String detail) {
        super(MESSAGE);
        this.reason = requireNonNull(reason, "reason is null");
        this.detail = requireNonNull(detail, "detail is null");
    }

    public Reason reason() {
        return reason;
    }

    /** What exactly failed, as logged; may quote the token's (unverified) content, so never for clients. */
    String detail() {
        return detail;
    }
}
