package io.lakegate.kyuubi.authn.password;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import java.time.Duration;

/**
 * How logins are cached and throttled, the same for every password provider: keys
 * {@code kyuubi.authentication.lakegate.login.*}.
 */
public record LoginPolicy(Duration cacheTtl, int maxFailures, Duration failureWindow, Duration lockout) {
    public static final String PREFIX = "kyuubi.authentication.lakegate.login.";
    public static final String CACHE_TTL = PREFIX + "cacheTtl";
    public static final String MAX_FAILURES = PREFIX + "maxFailures";
    public static final String FAILURE_WINDOW = PREFIX + "failureWindow";
    public static final String LOCKOUT = PREFIX + "lockout";

    public static LoginPolicy from(AuthnSettings settings) {
        return new LoginPolicy(
                settings.duration(CACHE_TTL, Duration.ofMinutes(1)),
                settings.positiveInt(MAX_FAILURES, 5),
                settings.duration(FAILURE_WINDOW, Duration.ofMinutes(5)),
                settings.duration(LOCKOUT, Duration.ofSeconds(30)));
    }
}
