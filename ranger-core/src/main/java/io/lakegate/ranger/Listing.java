package io.lakegate.ranger;

import java.util.function.Supplier;

/**
 * One user's decisions on one access type over the objects of listings ({@code SHOW TABLES} over ten thousand
 * tables, a catalog's columns), from {@link RangerAuthorizer#listing}: each object is evaluated by Ranger once per
 * policy, tag, role and user-store version, and answered after that from a map keyed by the host's own name for it,
 * without building its Ranger resource again. Audited as {@link RangerAuthorizer#authorize} audits. Thread-safe.
 */
public interface Listing {
    /**
     * Whether the user holds the access type on the object the host calls {@code key} (any value with equals and
     * hashCode, naming one object: a schema and table name, say), whose Ranger resource {@code resource} builds
     * when it has to be evaluated.
     */
    boolean allows(Object key, Supplier<RangerResource> resource);
}
