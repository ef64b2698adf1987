package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

/**
 * Ranger's answer to an {@link AccessRequest}. A denial carries the message every Lakegate plugin shows, in the
 * style of Ranger's own plugins: {@code Permission denied: user [alice] does not have [select] privilege on
 * [sales/orders/ssn]}.
 */
public record AccessDecision(boolean allowed, long policyId, String denialMessage) {
    /** Policy id Ranger reports when no policy decided. */
    public static final long NO_POLICY = -1;

    public AccessDecision {
        requireNonNull(denialMessage, "denialMessage is null");
    }

    static AccessDecision allowed(long policyId) {
        return new AccessDecision(true, policyId, "");
    }

    /**
     * The denial wording shared by every engine; {@code resource} is as Ranger's plugins print it, e.g.
     * {@code sales/orders/ssn,email} for two columns of one table.
     */
    public static String permissionDenied(String user, String accessType, String resource) {
        return "Permission denied: user [%s] does not have [%s] privilege on [%s]"
                .formatted(user, accessType, resource);
    }

    static AccessDecision denied(long policyId, AccessRequest request, String why) {
        String message = permissionDenied(
                request.identity().user(),
                request.accessType(),
                request.resource().path());
        return new AccessDecision(false, policyId, why.isEmpty() ? message : message + ": " + why);
    }
}
