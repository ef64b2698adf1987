package io.lakegate.kyuubi.authn.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenConfigTest {
    private static final String JWKS = "https://idp.example.com/realms/lake/protocol/openid-connect/certs";
    private static final String ISSUER = "https://idp.example.com/realms/lake";

    private static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put(BearerTokenConfig.JWKS_URL, JWKS);
        values.put(BearerTokenConfig.ISSUER, ISSUER);
        values.put(BearerTokenConfig.AUDIENCE, "kyuubi");
        return values;
    }

    private static BearerTokenConfig config(Map<String, String> values) {
        return BearerTokenConfig.from(AuthnSettings.of(values));
    }

    private static void assertConfigError(Map<String, String> values, String key, String... mentions) {
        assertThatThrownBy(() -> config(values))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[" + key + "]")
                .hasMessageContainingAll(mentions);
    }

    @Test
    void defaults() {
        BearerTokenConfig config = config(minimal());

        assertThat(config.jwksUrl()).contains(URI.create(JWKS));
        assertThat(config.issuerUrl()).isEmpty();
        assertThat(config.issuer()).isEqualTo(ISSUER);
        assertThat(config.audiences()).containsExactly("kyuubi");
        assertThat(config.algorithms()).containsExactly("RS256", "ES256");
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.userClaim()).isEqualTo("sub");
        assertThat(config.groupsClaim()).isEqualTo("groups");
        assertThat(config.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jwksOutageTolerance()).isEqualTo(Duration.ofHours(1));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.discoveryUrl()).isEmpty();
    }

    @Test
    void everyKey() {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.AUDIENCE, "kyuubi, spark");
        values.put(BearerTokenConfig.ALGORITHMS, "rs512, PS256,eddsa");
        values.put(BearerTokenConfig.CLOCK_SKEW, "PT10S");
        values.put(BearerTokenConfig.USER_CLAIM, "preferred_username");
        values.put(BearerTokenConfig.GROUPS_CLAIM, "roles");
        values.put(BearerTokenConfig.JWKS_CACHE_TTL, "PT1H");
        values.put(BearerTokenConfig.JWKS_REFETCH_INTERVAL, "60000");
        values.put(BearerTokenConfig.JWKS_OUTAGE_TOLERANCE, "PT24H");
        values.put(BearerTokenConfig.CONNECT_TIMEOUT, "PT2S");
        values.put(BearerTokenConfig.READ_TIMEOUT, "3000");

        BearerTokenConfig config = config(values);

        assertThat(config.audiences()).isEqualTo(Set.of("kyuubi", "spark"));
        assertThat(config.algorithms()).containsExactly("RS512", "PS256", "EdDSA");
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.userClaim()).isEqualTo("preferred_username");
        assertThat(config.groupsClaim()).isEqualTo("roles");
        assertThat(config.jwksCacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.jwksRefetchInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.jwksOutageTolerance()).isEqualTo(Duration.ofHours(24));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void discoveryDefaultsTheIssuerToTheIssuerUrl() {
        Map<String, String> values = new HashMap<>();
        values.put(BearerTokenConfig.ISSUER_URL, ISSUER + "/");
        values.put(BearerTokenConfig.AUDIENCE, "kyuubi");

        BearerTokenConfig config = config(values);

        assertThat(config.issuer()).isEqualTo(ISSUER + "/");
        assertThat(config.discoveryUrl()).contains(URI.create(ISSUER + "/.well-known/openid-configuration"));
        values.put(BearerTokenConfig.ISSUER, ISSUER);
        assertThat(config(values).issuer()).isEqualTo(ISSUER);
        assertThat(config(values).jwksUrl()).isEqualTo(Optional.empty());
    }

    @Test
    void requiresAudience() {
        Map<String, String> values = minimal();
        values.remove(BearerTokenConfig.AUDIENCE);
        assertConfigError(values, BearerTokenConfig.AUDIENCE, "not set");
        values.put(BearerTokenConfig.AUDIENCE, " , ");
        assertConfigError(values, BearerTokenConfig.AUDIENCE, "not set");
    }

    @Test
    void requiresExactlyOneKeySource() {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.ISSUER_URL, ISSUER);
        assertConfigError(values, BearerTokenConfig.JWKS_URL, BearerTokenConfig.ISSUER_URL, "both set");

        values.remove(BearerTokenConfig.ISSUER_URL);
        values.remove(BearerTokenConfig.JWKS_URL);
        assertConfigError(values, BearerTokenConfig.JWKS_URL, BearerTokenConfig.ISSUER_URL, "both unset");
    }

    @Test
    void requiresIssuerWithJwksUrl() {
        Map<String, String> values = minimal();
        values.remove(BearerTokenConfig.ISSUER);
        assertConfigError(values, BearerTokenConfig.ISSUER, "not set");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://idp.example.com/certs",
                "file:///etc/jwks.json",
                "idp.example.com/certs",
                "https:///certs",
                "https://user:pw@idp/certs",
                "http://[bad"
            })
    void refusesUrlsOtherThanHttp(String url) {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.JWKS_URL, url);
        assertConfigError(values, BearerTokenConfig.JWKS_URL, "http");

        values.remove(BearerTokenConfig.JWKS_URL);
        values.put(BearerTokenConfig.ISSUER_URL, url);
        assertConfigError(values, BearerTokenConfig.ISSUER_URL, "http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "hs384", "RS256,HS512"})
    void refusesHmacAlgorithms(String algorithms) {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.ALGORITHMS, algorithms);
        assertConfigError(values, BearerTokenConfig.ALGORITHMS, "HMAC", "public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "RS256,none"})
    void refusesAlgorithmNone(String algorithms) {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.ALGORITHMS, algorithms);
        assertConfigError(values, BearerTokenConfig.ALGORITHMS, "unsigned");
    }

    @Test
    void refusesUnknownAlgorithms() {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.ALGORITHMS, "RS256,RSA-OAEP");
        assertConfigError(values, BearerTokenConfig.ALGORITHMS, "RSA-OAEP", "ES512");
    }

    @Test
    void refusesInconsistentJwksTimes() {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.JWKS_REFETCH_INTERVAL, "PT10M");
        assertConfigError(values, BearerTokenConfig.JWKS_REFETCH_INTERVAL, BearerTokenConfig.JWKS_CACHE_TTL);
        values.put(BearerTokenConfig.JWKS_REFETCH_INTERVAL, "0");
        assertConfigError(values, BearerTokenConfig.JWKS_REFETCH_INTERVAL, "zero");

        values.remove(BearerTokenConfig.JWKS_REFETCH_INTERVAL);
        values.put(BearerTokenConfig.JWKS_OUTAGE_TOLERANCE, "PT5M");
        assertConfigError(values, BearerTokenConfig.JWKS_OUTAGE_TOLERANCE, BearerTokenConfig.JWKS_CACHE_TTL);
        values.put(BearerTokenConfig.JWKS_OUTAGE_TOLERANCE, "PT0S");
        assertThat(config(values).jwksOutageTolerance()).isZero();
    }

    @Test
    void refusesBadDurations() {
        Map<String, String> values = minimal();
        values.put(BearerTokenConfig.CLOCK_SKEW, "a minute");
        assertConfigError(values, BearerTokenConfig.CLOCK_SKEW, "ISO-8601");

        values.remove(BearerTokenConfig.CLOCK_SKEW);
        values.put(BearerTokenConfig.READ_TIMEOUT, "0");
        assertConfigError(values, BearerTokenConfig.READ_TIMEOUT, "above zero");
    }

    @Test
    void supportsOnlyAsymmetricAlgorithms() {
        assertThat(BearerTokenConfig.SUPPORTED_ALGORITHMS)
                .containsExactlyInAnyOrderElementsOf(List.of(
                        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"));
    }
}
