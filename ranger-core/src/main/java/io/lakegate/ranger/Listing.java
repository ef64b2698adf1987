package io.lakegate.ranger;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
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

    /**
     * The {@code keys} the user holds the access type on, in their order, as {@link #allows} decides each: keys of one
     * {@code scope} (any value with equals and hashCode: the table whose columns they are, say), so that the same
     * name in two scopes is two objects. A host that lists the same objects again (a catalog's ten thousand tables,
     * at every {@code information_schema} query) is answered, while the policies and the objects are the same, by
     * one comparison of the two sets instead of one lookup per object.
     */
    default <K> Set<K> filter(Object scope, Set<K> keys, Function<? super K, RangerResource> resource) {
        Set<K> allowed = new LinkedHashSet<>();
        for (K key : keys) {
            if (allows(new Scoped(scope, key), () -> resource.apply(key))) {
                allowed.add(key);
            }
        }
        return allowed;
    }

    /** An object's key within its scope, as {@link #filter} asks {@link #allows}. */
    record Scoped(Object scope, Object key) {}
}
