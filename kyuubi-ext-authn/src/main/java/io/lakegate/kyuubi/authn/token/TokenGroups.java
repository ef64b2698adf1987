package io.lakegate.kyuubi.authn.token;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The groups of each user's last validated bearer token, kept until that token expires, for a group provider to
 * answer from: Kyuubi asks for groups after authentication, without the token. Process-wide ({@link #shared()}):
 * Kyuubi creates providers per request. Users are keyed by the token's user claim as it is, before Kyuubi cuts the
 * name at '/' or '@'.
 */
public final class TokenGroups {
    // Bounds memory when many users log in within a token lifetime; the least recent entries go first.
    private static final long MAX_USERS = 100_000;
    private static final TokenGroups SHARED = new TokenGroups(Clock.systemUTC(), MAX_USERS);

    private final Clock clock;
    private final Cache<String, Entry> entries;

    TokenGroups(Clock clock, long maxUsers) {
        this.clock = requireNonNull(clock, "clock is null");
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxUsers)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new UntilTokenExpiry(clock))
                .build();
    }

    public static TokenGroups shared() {
        return SHARED;
    }

    /** The groups of {@code user}'s last validated token, or none if there is none or it has expired. */
    public List<String> groupsOf(String user) {
        requireNonNull(user, "user is null");
        Entry entry = entries.getIfPresent(user);
        if (entry == null || !entry.expiresAt().isAfter(clock.instant())) {
            return List.of();
        }
        return entry.groups();
    }

    void record(ValidatedToken token) {
        requireNonNull(token, "token is null");
        if (token.expiresAt().isAfter(clock.instant())) {
            entries.put(token.user(), new Entry(token.groups(), token.expiresAt()));
        } else {
            entries.invalidate(token.user());
        }
    }

    private record Entry(List<String> groups, Instant expiresAt) {}

    private static final class UntilTokenExpiry implements Expiry<String, Entry> {
        private final Clock clock;

        UntilTokenExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String user, Entry entry, long currentTime) {
            Duration left = Duration.between(clock.instant(), entry.expiresAt());
            return left.isNegative() ? 0 : saturatedNanos(left);
        }

        @Override
        public long expireAfterUpdate(String user, Entry entry, long currentTime, long currentDuration) {
            // The last token's expiry counts, even when it is earlier than the one it replaces.
            return expireAfterCreate(user, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String user, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private static long saturatedNanos(Duration duration) {
            try {
                return duration.toNanos();
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}
