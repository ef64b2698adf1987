package io.lakegate.kyuubi.authn.token;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where bearer tokens come from and what they must say, validated when a provider starts: keys
 * {@code kyuubi.authentication.lakegate.jwt.*} (the README lists them). The signing keys come either from a JWKS URL
 * or, by OpenID Connect discovery, from the issuer's {@code jwks_uri}; exactly one of the two is set.
 */
public record BearerTokenConfig(
        Optional<URI> jwksUrl,
        Optional<URI> issuerUrl,
        String issuer,
        Set<String> audiences,
        List<String> algorithms,
        Duration clockSkew,
        String userClaim,
        String groupsClaim,
        Duration jwksCacheTtl,
        Duration jwksRefetchInterval,
        Duration jwksOutageTolerance,
        Duration connectTimeout,
        Duration readTimeout) {
    public static final String PREFIX = "kyuubi.authentication.lakegate.jwt.";
    public static final String JWKS_URL = PREFIX + "jwksUrl";
    public static final String ISSUER_URL = PREFIX + "issuerUrl";
    public static final String ISSUER = PREFIX + "issuer";
    public static final String AUDIENCE = PREFIX + "audience";
    public static final String ALGORITHMS = PREFIX + "algorithms";
    public static final String CLOCK_SKEW = PREFIX + "clockSkew";
    public static final String USER_CLAIM = PREFIX + "userClaim";
    public static final String GROUPS_CLAIM = PREFIX + "groupsClaim";
    public static final String JWKS_CACHE_TTL = PREFIX + "jwksCacheTtl";
    public static final String JWKS_REFETCH_INTERVAL = PREFIX + "jwksRefetchInterval";
    public static final String JWKS_OUTAGE_TOLERANCE = PREFIX + "jwksOutageTolerance";
    public static final String CONNECT_TIMEOUT = PREFIX + "connectTimeout";
    public static final String READ_TIMEOUT = PREFIX + "readTimeout";

    /** Asymmetric JWS algorithms only: the verification keys are public, so no shared secret can be among them. */
    public static final List<String> SUPPORTED_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    private static final String ALGORITHMS_FIX = "list algorithms among " + String.join(", ", SUPPORTED_ALGORITHMS);
    private static final String URL_FIX = "set an http:// or https:// URL, such as https://idp.example.com/realms/lake";

    public BearerTokenConfig {
        requireNonNull(jwksUrl, "jwksUrl is null");
        requireNonNull(issuerUrl, "issuerUrl is null");
        requireNonNull(issuer, "issuer is null");
        audiences = Set.copyOf(requireNonNull(audiences, "audiences is null"));
        algorithms = List.copyOf(requireNonNull(algorithms, "algorithms is null"));
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(userClaim, "userClaim is null");
        requireNonNull(groupsClaim, "groupsClaim is null");
        requireNonNull(jwksCacheTtl, "jwksCacheTtl is null");
        requireNonNull(jwksRefetchInterval, "jwksRefetchInterval is null");
        requireNonNull(jwksOutageTolerance, "jwksOutageTolerance is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        if (jwksUrl.isPresent() == issuerUrl.isPresent()) {
            throw new IllegalArgumentException("exactly one of jwksUrl and issuerUrl is required");
        }
    }

    public static BearerTokenConfig from(AuthnSettings settings) {
        Optional<URI> jwksUrl = settings.get(JWKS_URL).map(value -> httpUrl(JWKS_URL, value));
        Optional<URI> issuerUrl = settings.get(ISSUER_URL).map(value -> httpUrl(ISSUER_URL, value));
        if (jwksUrl.isPresent() == issuerUrl.isPresent()) {
            throw new ConfigException(
                    JWKS_URL,
                    jwksUrl.isPresent()
                            ? "and " + ISSUER_URL + " are both set"
                            : "and " + ISSUER_URL + " are both unset",
                    "set exactly one: the JWKS URL of the identity provider, or its issuer URL for OpenID Connect discovery");
        }
        String issuer = jwksUrl.isPresent()
                ? settings.required(
                        ISSUER, "set the iss claim of the accepted tokens, such as https://idp.example.com/realms/lake")
                : settings.get(ISSUER).orElse(issuerUrl.orElseThrow().toString());

        List<String> audienceList = settings.list(AUDIENCE);
        if (audienceList.isEmpty()) {
            throw new ConfigException(
                    AUDIENCE,
                    "is not set",
                    "set the aud value(s) the identity provider puts in tokens for Kyuubi, comma separated");
        }

        Duration cacheTtl = settings.duration(JWKS_CACHE_TTL, Duration.ofMinutes(10));
        Duration refetchInterval = settings.duration(JWKS_REFETCH_INTERVAL, Duration.ofSeconds(30));
        Duration outageTolerance = settings.duration(JWKS_OUTAGE_TOLERANCE, Duration.ofHours(1));
        if (refetchInterval.isZero()) {
            throw new ConfigException(
                    JWKS_REFETCH_INTERVAL,
                    "is zero",
                    "set a duration above zero, such as PT30S: it bounds the fetches tokens with unknown key ids cause");
        }
        // Nimbus' rate limiter sits under its cache and requires it.
        if (refetchInterval.compareTo(cacheTtl) >= 0) {
            throw new ConfigException(
                    JWKS_REFETCH_INTERVAL,
                    "is " + refetchInterval + ", not shorter than " + JWKS_CACHE_TTL + " (" + cacheTtl + ")",
                    "set it shorter than the cache time-to-live");
        }
        if (!outageTolerance.isZero() && outageTolerance.compareTo(cacheTtl) <= 0) {
            throw new ConfigException(
                    JWKS_OUTAGE_TOLERANCE,
                    "is " + outageTolerance + ", not longer than " + JWKS_CACHE_TTL + " (" + cacheTtl + ")",
                    "set it longer than the cache time-to-live, or PT0S to turn it off");
        }

        return new BearerTokenConfig(
                jwksUrl,
                issuerUrl,
                issuer,
                new LinkedHashSet<>(audienceList),
                algorithms(settings),
                withinSeconds(CLOCK_SKEW, settings.duration(CLOCK_SKEW, Duration.ofSeconds(60))),
                settings.get(USER_CLAIM).orElse("sub"),
                settings.get(GROUPS_CLAIM).orElse("groups"),
                cacheTtl,
                refetchInterval,
                outageTolerance,
                timeout(settings, CONNECT_TIMEOUT),
                timeout(settings, READ_TIMEOUT));
    }

    private static List<String> algorithms(AuthnSettings settings) {
        List<String> configured = settings.list(ALGORITHMS);
        if (configured.isEmpty()) {
            return List.of("RS256", "ES256");
        }
        Set<String> algorithms = new LinkedHashSet<>();
        for (String each : configured) {
            String upper = each.toUpperCase(Locale.ROOT);
            if (upper.equals("NONE")) {
                throw new ConfigException(
                        ALGORITHMS, "has [" + each + "]", "unsigned tokens are never accepted; " + ALGORITHMS_FIX);
            }
            if (upper.startsWith("HS")) {
                throw new ConfigException(
                        ALGORITHMS,
                        "has [" + each + "], an HMAC algorithm",
                        "HMAC verifies with a shared secret, but the keys come from a public JWKS: anyone could sign with them; "
                                + ALGORITHMS_FIX);
            }
            algorithms.add(SUPPORTED_ALGORITHMS.stream()
                    .filter(supported -> supported.equalsIgnoreCase(each))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException(
                            ALGORITHMS, "has [" + each + "], which is not supported", ALGORITHMS_FIX)));
        }
        return new ArrayList<>(algorithms);
    }

    private static URI httpUrl(String key, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "is [" + value + "], which is no URL", URL_FIX);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new ConfigException(key, "is [" + value + "], which is no http(s) URL of a host", URL_FIX);
        }
        return uri;
    }

    private static Duration timeout(AuthnSettings settings, String key) {
        Duration timeout = settings.duration(key, Duration.ofSeconds(5));
        if (timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigException(key, "is " + timeout, "set a duration above zero, such as PT5S");
        }
        return timeout;
    }

    private static Duration withinSeconds(String key, Duration duration) {
        if (duration.getSeconds() > Integer.MAX_VALUE) {
            throw new ConfigException(key, "is " + duration, "set a duration of at most a few minutes, such as PT60S");
        }
        return duration;
    }

    /** The URL of the OpenID Connect discovery document of {@link #issuerUrl()}. */
    public Optional<URI> discoveryUrl() {
        return issuerUrl.map(url -> {
            String base = url.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return URI.create(base + "/.well-known/openid-configuration");
        });
    }
}
