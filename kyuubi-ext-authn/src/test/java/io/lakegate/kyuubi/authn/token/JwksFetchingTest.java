package io.lakegate.kyuubi.authn.token;

import static io.lakegate.kyuubi.authn.token.BearerTokensTest.assertRefused;
import static io.lakegate.kyuubi.authn.token.TestTokens.claims;
import static io.lakegate.kyuubi.authn.token.TestTokens.jwksSettings;
import static io.lakegate.kyuubi.authn.token.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import io.lakegate.kyuubi.authn.token.InvalidBearerTokenException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JWKS as nimbus' JWKSourceBuilder caches it, against a real HTTP server: fetched once, refetched for a new key
 * id at most as often as the rate limit allows, kept through outages. The service's clock drives the cache, so
 * expiry needs no sleeping.
 */
class JwksFetchingTest {
    private static final Optional<String> CLIENT = Optional.of("10.9.8.7");

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final RSAKey first = TestTokens.rsaKey("2024-01");
    private final RSAKey second = TestTokens.rsaKey("2024-02");
    private JwksServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer();
        server.publish(first);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BearerTokens tokens(Map<String, String> values) {
        return new BearerTokens(
                BearerTokenConfig.from(TestTokens.settings(values)), clock, new TokenGroups(clock, 100));
    }

    private BearerTokens tokens() {
        return tokens(jwksSettings(server, server.issuerUrl()));
    }

    private String token(RSAKey key) {
        return sign(key, claims(server.issuerUrl(), clock.instant()).build());
    }

    @Test
    void fetchesOnceForManyTokens() throws Exception {
        BearerTokens tokens = tokens();
        assertThat(server.jwksRequests()).isZero();

        for (int i = 0; i < 20; i++) {
            tokens.validate(token(first), CLIENT);
        }

        assertThat(server.jwksRequests()).isEqualTo(1);
    }

    @Test
    void refetchesOnceForARotatedKey() throws Exception {
        BearerTokens tokens = tokens();
        tokens.validate(token(first), CLIENT);

        server.publish(first, second);
        assertThat(tokens.validate(token(second), CLIENT).user()).isEqualTo("alice");
        assertThat(tokens.validate(token(second), CLIENT).user()).isEqualTo("alice");
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");

        assertThat(server.jwksRequests()).isEqualTo(2);
    }

    @Test
    void rateLimitsRefetchesForUnknownKeyIds() throws Exception {
        BearerTokens tokens = tokens();
        tokens.validate(token(first), CLIENT);

        for (int i = 0; i < 50; i++) {
            RSAKey random = new RSAKey.Builder(first)
                    .keyID(UUID.randomUUID().toString())
                    .build();
            assertRefused(
                    tokens,
                    sign(
                            random,
                            JWSAlgorithm.RS256,
                            random.getKeyID(),
                            claims(server.issuerUrl(), clock.instant()).build()),
                    Reason.UNKNOWN_KEY);
        }
        // Nimbus' RateLimitedJWKSetSource lets two fetches through per interval; the first fetch opened the
        // interval, so the flood got one.
        assertThat(server.jwksRequests()).isEqualTo(2);
        // Known keys keep working meanwhile, from the cache.
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");

        // A real rotation within the interval waits for it to end (the price of the limit) ...
        server.publish(first, second);
        assertRefused(tokens, token(second), Reason.UNKNOWN_KEY);
        assertThat(server.jwksRequests()).isEqualTo(2);
        // ... then gets its refetch.
        clock.advance(Duration.ofSeconds(31));
        assertThat(tokens.validate(token(second), CLIENT).user()).isEqualTo("alice");
        assertThat(server.jwksRequests()).isEqualTo(3);
    }

