package io.lakegate.kyuubi.authn.token;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.token.InvalidBearerTokenException.Reason;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates JWT bearer tokens against an identity provider's published keys: signature by an allowed asymmetric
 * algorithm and a key of the JWKS, issuer, audience, expiry (required) and not-before within the clock skew, and a
 * user claim. One service per configuration in the process ({@link #forSettings}), since Kyuubi creates a provider
 * per request: the service holds the JWKS cache. Thread-safe; a validation blocks only while the JWKS is fetched,
 * for at most the configured HTTP timeouts.
 */
public final class BearerTokens {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);
    private static final Map<AuthnSettings, BearerTokens> SERVICES = new ConcurrentHashMap<>();

    // Far above real tokens (a few KiB even with many groups), far below what would make parsing costly.
    static final int MAX_TOKEN_LENGTH = 64 * 1024;
    // A JWKS or discovery document larger than this is no JWKS (nimbus' default is 50 KiB: tight for x5c chains).
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    // Nimbus' default; refreshes the keys in the background shortly before the cache expires.
    private static final long REFRESH_AHEAD_MILLIS = 30_000;
    private static final ExecutorService REFRESHER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lakegate-jwks-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private final BearerTokenConfig config;
    private final Clock clock;
    private final TokenGroups tokenGroups;
    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> processor;

    BearerTokens(BearerTokenConfig config, Clock clock, TokenGroups tokenGroups) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tokenGroups = requireNonNull(tokenGroups, "tokenGroups is null");
        this.algorithms = config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());

        JWKSource<SecurityContext> keys = new ClockedJwkSource(jwkSetSource(config), clock);
        JWSVerificationKeySelector<SecurityContext> standardSelector =
                new JWSVerificationKeySelector<>(algorithms, keys);
        JWSKeySelector<SecurityContext> selector = (header, context) -> JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
                ? EdDsaKeys.select(header, keys, context)
                : standardSelector.selectJWSKeys(header, context);

        processor = new DefaultJWTProcessor<>();
        // Plain JWTs and RFC 9068 access tokens; no typ at all is what most identity providers send.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        processor.setJWSKeySelector(selector);
        processor.setJWSVerifierFactory(new EdDsaKeys.VerifierFactory());
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(config, clock));
        // No JWE key selector: encrypted tokens are refused (and caught before, to say so).
    }

    /** The service for the {@code kyuubi.authentication.lakegate.jwt.*} part of {@code settings}, created on first use. */
    public static BearerTokens forSettings(AuthnSettings settings) {
        AuthnSettings own = settings.withPrefix(BearerTokenConfig.PREFIX);
        BearerTokens existing = SERVICES.get(own);
        if (existing != null) {
            return existing;
        }
        // Validated outside computeIfAbsent: a ConfigException must not leave a half-made entry, nor run under its
        // lock.
        BearerTokenConfig config = BearerTokenConfig.from(own);
        return SERVICES.computeIfAbsent(
                own, ignored -> new BearerTokens(config, Clock.systemUTC(), TokenGroups.shared()));
    }

    public BearerTokenConfig config() {
        return config;
    }

    /**
     * The user and groups {@code token} names, if it is valid; records the groups in {@link TokenGroups}. A refusal
     * is logged at WARN with its reason and {@code clientAddress} (for logs only: it may come from a proxy header).
     */
    public ValidatedToken validate(String token, Optional<String> clientAddress) throws InvalidBearerTokenException {
        requireNonNull(clientAddress, "clientAddress is null");
        try {
            ValidatedToken validated = check(token);
            tokenGroups.record(validated);
            LOG.debug(
                    "Accepted bearer token of user [{}] from {}", printable(validated.user()), address(clientAddress));
            return validated;
        } catch (Refusal refusal) {
            LOG.warn(
                    "Refused bearer token from {}: {}: {}{}",
                    address(clientAddress),
                    refusal.reason,
                    refusal.detail,
                    refusal.claimedUser
                            .map(user -> " (token names user [" + user + "], unverified)")
                            .orElse(""));
            if (refusal.getCause() != null) {
                LOG.debug("Bearer token refusal cause", refusal.getCause());
            }
            throw new InvalidBearerTokenException(refusal.reason, refusal.detail);
        }
    }

    private ValidatedToken check(String token) throws Refusal {
        if (token == null || token.isBlank()) {
            throw new Refusal(Reason.MALFORMED, "empty token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new Refusal(
                    Reason.MALFORMED,
                    "token of " + token.length() + " characters, above the limit of " + MAX_TOKEN_LENGTH);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException | RuntimeException e) {
            throw new Refusal(Reason.MALFORMED, "not a JWT: " + printable(e.getMessage()));
        }
        Optional<String> claimedUser = claimedUser(jwt);
        if (jwt instanceof PlainJWT) {
            throw new Refusal(Reason.UNSIGNED, "unsigned token (alg none)", claimedUser);
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw new Refusal(Reason.ENCRYPTED, "encrypted token (JWE): only signed tokens are accepted", claimedUser);
        }
        JWSHeader header = signed.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new Refusal(
                    Reason.ALGORITHM_NOT_ALLOWED,
                    "alg " + printable(header.getAlgorithm().getName()) + " is not among the allowed "
                            + config.algorithms(),
                    claimedUser);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (KeyLookupFailure e) {
            throw new Refusal(e.reason, e.getMessage(), claimedUser, e.getCause());
        } catch (RejectedClaims e) {
            throw new Refusal(e.reason, e.getMessage(), claimedUser);
        } catch (BadJWSException e) {
            throw new Refusal(Reason.BAD_SIGNATURE, "invalid signature for " + keyOf(header), claimedUser);
        } catch (KeySourceException e) {
            throw new Refusal(Reason.KEY_SOURCE_UNAVAILABLE, "JWKS unavailable: " + describe(e), claimedUser, e);
        } catch (BadJOSEException e) {
            // The typ header, or a payload that is no JSON object.
            throw new Refusal(Reason.MALFORMED, printable(e.getMessage()), claimedUser);
        } catch (JOSEException e) {
            throw new Refusal(
                    Reason.BAD_SIGNATURE,
                    "signature not verifiable for " + keyOf(header) + ": " + printable(e.getMessage()),
                    claimedUser,
                    e);
        } catch (RuntimeException e) {
            // Nimbus on hostile input: no client gets a stack trace, nor a different answer.
            throw new Refusal(Reason.MALFORMED, "unprocessable token: " + printable(String.valueOf(e)), claimedUser, e);
        }

        Object user = claims.getClaim(config.userClaim());
        if (!(user instanceof String name) || name.isBlank()) {
            throw new Refusal(
                    Reason.MISSING_USER_CLAIM,
                    "no string claim " + config.userClaim()
                            + (user == null ? "" : " (it is " + user.getClass().getSimpleName() + ")"),
                    claimedUser);
        }
        return new ValidatedToken(
                name, groups(claims, name), claims.getExpirationTime().toInstant());
    }

    private List<String> groups(JWTClaimsSet claims, String user) {
        Object value = claims.getClaim(config.groupsClaim());
        if (value == null) {
            return List.of();
        }
        if (value instanceof String group) {
            return group.isBlank() ? List.of() : List.of(group);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            Set<String> groups = new LinkedHashSet<>();
            list.stream()
                    .map(String.class::cast)
                    .filter(group -> !group.isBlank())
                    .forEach(groups::add);
            return new ArrayList<>(groups);
        }
        // The token itself is sound: its user authenticates, without groups rather than with guessed ones.
        LOG.warn(
                "Bearer token of user [{}] has a {} claim that is neither a string nor an array of strings; no groups taken from it",
                printable(user),
                config.groupsClaim());
        return List.of();
    }

    private Optional<String> claimedUser(JWT jwt) {
        try {
            if (jwt instanceof EncryptedJWT) {
                return Optional.empty();
            }
            return Optional.ofNullable(jwt.getJWTClaimsSet().getClaim(config.userClaim()))
                    .map(String::valueOf)
                    .map(BearerTokens::printable);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JWKSetSource<SecurityContext> jwkSetSource(BearerTokenConfig config) {
        ResourceRetriever retriever = new DefaultResourceRetriever(
                (int) config.connectTimeout().toMillis(),
                (int) config.readTimeout().toMillis(),
                MAX_DOCUMENT_BYTES);
        JWKSetSource<SecurityContext> remote;
        long fetchMillis =
                config.connectTimeout().toMillis() + config.readTimeout().toMillis();
        if (config.jwksUrl().isPresent()) {
            try {
                remote = new URLBasedJWKSetSource<>(
                        config.jwksUrl().orElseThrow().toURL(), retriever);
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            remote = new DiscoveredJwkSetSource(config.discoveryUrl().orElseThrow(), config.issuer(), retriever);
            fetchMillis *= 2;
        }
        long ttl = config.jwksCacheTtl().toMillis();
        // Requests that find the cache being refreshed wait for that refresh as long as its fetches may take, no
        // longer.
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.create(remote)
                .cache(ttl, fetchMillis)
                .rateLimited(config.jwksRefetchInterval().toMillis());
        if (REFRESH_AHEAD_MILLIS + fetchMillis <= ttl) {
            builder.refreshAheadCache(REFRESH_AHEAD_MILLIS, null, REFRESHER, false, null, false);
        } else {
            builder.refreshAheadCache(false);
        }
        if (config.jwksOutageTolerance().isZero()) {
            builder.outageTolerant(false);
        } else {
            builder.outageTolerant(config.jwksOutageTolerance().toMillis());
        }
        // Nimbus stacks, from the top: cache (config TTL; unknown kids force a refresh), rate limiter (at most two
        // fetches per jwksRefetchInterval, whatever causes them: expiry, refresh-ahead or unknown kids; the first
        // fetch opens a window, so a flood of unknown kids right after it costs one fetch), outage tolerance (keeps
        // the last fetched JWKS for jwksOutageTolerance after that fetch, and serves it when fetches fail), fetcher.
        JWKSource<SecurityContext> built = builder.build();
        if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> based)) {
            throw new IllegalStateException(
                    "unexpected JWK source " + built.getClass().getName());
        }
        // Unwrapped to drive the cache with this service's clock (testable without sleeping).
        return based.getJWKSetSource();
    }

    private static String keyOf(JWSHeader header) {
        return "alg " + header.getAlgorithm().getName() + ", kid "
                + (header.getKeyID() == null ? "(none)" : "[" + printable(header.getKeyID()) + "]");
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            // Nimbus and the JDK often repeat the cause's message in the wrapper's.
            if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return printable(message.toString(), 2000);
    }

    private static String address(Optional<String> clientAddress) {
        return clientAddress.map(BearerTokens::printable).orElse("an unknown address");
    }

    /** Token content goes into logs: no line breaks or control characters from it, and not too much. */
    static String printable(String value) {
        return printable(value, 200);
    }

    private static String printable(String value, int limit) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > limit ? value.substring(0, limit) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** The keys of the JWKS cache, looked up at this service's clock; names why a lookup failed. */
    private static final class ClockedJwkSource implements JWKSource<SecurityContext> {
        private final JWKSetSource<SecurityContext> source;
        private final Clock clock;

        ClockedJwkSource(JWKSetSource<SecurityContext> source, Clock clock) {
            this.source = source;
            this.clock = clock;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            long now = clock.millis();
            JWKSet cached;
            try {
                cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
            } catch (RateLimitReachedException e) {
                throw new KeyLookupFailure(
                        Reason.KEY_SOURCE_UNAVAILABLE,
                        "no JWKS cached, and fetching it failed too often lately (rate limited)",
                        e);
            } catch (KeySourceException e) {
                throw new KeyLookupFailure(Reason.KEY_SOURCE_UNAVAILABLE, "JWKS unavailable: " + describe(e), e);
            }
            List<JWK> matches = selector.select(cached);
            if (!matches.isEmpty()) {
                return matches;
            }
            // An unknown kid: maybe the keys rotated, so refetch once (the rate limiter bounds how often).
            JWKSet refreshed;
            try {
                refreshed = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, context);
            } catch (RateLimitReachedException e) {
                throw new KeyLookupFailure(
                        Reason.UNKNOWN_KEY,
                        "no key for " + wanted(selector)
                                + " in the cached JWKS, which was fetched too recently to fetch again (jwksRefetchInterval)",
                        e);
            } catch (KeySourceException e) {
                throw new KeyLookupFailure(
                        Reason.KEY_SOURCE_UNAVAILABLE,
                        "no key for " + wanted(selector) + " in the cached JWKS, and refetching it failed: "
                                + describe(e),
                        e);
            }
            matches = selector.select(refreshed);
            if (matches.isEmpty()) {
                throw new KeyLookupFailure(Reason.UNKNOWN_KEY, "no key for " + wanted(selector) + " in the JWKS", null);
            }
            return matches;
        }

        private static String wanted(JWKSelector selector) {
            Set<String> ids = selector.getMatcher().getKeyIDs();
            String kid = ids == null || ids.isEmpty()
                    ? "no kid"
                    : "kid " + ids.stream().map(id -> "[" + printable(id) + "]").collect(Collectors.joining(", "));
            Set<?> types = selector.getMatcher().getKeyTypes();
            return kid + (types == null || types.isEmpty() ? "" : " of type " + types);
        }

        @Override
        public String toString() {
            return "ClockedJwkSource[" + source + "]";
        }
    }

    /** Nimbus' verifier decides; this one only names what it refused, for the log. */
    private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final BearerTokenConfig config;
        private final Clock clock;

        ClaimsVerifier(BearerTokenConfig config, Clock clock) {
            super(
                    config.audiences(),
                    new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
                    Set.of(JWTClaimNames.EXPIRATION_TIME),
                    null);
            this.config = config;
            this.clock = clock;
            setMaxClockSkew((int) config.clockSkew().getSeconds());
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            try {
                super.verify(claims, context);
            } catch (BadJWTException e) {
                throw explain(claims, e);
            }
        }

        private RejectedClaims explain(JWTClaimsSet claims, BadJWTException e) {
            Instant now = clock.instant();
            Date expiry = claims.getExpirationTime();
            Date notBefore = claims.getNotBeforeTime();
            String skew = " (clock skew " + config.clockSkew() + ", now " + now + ")";
            if (expiry == null) {
                return new RejectedClaims(Reason.MISSING_EXPIRY, "no exp claim");
            }
            if (!expiry.toInstant().plus(config.clockSkew()).isAfter(now)) {
                return new RejectedClaims(Reason.EXPIRED, "expired at " + expiry.toInstant() + skew);
            }
            if (notBefore != null
                    && notBefore.toInstant().minus(config.clockSkew()).isAfter(now)) {
                return new RejectedClaims(Reason.NOT_YET_VALID, "not valid before " + notBefore.toInstant() + skew);
            }
            if (!config.issuer().equals(claims.getIssuer())) {
                return new RejectedClaims(
                        Reason.WRONG_ISSUER,
                        "issuer [" + printable(claims.getIssuer()) + "], not [" + config.issuer() + "]");
            }
            List<String> audiences = claims.getAudience();
            if (audiences.stream().noneMatch(config.audiences()::contains)) {
                return new RejectedClaims(
                        Reason.WRONG_AUDIENCE,
                        "audience " + printable(audiences.toString()) + ", none of " + config.audiences());
            }
            return new RejectedClaims(Reason.INVALID_CLAIMS, printable(e.getMessage()));
        }
    }

    /** Carries the reason out of nimbus' processor, which passes key source exceptions through. */
    private static final class KeyLookupFailure extends KeySourceException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        KeyLookupFailure(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }
    }

    /** Carries the reason out of nimbus' processor, which passes claim verification exceptions through. */
    private static final class RejectedClaims extends BadJWTException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        RejectedClaims(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final Reason reason;
        private final String detail;
        private final transient Optional<String> claimedUser;

        Refusal(Reason reason, String detail) {
            this(reason, detail, Optional.empty());
        }

        Refusal(Reason reason, String detail, Optional<String> claimedUser) {
            this(reason, detail, claimedUser, null);
        }

        Refusal(Reason reason, String detail, Optional<String> claimedUser, Throwable cause) {
            super(detail, cause, false, false);
            this.reason = reason;
            this.detail = detail;
            this.claimedUser = claimedUser;
        }
    }

    @Override
    public String toString() {
        return "BearerTokens[" + config.jwksUrl().or(config::issuerUrl).orElseThrow() + "]";
    }
}
