package io.lakegate.kyuubi.authn.token;

import static io.lakegate.kyuubi.authn.token.TestTokens.claims;
import static io.lakegate.kyuubi.authn.token.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.security.sasl.AuthenticationException;
import org.apache.kyuubi.config.KyuubiConf;
import org.apache.kyuubi.service.authentication.TokenAuthenticationProvider;
import org.apache.kyuubi.service.authentication.TokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The provider as Kyuubi uses it: created by class name for every HTTP request, with the server's conf. */
class KyuubiBearerProviderContractTest {
    private static final String PROVIDER = "io.lakegate.kyuubi.authn.kyuubi.JwtBearerAuthenticationProvider";

    private final RSAKey key = TestTokens.rsaKey("contract-1");
    private JwksServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer();
        server.publish(key);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private KyuubiConf conf() {
        return new KyuubiConf(false)
                .set("kyuubi.authentication", "CUSTOM")
                .set("kyuubi.authentication.custom.bearer.class", PROVIDER)
                .set("kyuubi.frontend.protocols", "THRIFT_HTTP,REST")
                .set(BearerTokenConfig.JWKS_URL, server.jwksUrl())
                .set(BearerTokenConfig.ISSUER, server.issuerUrl())
                .set(BearerTokenConfig.AUDIENCE, TestTokens.AUDIENCE);
    }

    /** As Kyuubi's ClassUtils.createInstance: a public (KyuubiConf) constructor first, else the no-arg one. */
    private static TokenAuthenticationProvider create(KyuubiConf conf) throws Exception {
        Class<?> type = Class.forName(PROVIDER, true, Thread.currentThread().getContextClassLoader());
        Object instance;
        try {
            Constructor<?> withConf = type.getConstructor(KyuubiConf.class);
            instance = withConf.newInstance(conf);
        } catch (NoSuchMethodException e) {
            instance = type.getConstructor().newInstance();
        }
        return (TokenAuthenticationProvider) instance;
    }

    private static scala.collection.immutable.Map<String, String> extraInfo(String clientIp) {
        return scala.collection.immutable.Map$.MODULE$
                .<String, String>empty()
                .$plus(new Tuple2<>("clientIp", clientIp));
    }

    private String token(String user) {
        return sign(key, claims(server.issuerUrl(), Instant.now()).subject(user).build());
    }

    @Test
    void authenticatesTheUserOfTheToken() throws Exception {
        Principal principal = create(conf()).authenticate(new TokenCredential(token("alice"), extraInfo("10.0.0.1")));

        assertThat(principal.getName()).isEqualTo("alice");
        assertThat(principal.getClass().getName()).isEqualTo("io.lakegate.kyuubi.authn.kyuubi.UserPrincipal");
    }

    @Test
    void refusesUsersKyuubiWouldCutIntoAnotherUser() throws Exception {
        TokenAuthenticationProvider provider = create(conf());
        for (String user : new String[] {"admin@evil.example", "admin/host"}) {
            assertThatThrownBy(() -> provider.authenticate(new TokenCredential(token(user), extraInfo("10.0.0.1"))))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("'/' or '@'");
        }
    }

    @Test
    void instancesShareTheJwksCache() throws Exception {
        for (int i = 0; i < 10; i++) {
            Principal principal = create(conf())
                    .authenticate(new TokenCredential(
                            token("user" + i), scala.collection.immutable.Map$.MODULE$.<String, String>empty()));
            assertThat(principal.getName()).isEqualTo("user" + i);
        }

        assertThat(server.jwksRequests()).isEqualTo(1);
        assertThat(TokenGroups.shared().groupsOf("user3")).containsExactly("analysts", "etl");
    }

    @Test
    void refusesBadTokensWithOneMessage() throws Exception {
        TokenAuthenticationProvider provider = create(conf());
        String expired = sign(
                key,
                claims(server.issuerUrl(), Instant.now())
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
                        .build());
        String forged = sign(
                TestTokens.rsaKey("contract-1"),
                claims(server.issuerUrl(), Instant.now()).build());

        for (String token : new String[] {expired, forged, "garbage", ""}) {
            assertThatThrownBy(() -> provider.authenticate(new TokenCredential(token, extraInfo("10.0.0.2"))))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage(InvalidBearerTokenException.MESSAGE);
        }
    }

    @Test
    void validatesTheConfigurationWhenCreated() {
        KyuubiConf conf = new KyuubiConf(false).set(BearerTokenConfig.JWKS_URL, server.jwksUrl());

        assertThatThrownBy(() -> create(conf))
                .isInstanceOf(InvocationTargetException.class)
                .cause()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(BearerTokenConfig.ISSUER);
    }

    @Test
    void readsKyuubiDefaultsWithoutAConf() throws Exception {
        Map<String, String> properties = Map.of(
                BearerTokenConfig.JWKS_URL, server.jwksUrl(),
                BearerTokenConfig.ISSUER, server.issuerUrl(),
                BearerTokenConfig.AUDIENCE, TestTokens.AUDIENCE);
        properties.forEach(System::setProperty);
        try {
            TokenAuthenticationProvider provider = (TokenAuthenticationProvider)
                    Class.forName(PROVIDER).getConstructor().newInstance();
            assertThat(provider.authenticate(new TokenCredential(token("carol"), extraInfo("10.0.0.3")))
                            .getName())
                    .isEqualTo("carol");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
