package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Ranger's answer to an {@link AccessRequest}. A denial carries the message every Lakegate plugin shows, in the
 * style of Ranger's own plugins: {@code Permission denied: user [alice] does not have [select] privilege on
 * [sales/orders/ssn]}, and the reason when Ranger could not decide at all (no policies loaded), which the message
 * ends with.
 */
public record AccessDecision(boolean allowed, long policyId, String denialMessage, String reason) {
    /** Policy id Ranger reports when no policy decided. */
    public static final long NO_POLICY = -1;

    public AccessDecision {
        requireNonNull(denialMessage, "denialMessage is null");
        requireNonNull(reason, "reason is null");
    }

    static AccessDecision allowed(long policyId) {
        return new AccessDecision(true, policyId, "", "");
    }

    /**
     * The denial wording shared by every engine; {@code resource} is as Ranger's plugins print it, e.g.
     * {@code sales/orders/ssn,email} for two columns of one table.
     */
    public static String permissionDenied(String user, String accessType, String resource) {
        return permissionDenied(user, List.of(new Denial(accessType, resource)), "");
    }

    /**
     * Every privilege a statement lacks, in one message in the same wording, in the order given: {@code Permission
     * denied: user [bob] does not have [select] privilege on [sales/orders/ssn], [read] privilege on [file:/x]},
     * followed by {@code : reason} when there is one.
     */
    public static String permissionDenied(String user, List<Denial> denials, String reason) {
        requireNonNull(user, "user is null");
        requireNonNull(reason, "reason is null");
        if (denials.isEmpty()) {
            throw new IllegalArgumentException("no denials");
        }
        String message = "Permission denied: user [" + user + "] does not have "
                + denials.stream()
                        .map(denial -> "[" + denial.accessType() + "] privilege on [" + denial.resource() + "]")
                        .collect(Collectors.joining(", "));
        return reason.isEmpty() ? message : message + ": " + reason;
    }

    /** A privilege not held: an access type on a resource, as Ranger's plugins print it. */
    public record Denial(String accessType, String resource) {
        public Denial {
            requireNonNull(accessType, "accessType is null");
            requireNonNull(resource, "resource is null");
        }
    }

    static AccessDecision denied(long policyId, AccessRequest request, String why) {
        String message = permissionDenied(
                request.identity().user(),
                List.of(new Denial(request.accessType(), request.resource().path())),
                why);
        return new AccessDecision(false, policyId, message, why);
    }
}
