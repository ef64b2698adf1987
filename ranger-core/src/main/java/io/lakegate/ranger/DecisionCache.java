package io.lakegate.ranger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
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
        ROW_FILTER,
        DATA_MASK
    }

    record Versions(long policies, long tags, long roles, long userStore) {}

    private record Key(
            Kind kind,
            Versions versions,
            String user,
            Set<String> groups,
            RangerResource resource,
            String accessType,
            Optional<String> clientIp) {}

    private final Cache<Key, Optional<RangerAccessResult>> cache;

    DecisionCache(long maximumSize, Duration timeToLive) {
        this.cache = maximumSize == 0 || timeToLive.isZero()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(maximumSize)
                        .expireAfterWrite(timeToLive)
                        .build();
    }

    /**
     * The cached result, or {@code evaluate}'s. An empty result (no policy engine yet) is never cached. The flag
     * tells the caller whether the result came from the cache, and so has not been audited yet.
     */
    CachedResult get(Kind kind, Versions versions, AccessRequest request, Supplier<RangerAccessResult> evaluate) {
        if (cache == null) {
            return new CachedResult(Optional.ofNullable(evaluate.get()), false);
        }
        Key key = new Key(
                kind,
                versions,
                request.identity().user(),
                request.identity().groups(),
                request.resource(),
                request.accessType(),
                request.clientIp());
        Optional<RangerAccessResult> cached = cache.getIfPresent(key);
        if (cached != null) {
            return new CachedResult(cached, true);
        }
        Optional<RangerAccessResult> result = Optional.ofNullable(evaluate.get());
        if (result.isPresent()) {
            cache.put(key, result);
        }
        return new CachedResult(result, false);
    }

    record CachedResult(Optional<RangerAccessResult> result, boolean fromCache) {}
}
