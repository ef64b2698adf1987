package io.lakegate.ranger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;

/**
 * Ranger's results, keyed by everything that decides them: the versions of policies, tags, roles and user store,
 * and the request. A new version of any of them makes every older entry unreachable, so a policy change applies
 * on the next call. The time-to-live bounds how late a policy's validity schedule or time condition can take
 * effect, since those change decisions without changing a version.
 */
final class DecisionCache {
    enum Kind {
        ACCESS,
        // Decided without auditing: the caller audits several decisions as one event.
        ACCESS_UNAUDITED,
        ROW_FILTER,
        DATA_MASK
    }

    record Versions(long policies, long tags, long roles, long userStore) {}

    /**
     * Who asks, as far as it decides Ranger's answer: the client's address is one, since policy conditions may test
     * it; the statement's text is not (it is only audited).
     */
    record Requester(String user, Set<String> groups, Optional<String> clientAddress) {
        static Requester of(UserIdentity identity) {
            return new Requester(
                    identity.user(), identity.groups(), identity.context().clientAddress());
        }
    }

    private record Key(Kind kind, Versions versions, Requester requester, RangerResource resource, String accessType) {}

    /** A result of Ranger's, and whether Ranger's audit handler wrote an event for it. */
    record Evaluated(RangerAccessResult result, boolean audited) {}

    /**
     * Whom a user is, as long as Ranger's roles and user store are those of the key; {@code hostGroups} are the
     * groups the host handed over with the user, empty when the {@link GroupLookup} finds them.
     */
    record IdentityKey(String user, Optional<Set<String>> hostGroups, long rolesVersion, long userStoreVersion) {}

    /**
     * Whose listing decisions, for which access type, under which versions (see {@link Listing}): hashed once, as a
     * listing looks thousands of objects up under one.
     */
    static final class ListingKey {
        private final Versions versions;
        private final Requester requester;
        private final String accessType;
        private final int hash;

        ListingKey(Versions versions, Requester requester, String accessType) {
            this.versions = versions;
            this.requester = requester;
            this.accessType = accessType;
            this.hash = Objects.hash(versions, requester, accessType);
        }

