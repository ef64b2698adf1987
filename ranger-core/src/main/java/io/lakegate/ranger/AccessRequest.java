package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One question to Ranger: may {@code identity} perform {@code accessType} (a Ranger access type such as
 * {@code select}) on {@code resource}? The client address takes part in policy conditions; the request text
 * only goes to the audit log.
 */
public record AccessRequest(
        UserIdentity identity,
        RangerResource resource,
        String accessType,
        Optional<String> clientIp,
        Optional<String> requestText) {
    public AccessRequest {
        requireNonNull(identity, "identity is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(accessType, "accessType is null");
        requireNonNull(clientIp, "clientIp is null");
        requireNonNull(requestText, "requestText is null");
        if (accessType.isBlank()) {
            throw new IllegalArgumentException("accessType is blank");
        }
    }

    public static AccessRequest of(UserIdentity identity, RangerResource resource, String accessType) {
        return new AccessRequest(identity, resource, accessType, Optional.empty(), Optional.empty());
    }

    public AccessRequest withClientIp(String clientIp) {
        return new AccessRequest(identity, resource, accessType, Optional.of(clientIp), requestText);
    }

    public AccessRequest withRequestText(String requestText) {
        return new AccessRequest(identity, resource, accessType, clientIp, Optional.of(requestText));
    }
}
