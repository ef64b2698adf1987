package io.lakegate.kyuubi.authn.group;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.kyuubi.authn.ldap.LdapDirectory;
import io.lakegate.kyuubi.authn.password.SourceUnavailableException;
import java.time.Duration;
import java.util.List;

/** Groups from the directory (nested ones included), cached for a while per user. */
final class LdapGroupSource implements GroupSource {
    private final LdapDirectory directory;
    private final Cache<String, List<String>> cache;

    LdapGroupSource(LdapDirectory directory, Duration ttl) {
        this.directory = requireNonNull(directory, "directory is null");
        this.cache =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    @Override
    public List<String> groupsOf(String user) {
        List<String> cached = cache.getIfPresent(user);
        if (cached != null) {
            return cached;
        }
        try {
            List<String> groups = directory.groupsOfUser(user).stream()
                    .map(LdapDirectory.Group::name)
                    .toList();
            cache.put(user, groups);
            return groups;
        } catch (SourceUnavailableException e) {
            throw new IllegalStateException("The groups of [" + user + "] are unknown: " + e.getMessage(), e);
        }
    }
}