    @Test
    void refetchesAfterTheCacheTimeToLive() throws Exception {
        BearerTokens tokens = tokens();
        tokens.validate(token(first), CLIENT);
        clock.advance(Duration.ofMinutes(9));
        tokens.validate(token(first), CLIENT);
        assertThat(server.jwksRequests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        tokens.validate(token(first), CLIENT);
        assertThat(server.jwksRequests()).isEqualTo(2);
    }

    @Test
    void keepsCachedKeysWhileTheEndpointIsDown() throws Exception {
        BearerTokens tokens = tokens();
        tokens.validate(token(first), CLIENT);
        server.close();

        // Within the cache time-to-live: no fetch needed.
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");
        // Cache expired, fetch fails: the outage tolerance serves the last JWKS, for up to an hour after its fetch.
        clock.advance(Duration.ofMinutes(11));
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");
        clock.advance(Duration.ofMinutes(40));
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");
        // A new key cannot be learnt meanwhile.
        assertRefused(tokens, token(second), Reason.UNKNOWN_KEY);

        clock.advance(Duration.ofMinutes(20));
        assertRefused(tokens, token(first), Reason.KEY_SOURCE_UNAVAILABLE);
    }

    @Test
    void noOutageToleranceWhenTurnedOff() throws Exception {
        Map<String, String> values = jwksSettings(server, server.issuerUrl());
        values.put(BearerTokenConfig.JWKS_OUTAGE_TOLERANCE, "PT0S");
        BearerTokens tokens = tokens(values);
        tokens.validate(token(first), CLIENT);
        server.failWith(503);

        clock.advance(Duration.ofMinutes(11));
        assertRefused(tokens, token(first), Reason.KEY_SOURCE_UNAVAILABLE);
        assertThat(server.jwksRequests()).isEqualTo(2);
    }

    @Test
    void refusesTokensWhenNoKeysWereEverFetched() throws Exception {
        BearerTokens tokens = tokens();
        server.failWith(500);

        assertRefused(tokens, token(first), Reason.KEY_SOURCE_UNAVAILABLE);
        assertRefused(tokens, token(first), Reason.KEY_SOURCE_UNAVAILABLE);
        // Failed fetches are rate limited too: requests do not hammer a failing endpoint.
        for (int i = 0; i < 20; i++) {
            assertRefused(tokens, token(first), Reason.KEY_SOURCE_UNAVAILABLE);
        }
        assertThat(server.jwksRequests()).isLessThanOrEqualTo(2);

        server.failWith(0);
        clock.advance(Duration.ofSeconds(31));
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");
    }

    @Test
    void waitsNoLongerThanTheTimeouts() {
        Map<String, String> values = jwksSettings(server, server.issuerUrl());
        values.put(BearerTokenConfig.CONNECT_TIMEOUT, "PT1S");
        values.put(BearerTokenConfig.READ_TIMEOUT, "PT0.5S");
        BearerTokens tokens = tokens(values);
        server.hang();

        long started = System.nanoTime();
        assertRefused(tokens, token(first), Reason.KEY_SOURCE_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void discoversTheJwksOfTheIssuer() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put(BearerTokenConfig.ISSUER_URL, server.issuerUrl());
        values.put(BearerTokenConfig.AUDIENCE, TestTokens.AUDIENCE);
        BearerTokens tokens = tokens(values);

        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");
        assertThat(tokens.validate(token(first), CLIENT).user()).isEqualTo("alice");
        assertThat(server.discoveryRequests()).isEqualTo(1);
        assertThat(server.jwksRequests()).isEqualTo(1);

        // Rotation refetches the JWKS, not the discovery document.
        server.publish(first, second);
        assertThat(tokens.validate(token(second), CLIENT).user()).isEqualTo("alice");
        assertThat(server.discoveryRequests()).isEqualTo(1);
        assertThat(server.jwksRequests()).isEqualTo(2);
    }

    @Test
    void refusesADiscoveryDocumentOfAnotherIssuer() {
        server.discoveryIssuer("https://evil.example.com/realms/lake");
        Map<String, String> values = new HashMap<>();
        values.put(BearerTokenConfig.ISSUER_URL, server.issuerUrl());
        values.put(BearerTokenConfig.AUDIENCE, TestTokens.AUDIENCE);
        BearerTokens tokens = tokens(values);

        assertThatThrownBy(() -> tokens.validate(token(first), CLIENT))
                .isInstanceOfSatisfying(InvalidBearerTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.KEY_SOURCE_UNAVAILABLE);
                    assertThat(e.detail()).contains("evil.example.com", server.issuerUrl());
                    assertThat(e).hasMessage(InvalidBearerTokenException.MESSAGE);
                });
        assertThat(server.jwksRequests()).isZero();
    }
}
