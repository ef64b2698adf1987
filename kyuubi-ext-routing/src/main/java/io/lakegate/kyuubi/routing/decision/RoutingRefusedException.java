package io.lakegate.kyuubi.routing.decision;

/**
 * A session Lakegate will not route: the message says which user, which setting and why. Kyuubi fails the session's
 * opening with it.
 */
public final class RoutingRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RoutingRefusedException(String message) {
        super(message);
    }
}
