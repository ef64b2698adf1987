package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerResource;

/** A privilege a statement needs beyond reading: {@code update}, {@code create}, {@code drop} or {@code write}. */
record StatementWrite(String accessType, RangerResource resource) {
    StatementWrite {
        requireNonNull(accessType, "accessType is null");
        requireNonNull(resource, "resource is null");
    }
}
