package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login as a host's password provider performs it, in front of an {@link PasswordAuthenticator}: input that is
 * no valid user name or password is refused before any source sees it, a user or client address with too many
 * recent failures is refused, a recent success with the same password is answered from memory, and what the
 * client is told never says which part failed. Thread-safe; one per configuration, shared by the provider
 * instances the host creates per connection.
 */
public final class PasswordLogin {
    /** Longer user names are refused: no directory has them, and they would reach its logs. */
    public static final int MAX_USER_LENGTH = 256;
    /** Longer passwords are refused before they cost a directory or a hash any work. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);

    private final String name;
    private final PasswordAuthenticator authenticator;
    private final LoginCache cache;
    private final LoginThrottle throttle;
    private final boolean caching;

    public PasswordLogin(String name, PasswordAuthenticator authenticator, LoginPolicy policy) {
        this(name, authenticator, policy, Ticker.systemTicker());
    }

    PasswordLogin(String name, PasswordAuthenticator authenticator, LoginPolicy policy, Ticker ticker) {
        this.name = requireNonNull(name, "name is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(ticker, "ticker is null");
        this.caching = !policy.cacheTtl().isZero();
        this.cache = new LoginCache(policy.cacheTtl(), 10_000, ticker);
        this.throttle = new LoginThrottle(policy.maxFailures(), policy.failureWindow(), policy.lockout(), ticker);
    }

    /**
     * Returns if {@code password} is {@code user}'s; {@code clientAddress} when the host tells it, for throttling
     * and logs.
     */
    public void login(String user, String password, Optional<String> clientAddress) throws LoginFailedException {
        requireNonNull(clientAddress, "clientAddress is null");
        String from = clientAddress.map(address -> " from " + address).orElse("");
        Optional<String> malformed = malformed(user, password);
        if (malformed.isPresent()) {
            LOG.warn("{}: login refused{}: {}", name, from, malformed.get());
            throw LoginFailedException.invalid();
        }
        String userKey = "user:" + user.toLowerCase(Locale.ROOT);
        Optional<String> addressKey = clientAddress.map(address -> "address:" + address);
        if (caching && cache.matches(user, password)) {
            return;
        }
        if (!throttle.tryStart(userKey)) {
            LOG.warn("{}: login of [{}]{} refused without asking: too many failed logins recently", name, user, from);
            throw LoginFailedException.throttled();
        }
        if (addressKey.isPresent() && !throttle.tryStart(addressKey.get())) {
            throttle.ended(userKey);
            LOG.warn(
                    "{}: login of [{}]{} refused without asking: too many failed logins from there recently",
                    name,
                    user,
                    from);
            throw LoginFailedException.throttled();
        }
        try {
            authenticator.authenticate(user, password);
        } catch (LoginRejectedException e) {
            cache.forget(user);
            throttle.failed(userKey);
            addressKey.ifPresent(throttle::failed);
            LOG.warn("{}: login of [{}]{} rejected: {}", name, user, from, e.getMessage());
            throw LoginFailedException.invalid();
        } catch (SourceUnavailableException e) {
            throttle.ended(userKey);
            addressKey.ifPresent(throttle::ended);
            LOG.error("{}: login of [{}]{} not checked: {}", name, user, from, e.getMessage(), e.getCause());
            throw LoginFailedException.unavailable();
        } catch (RuntimeException e) {
            throttle.ended(userKey);
            addressKey.ifPresent(throttle::ended);
            throw e;
        }
        addressKey.ifPresent(throttle::ended);
        throttle.succeeded(userKey);
        if (caching) {
            cache.remember(user, password);
        }
    }

    private static Optional<String> malformed(String user, String password) {
        if (user == null || user.isEmpty()) {
            return Optional.of("no user name");
        }
        if (user.length() > MAX_USER_LENGTH) {
            return Optional.of("a user name of " + user.length() + " characters (at most " + MAX_USER_LENGTH + ")");
        }
        if (!user.strip().equals(user) || user.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("the user name [" + printable(user) + "] has control characters or surrounding blanks");
        }
        if (password == null || password.isEmpty()) {
            // An empty password would be an LDAP unauthenticated bind, which succeeds: never a login.
            return Optional.of("an empty password for [" + user + "]");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.of("a password of " + password.length() + " characters for [" + user + "] (at most "
                    + MAX_PASSWORD_LENGTH + ")");
        }
        return Optional.empty();
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
