package io.lakegate.packaging.kyuubi;

import static io.lakegate.packaging.kyuubi.HostClassLoaders.call;
import static io.lakegate.packaging.kyuubi.HostClassLoaders.in;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The Kyuubi providers of the drop-in jar, created by class name the way Kyuubi's server creates them, in a class
 * loader of the drop-in jar and what Kyuubi's jars provide (the SPI, Scala, SLF4J), against an LDAP directory and a
 * JWKS endpoint in this JVM.
 */
final class KyuubiProvidersIT {
    private static final String PROVIDERS = "io.lakegate.kyuubi.authn.kyuubi.";
    private static final String CONF = "org.apache.kyuubi.config.KyuubiConf";
    private static final String PASSWD_PROVIDER =
            "org.apache.kyuubi.service.authentication.PasswdAuthenticationProvider";
    private static final String TOKEN_PROVIDER = "org.apache.kyuubi.service.authentication.TokenAuthenticationProvider";
    private static final String TOKEN_CREDENTIAL = "org.apache.kyuubi.service.authentication.TokenCredential";
    private static final String GROUP_PROVIDER = "org.apache.kyuubi.plugin.GroupProvider";
    private static final String ISSUER = "https://idp.example.com/realms/lake";
    private static final String AUDIENCE = "kyuubi";

    @TempDir
    static Path work;

    private static TestDirectory directory;
    private static HttpServer jwks;
    private static RSAKey signingKey;

    private Path confDir;
    private URLClassLoader kyuubi;

