package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerResource;

/**
 * A privilege a command needs on what it names: {@code update}, {@code create}, {@code drop}, {@code write}, or
 * {@code select} to describe.
 */
public record CommandPrivilege(String accessType, RangerResource resource) {
    public CommandPrivilege {
        requireNonNull(accessType, "accessType is null");
        requireNonNull(resource, "resource is null");
    }

    static CommandPrivilege on(String accessType, RangerResource resource) {
        return new CommandPrivilege(accessType, resource);
    }
}