        Versions versions() {
            return versions;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ListingKey that
                    && hash == that.hash
                    && versions.equals(that.versions)
                    && requester.equals(that.requester)
                    && accessType.equals(that.accessType);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One object of a listing: the host's own name for it, under the listing's key. */
    private record ListedKey(ListingKey listing, Object object) {}

    /** A whole set of objects of one scope listed under the listing's key: the host's names, hashed once. */
    static final class AnswerKey {
        private final ListingKey listing;
        private final Object scope;
        private final Set<?> objects;
        private final int hash;

        AnswerKey(ListingKey listing, Object scope, Set<?> objects) {
            this(listing, scope, objects, Objects.hash(listing, scope, objects));
        }

        private AnswerKey(ListingKey listing, Object scope, Set<?> objects, int hash) {
            this.listing = listing;
            this.scope = scope;
            this.objects = objects;
            this.hash = hash;
        }

        /** This key for an equal set (a copy to keep), without hashing the set again. */
        AnswerKey withObjects(Set<?> equalObjects) {
            return new AnswerKey(listing, scope, equalObjects, hash);
        }

        Seen seen() {
            return new Seen(listing, scope, hash);
        }

        int size() {
            return objects.size();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AnswerKey that
                    && hash == that.hash
                    && listing.equals(that.listing)
                    && scope.equals(that.scope)
                    && objects.equals(that.objects);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** That a set of objects of this hash was listed under the listing's key: no reference to the host's set. */
    record Seen(ListingKey listing, Object scope, int hash) {}

    /**
     * The objects of a set that a listing allows, and the decisions among them Ranger audited (object, result), to
     * audit again for each request the answer serves.
     */
    record Answer(Set<?> allowed, List<Map.Entry<Object, RangerAccessResult>> audited) {}

    /**
     * A listing decision, and Ranger's result when Ranger audited it, to audit again (for the request of the time)
     * each time it answers.
     */
    record Listed(boolean allowed, Optional<RangerAccessResult> audited) {}

    /** A whole table's row filter and masks for a user, as {@link RangerAuthorizer#protection} answers them. */
    record ProtectionKey(Versions versions, Requester requester, RangerResource table, List<String> columns) {}

    /** A decision Ranger audited, to be audited again for each request it answers. */
    record Audited(AccessRequest request, RangerAccessResult result) {}

    /** A table's protection, and the decisions behind it that Ranger audited. */
    record Protection(TableProtection protection, List<Audited> audited) {}

    /** The columns of one table a user accesses, as {@link RangerAuthorizer#authorizeColumns} decides them. */
    record ColumnsKey(Versions versions, Requester requester, TableAccess access) {}

    /**
     * Decisions on a table's columns, in order, and the one event auditing them (resource {@code auditPath}), if
     * Ranger audits them. Incomplete when any was decided without a policy engine: not cached.
     */
    record Columns(List<AccessDecision> decisions, Optional<Audited> audit, String auditPath, boolean complete) {
        Columns {
            decisions = List.copyOf(decisions);
        }
    }

    private final Cache<Key, Evaluated> cache;
    private final Cache<ProtectionKey, Protection> protections;
    private final Cache<IdentityKey, UserIdentity> identities;
    private final Cache<ColumnsKey, Columns> columns;
    private final Cache<ListedKey, Listed> listings;
    private final Cache<AnswerKey, Answer> answers;
    private final Cache<Seen, Boolean> seen;

    DecisionCache(long maximumSize, Duration timeToLive) {
        boolean enabled = maximumSize != 0 && !timeToLive.isZero();
        // Bounded as every other kind: one entry per user, access type and object.
        this.listings = enabled ? build(maximumSize, timeToLive) : null;
        // Weighed by objects: as many objects' answers as the cache keeps decisions.
        this.answers = enabled
                ? Caffeine.newBuilder()
                        .maximumWeight(maximumSize)
                        .<AnswerKey, Answer>weigher((key, answer) -> Math.max(1, key.size()))
                        .expireAfterWrite(timeToLive)
                        .executor(Runnable::run)
                        .build()
                : null;
        this.seen = enabled ? build(maximumSize, timeToLive) : null;
        this.cache = enabled ? build(maximumSize, timeToLive) : null;
        this.protections = enabled ? build(maximumSize, timeToLive) : null;
        this.identities = enabled ? build(maximumSize, timeToLive) : null;
        this.columns = enabled ? build(maximumSize, timeToLive) : null;
    }

    // Caffeine hands its upkeep (recording reads, expiring, evicting) to a pool by default, which wakes one of the
    // pool's threads from the query's thread every few reads; done on the calling thread it costs less than that.
    private static <K, V> Cache<K, V> build(long maximumSize, Duration timeToLive) {
        return Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(timeToLive)
                .executor(Runnable::run)
                .build();
    }

    Columns columns(ColumnsKey key, Supplier<Columns> decide) {
        Columns cached = columns == null ? null : columns.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Columns decided = decide.get();
        if (columns != null && decided.complete()) {
            columns.put(key, decided);
        }
        return decided;
    }

    boolean cachesListings() {
        return listings != null;
    }

    /** The decision on {@code object} in the listing of {@code key}, or null. */
    Listed listed(ListingKey key, Object object) {
        return listings.getIfPresent(new ListedKey(key, object));
    }

    void putListed(ListingKey key, Object object, Listed listed) {
        listings.put(new ListedKey(key, object), listed);
    }

    /** The answer for a whole set of objects, or null. */
    Answer answer(AnswerKey key) {
        return answers.getIfPresent(key);
    }

    void putAnswer(AnswerKey key, Answer answer) {
        answers.put(key, answer);
    }

    /** Whether a set of this key's hash was listed before; remembers this one. */
    boolean seenBefore(AnswerKey key) {
        return seen.asMap().putIfAbsent(key.seen(), Boolean.TRUE) != null;
    }

    /** The cached protection, or null. */
    Protection protection(ProtectionKey key) {
        return protections == null ? null : protections.getIfPresent(key);
    }

    void putProtection(ProtectionKey key, Protection protection) {
        if (protections != null) {
            protections.put(key, protection);
        }
    }

    UserIdentity identity(IdentityKey key, Supplier<UserIdentity> lookUp) {
        return identities == null ? lookUp.get() : identities.get(key, unused -> lookUp.get());
    }

    /**
     * The cached evaluation, or {@code evaluate}'s. An empty evaluation (no policy engine yet) is never cached. The
     * flag tells the caller whether it came from the cache, and so has not been audited for this request yet.
     */
    CachedResult get(Kind kind, Versions versions, AccessRequest request, Supplier<Evaluated> evaluate) {
        if (cache == null) {
            return new CachedResult(Optional.ofNullable(evaluate.get()), false);
        }
        Key key = new Key(kind, versions, Requester.of(request.identity()), request.resource(), request.accessType());
        Evaluated cached = cache.getIfPresent(key);
        if (cached != null) {
            return new CachedResult(Optional.of(cached), true);
        }
        Optional<Evaluated> evaluated = Optional.ofNullable(evaluate.get());
        evaluated.ifPresent(value -> cache.put(key, value));
        return new CachedResult(evaluated, false);
    }

    record CachedResult(Optional<Evaluated> evaluated, boolean fromCache) {}
}
