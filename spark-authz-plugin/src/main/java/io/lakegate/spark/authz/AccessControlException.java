package io.lakegate.spark.authz;

/** A statement refused by Ranger policy; the message names user, privilege and resources. */
public final class AccessControlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessControlException(String message) {
        super(message);
    }
}