    @BeforeAll
    static void startDirectoryAndJwks() throws Exception {
        directory = TestDirectory.start();
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] keys = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(keys);
            }
        });
        jwks.start();
    }

    @AfterAll
    static void stopDirectoryAndJwks() {
        if (jwks != null) {
            jwks.stop(0);
        }
        if (directory != null) {
            directory.close();
        }
    }

    /**
     * A fresh Kyuubi per test: the providers' process-wide state (pools, caches, throttles) is not shared. Left open,
     * as Kyuubi's are: the pooled connections' reader threads outlive the test and still load classes.
     */
    @BeforeEach
    void startKyuubi() throws IOException {
        confDir = Files.createTempDirectory(work, "conf");
        kyuubi = HostClassLoaders.kyuubi(confDir);
    }

    @Test
    void ldapProviderAuthenticatesAgainstTheDirectory() throws Exception {
        Object provider =
                createLikeKyuubi("LdapPasswdAuthenticationProvider", PASSWD_PROVIDER, directory.passwordSettings());

        authenticate(provider, "alice", TestDirectory.ALICE_PASSWORD);
        assertThatThrownBy(() -> authenticate(provider, "alice", "not-her-password"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(provider, "mallory", TestDirectory.ALICE_PASSWORD))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void chainProviderTriesTheAccountsFileThenTheDirectory() throws Exception {
        // The accounts file's bcrypt hash is checked by the jar's relocated Spring Security Crypto.
        Path accounts = Files.writeString(
                work.resolve("accounts"), "svc-etl:" + BCrypt.hashpw("etl-secret", BCrypt.gensalt(10)) + "\n");
        Map<String, String> settings = new HashMap<>(directory.passwordSettings());
        settings.put("kyuubi.authentication.lakegate.chain", "file,ldap");
        settings.put("kyuubi.authentication.lakegate.file.path", accounts.toString());
        Object provider = createLikeKyuubi("ChainPasswdAuthenticationProvider", PASSWD_PROVIDER, settings);

        authenticate(provider, "svc-etl", "etl-secret");
        authenticate(provider, "alice", TestDirectory.ALICE_PASSWORD);
        assertThatThrownBy(() -> authenticate(provider, "svc-etl", "wrong"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(provider, "alice", "wrong")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void jwtProviderWithoutItsSettingsFailsNamingThem() {
        Throwable failure =
                catchThrowable(() -> createLikeKyuubi("JwtBearerAuthenticationProvider", TOKEN_PROVIDER, Map.of()));

        assertThat(failure).isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable each = failure; each != null; each = each.getCause()) {
            messages.add(String.valueOf(each.getMessage()));
        }
        assertThat(messages).anyMatch(message -> message.contains("kyuubi.authentication.lakegate.jwt."));
    }

    @Test
    void jwtProviderValidatesTokensWithTheKeysOfTheJwksUrl() throws Exception {
        Object provider = createLikeKyuubi(
                "JwtBearerAuthenticationProvider",
                TOKEN_PROVIDER,
                Map.of(
                        "kyuubi.authentication.lakegate.jwt.jwksUrl",
                        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                        "kyuubi.authentication.lakegate.jwt.issuer",
                        ISSUER,
                        "kyuubi.authentication.lakegate.jwt.audience",
                        AUDIENCE));

        Principal user = (Principal) authenticateToken(provider, token("alice", ISSUER));
        assertThat(user.getName()).isEqualTo("alice");
        assertThatThrownBy(() -> authenticateToken(provider, token("alice", "https://elsewhere.example.com")))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticateToken(provider, "not.a.token"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void groupProviderReadsKyuubiDefaultsAndTheDirectory() throws Exception {
        // Kyuubi creates group providers without its conf; $KYUUBI_CONF_DIR is on Kyuubi's classpath.
        Map<String, String> settings = new HashMap<>(directory.passwordSettings());
        settings.put("kyuubi.session.group.lakegate.sources", "ldap");
        settings.put("kyuubi.authentication.lakegate.ldap.groupSearchBase", "ou=groups,dc=example,dc=com");
        StringBuilder defaults = new StringBuilder();
        settings.forEach(
                (key, value) -> defaults.append(key).append('=').append(value).append('\n'));
        Files.writeString(confDir.resolve("kyuubi-defaults.conf"), defaults);
        Object provider = createLikeKyuubi("LakegateGroupProvider", GROUP_PROVIDER, Map.of());

        List<Class<?>> parameters = List.of(String.class, Map.class);
        Object groups = in(kyuubi, () -> call(provider, "groups", parameters, "alice", Map.of()));
        Object primary = in(kyuubi, () -> call(provider, "primaryGroup", parameters, "alice", Map.of()));
        assertThat((String[]) groups).containsExactly("analysts");
        assertThat(primary).isEqualTo("analysts");
    }

    /**
     * As Kyuubi's server: the class by name, which must implement the SPI interface; its public constructor taking
     * Kyuubi's conf if it has one, else its public no-argument constructor.
     */
    private Object createLikeKyuubi(String simpleName, String spi, Map<String, String> settings) throws Exception {
        return in(kyuubi, () -> {
            Class<?> type = Class.forName(PROVIDERS + simpleName, true, kyuubi);
            assertThat(type.getClassLoader()).isSameAs(kyuubi);
            assertThat(Class.forName(spi, false, kyuubi)).isAssignableFrom(type);
            Class<?> confType = Class.forName(CONF, true, kyuubi);
            Object conf = confType.getConstructor(boolean.class).newInstance(false);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                confType.getMethod("set", String.class, String.class)
                        .invoke(conf, setting.getKey(), setting.getValue());
            }
            Optional<Constructor<?>> withConf = List.of(type.getConstructors()).stream()
                    .filter(constructor ->
                            List.of(constructor.getParameterTypes()).equals(List.of(confType)))
                    .findFirst();
            try {
                return withConf.isPresent()
                        ? withConf.get().newInstance(conf)
                        : type.getConstructor().newInstance();
            } catch (InvocationTargetException e) {
                throw HostClassLoaders.rethrown(e);
            }
        });
    }

    private void authenticate(Object provider, String user, String password) throws Exception {
        in(kyuubi, () -> call(provider, "authenticate", List.of(String.class, String.class), user, password));
    }

    private Object authenticateToken(Object provider, String token) throws Exception {
        return in(kyuubi, () -> {
            Class<?> credentialType = Class.forName(TOKEN_CREDENTIAL, true, kyuubi);
            Class<?> scalaMap = Class.forName("scala.collection.immutable.Map", true, kyuubi);
            Class<?> scalaMapCompanion = Class.forName("scala.collection.immutable.Map$", true, kyuubi);
            Object noExtraInfo = scalaMapCompanion
                    .getMethod("empty")
                    .invoke(scalaMapCompanion.getField("MODULE$").get(null));
            Object credential =
                    credentialType.getConstructor(String.class, scalaMap).newInstance(token, noExtraInfo);
            return call(provider, "authenticate", List.of(credentialType), credential);
        });
    }

    private static String token(String subject, String issuer) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .audience(AUDIENCE)
                        .subject(subject)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }
}
