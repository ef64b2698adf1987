package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

/**
 * One question to Ranger: may {@code identity} perform {@code accessType} (a Ranger access type such as
 * {@code select}) on {@code resource}?
 */
public record AccessRequest(UserIdentity identity, RangerResource resource, String accessType) {
    public AccessRequest {
        requireNonNull(identity, "identity is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(accessType, "accessType is null");
        if (accessType.isBlank()) {
            throw new IllegalArgumentException("accessType is blank");
        }
    }

    public static AccessRequest of(UserIdentity identity, RangerResource resource, String accessType) {
        return new AccessRequest(identity, resource, accessType);
    }
}
