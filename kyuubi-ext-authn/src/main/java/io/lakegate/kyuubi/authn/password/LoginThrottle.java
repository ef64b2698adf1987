package io.lakegate.kyuubi.authn.password;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts failed logins per key (a user, a client address) in a sliding window; a key that reaches the limit is
 * locked out for a while, during which its logins are refused without asking any account source. Lockouts
 * double with each one that follows the last, up to sixteen times the first, so a patient guesser gains nothing;
 * a success clears the user's count.
 */
final class LoginThrottle {
    private static final int MAX_DOUBLINGS = 4;
    private static final int MAX_UNDER_WAY = 32;

    private final int maxFailures;
    private final long windowNanos;
    private final long lockoutNanos;
    private final Ticker ticker;
    private final Cache<String, Record> records;

    LoginThrottle(int maxFailures, Duration window, Duration lockout, Ticker ticker) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.lockoutNanos = lockout.toNanos();
        this.ticker = ticker;
        // A record outlives its window and its longest lockout, then is forgotten.
        this.records = Caffeine.newBuilder()
                .expireAfterAccess(window.plus(lockout.multipliedBy(1L << MAX_DOUBLINGS)))
                .maximumSize(100_000)
                .ticker(ticker)
                .build();
    }

    /**
     * Whether a login of {@code key} may be tried now; if so it counts as under way until {@link #failed} or
     * {@link #succeeded}, so parallel guesses cannot all pass the check before the first failure is counted.
     */
    boolean tryStart(String key) {
        Record record = records.get(key, ignored -> new Record());
        long now = ticker.read();
        synchronized (record) {
            expire(record, now);
            // A client opening many connections at once with the right password is normal; once a login of the key
            // failed, logins under way count as failures to come.
            int limit = record.failures.isEmpty() ? MAX_UNDER_WAY : maxFailures;
            if (now < record.lockedUntil || record.failures.size() + record.underWay >= limit) {
                return false;
            }
            record.underWay++;
            return true;
        }
    }

    void failed(String key) {
        Record record = records.get(key, ignored -> new Record());
        long now = ticker.read();
        synchronized (record) {
            record.underWay = Math.max(0, record.underWay - 1);
            expire(record, now);
            record.failures.addLast(now);
            if (record.failures.size() >= maxFailures) {
                record.failures.clear();
                record.lockedUntil = now + (lockoutNanos << record.lockouts);
                record.lockouts = Math.min(record.lockouts + 1, MAX_DOUBLINGS);
            }
        }
    }

    void succeeded(String key) {
        records.invalidate(key);
    }

    /** A login that ended neither way (the source could not answer). */
    void ended(String key) {
        Record record = records.getIfPresent(key);
        if (record != null) {
            synchronized (record) {
                record.underWay = Math.max(0, record.underWay - 1);
            }
        }
    }

    private void expire(Record record, long now) {
        while (!record.failures.isEmpty() && now - record.failures.peekFirst() > windowNanos) {
            record.failures.removeFirst();
        }
    }

    private static final class Record {
        private final Deque<Long> failures = new ArrayDeque<>();
        private long lockedUntil = Long.MIN_VALUE;
        private int lockouts;
        private int underWay;
    }
}
