package io.lakegate.kyuubi.authn.password;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Recent successful logins, so a reconnecting client does not cost a directory round trip. Holds a salted SHA-256
 * of each password, never the password; a login whose password does not match drops the user's entry.
 */
final class LoginCache {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, Entry> entries;

    LoginCache(Duration ttl, int maximumSize, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
    }

    boolean matches(String user, String password) {
        Entry entry = entries.getIfPresent(user);
        if (entry == null) {
            return false;
        }
        if (MessageDigest.isEqual(entry.hash(), hash(entry.salt(), password))) {
            return true;
        }
        entries.invalidate(user);
        return false;
    }

    void remember(String user, String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        entries.put(user, new Entry(salt, hash(salt, password)));
    }

    void forget(String user) {
        entries.invalidate(user);
    }

    private static byte[] hash(byte[] salt, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private record Entry(byte[] salt, byte[] hash) {}
}
