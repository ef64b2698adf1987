package io.lakegate.policyserver;

/** A policy, role or user-store file that cannot be served; the message names the file and the position. */
public final class MalformedPolicyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedPolicyFileException(String message) {
        super(message);
    }

    MalformedPolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
