package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranger's decisions on everything a statement does, taken together: a refused statement names every privilege it
 * lacks on every resource, not the first. Every decision is audited as Ranger audits it.
 */
final class Denials {
    private final RangerAuthorizer authorizer;
    private final UserIdentity identity;
    private final List<AccessDecision.Denial> denied = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String reason = "";

    Denials(RangerAuthorizer authorizer, UserIdentity identity) {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** Asks for {@code accessType} on {@code resource}; whether Ranger allows it. */
    boolean require(String accessType, RangerResource resource) {
        AccessDecision decision = authorizer.authorize(AccessRequest.of(identity, resource, accessType));
        if (!decision.allowed()) {
            deny(accessType, resource.path(), decision);
        }
        return decision.allowed();
    }

    /** {@code select} on the columns a statement reads of a table, audited as one event; on the table without. */
    List<String> select(TableRead read) {
        if (read.columns().isEmpty()) {
            require(Commands.SELECT, read.table().resource());
            return List.of();
        }
        List<AccessDecision> decisions =
                authorizer.authorizeColumns(identity, read.table().resource(), read.columns(), Commands.SELECT);
        List<String> deniedColumns = new ArrayList<>();
        AccessDecision anyDenial = null;
        for (int i = 0; i < decisions.size(); i++) {
            if (!decisions.get(i).allowed()) {
                deniedColumns.add(read.columns().get(i));
                anyDenial = decisions.get(i);
            }
        }
        if (anyDenial != null) {
            deny(Commands.SELECT, read.table().resource().path() + "/" + String.join(",", deniedColumns), anyDenial);
        }
        return deniedColumns;
    }

    /** Says, after Ranger's wording, why a denied privilege was asked. */
    void note(String note) {
        notes.add(requireNonNull(note, "note is null"));
    }

    void throwIfDenied() {
        if (denied.isEmpty()) {
            return;
        }
        String message = AccessDecision.permissionDenied(identity.user(), denied, reason);
        throw new AccessControlException(notes.isEmpty() ? message : message + "; " + String.join("; ", notes));
    }

    private void deny(String accessType, String resource, AccessDecision decision) {
        denied.add(new AccessDecision.Denial(accessType, resource));
        if (reason.isEmpty()) {
            reason = decision.reason();
        }
    }
}
