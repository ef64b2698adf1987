package io.lakegate.kyuubi.authn.token;

import static io.lakegate.kyuubi.authn.token.TestTokens.claims;
import static io.lakegate.kyuubi.authn.token.TestTokens.jwksSettings;
import static io.lakegate.kyuubi.authn.token.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lakegate.kyuubi.authn.token.InvalidBearerTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BearerTokensTest {
    private static final Optional<String> CLIENT = Optional.of("10.1.2.3");
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final MutableClock clock = new MutableClock(START);
    private final RSAKey rsa = TestTokens.rsaKey("rsa-1");
    private final ECKey ec = TestTokens.ecKey("ec-1");
    private JwksServer server;
    private String issuer;
    private TokenGroups groups;
    private BearerTokens tokens;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer();
        server.publish(rsa, ec);
        issuer = server.issuerUrl();
        tokens = tokens(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BearerTokens tokens(Map<String, String> overrides) {
        Map<String, String> values = jwksSettings(server, issuer);
        values.putAll(overrides);
        groups = new TokenGroups(clock, 1_000);
        return new BearerTokens(BearerTokenConfig.from(TestTokens.settings(values)), clock, groups);
    }

    private JWTClaimsSet.Builder valid() {
        return claims(issuer, clock.instant());
    }

    private void assertRefused(String token, Reason reason) {
        assertRefused(tokens, token, reason);
    }

    static void assertRefused(BearerTokens tokens, String token, Reason reason) {
        assertThatThrownBy(() -> tokens.validate(token, CLIENT))
                .isInstanceOfSatisfying(InvalidBearerTokenException.class, e -> {
                    assertThat(e.reason()).as(e.detail()).isEqualTo(reason);
                    assertThat(e)
                            .hasMessage(InvalidBearerTokenException.MESSAGE)
                            .hasNoCause();
                });
    }

    @Test
    void acceptsValidRsaToken() throws Exception {
        ValidatedToken validated = tokens.validate(sign(rsa, valid().build()), CLIENT);

        assertThat(validated.user()).isEqualTo("alice");
        assertThat(validated.groups()).containsExactly("analysts", "etl");
        assertThat(validated.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(groups.groupsOf("alice")).containsExactly("analysts", "etl");
    }

    @Test
    void acceptsValidEcToken() throws Exception {
        assertThat(tokens.validate(sign(ec, valid().build()), Optional.empty()).user())
                .isEqualTo("alice");
    }

    @Test
    void takesUserAndGroupsFromConfiguredClaims() throws Exception {
        tokens = tokens(
                Map.of(BearerTokenConfig.USER_CLAIM, "preferred_username", BearerTokenConfig.GROUPS_CLAIM, "roles"));
        JWTClaimsSet claims = valid().claim("preferred_username", "bob")
                .claim("roles", "admins")
                .build();

        ValidatedToken validated = tokens.validate(sign(rsa, claims), CLIENT);

        assertThat(validated.user()).isEqualTo("bob");
        assertThat(validated.groups()).containsExactly("admins");
    }

    @Test
    void acceptsTokenWithoutGroups() throws Exception {
        assertThat(tokens.validate(sign(rsa, valid().claim("groups", null).build()), CLIENT)
                        .groups())
                .isEmpty();
        assertThat(tokens.validate(
                                sign(
                                        rsa,
                                        valid().claim("groups", Map.of("a", 1)).build()),
                                CLIENT)
                        .groups())
                .isEmpty();
    }

    @Test
    void acceptsAnyOfTheConfiguredAudiences() throws Exception {
        tokens = tokens(Map.of(BearerTokenConfig.AUDIENCE, "other, kyuubi"));

        assertThat(tokens.validate(
                                sign(
                                        rsa,
                                        valid().audience(List.of("spark", "kyuubi"))
                                                .build()),
                                CLIENT)
                        .user())
                .isEqualTo("alice");
        assertRefused(sign(rsa, valid().audience(List.of("spark", "trino")).build()), Reason.WRONG_AUDIENCE);
    }

    @Test
    void acceptsAccessTokenType() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rsa-1")
                        .type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
                        .build(),
                valid().build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(rsa));
        assertThat(tokens.validate(jwt.serialize(), CLIENT).user()).isEqualTo("alice");
    }

    @Test
    void refusesExpiredToken() {
        Instant now = clock.instant();
        assertRefused(
                sign(
                        rsa,
                        valid().issueTime(Date.from(now.minus(Duration.ofHours(1))))
                                .notBeforeTime(Date.from(now.minus(Duration.ofHours(1))))
                                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
                                .build()),
                Reason.EXPIRED);
    }

    @Test
    void refusesTokenNotYetValid() {
        assertRefused(
                sign(
                        rsa,
                        valid().notBeforeTime(Date.from(clock.instant().plus(Duration.ofMinutes(5))))
                                .build()),
                Reason.NOT_YET_VALID);
    }

    @Test
    void toleratesClockSkew() throws Exception {
        Instant now = clock.instant();
        // Default skew: 60 s. The clock stands still, so 30 s either side is well within it.
        String justExpired = sign(
                rsa, valid().expirationTime(Date.from(now.minusSeconds(30))).build());
        String almostValid =
                sign(rsa, valid().notBeforeTime(Date.from(now.plusSeconds(30))).build());
        assertThat(tokens.validate(justExpired, CLIENT).user()).isEqualTo("alice");
        assertThat(tokens.validate(almostValid, CLIENT).user()).isEqualTo("alice");

        assertRefused(
                sign(
                        rsa,
                        valid().expirationTime(Date.from(now.minusSeconds(90))).build()),
                Reason.EXPIRED);
        assertRefused(
                sign(rsa, valid().notBeforeTime(Date.from(now.plusSeconds(90))).build()), Reason.NOT_YET_VALID);

        tokens = tokens(Map.of(BearerTokenConfig.CLOCK_SKEW, "PT0S"));
        assertRefused(justExpired, Reason.EXPIRED);
        assertRefused(almostValid, Reason.NOT_YET_VALID);
    }

    @Test
    void refusesTokenWithoutExpiry() {
        assertRefused(sign(rsa, valid().expirationTime(null).build()), Reason.MISSING_EXPIRY);
    }

    @Test
    void refusesWrongIssuer() {
        assertRefused(sign(rsa, valid().issuer("https://evil.example.com").build()), Reason.WRONG_ISSUER);
        assertRefused(sign(rsa, valid().issuer(null).build()), Reason.WRONG_ISSUER);
    }

    @Test
    void refusesWrongAudience() {
        assertRefused(sign(rsa, valid().audience("spark").build()), Reason.WRONG_AUDIENCE);
        assertRefused(sign(rsa, valid().audience((String) null).build()), Reason.WRONG_AUDIENCE);
    }

    @Test
    void refusesForgedSignature() {
        RSAKey forger = TestTokens.rsaKey("rsa-1");
        assertRefused(sign(forger, valid().build()), Reason.BAD_SIGNATURE);
        ECKey ecForger = TestTokens.ecKey("ec-1");
        assertRefused(sign(ecForger, valid().build()), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesTamperedClaims() {
        String[] parts = sign(rsa, valid().build()).split("\\.");
        String admin =
                Base64URL.encode(valid().subject("admin").build().toString()).toString();
        assertRefused(parts[0] + "." + admin + "." + parts[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesUnsignedToken() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String claims = Base64URL.encode(valid().build().toString()).toString();
        assertRefused(header + "." + claims + ".", Reason.UNSIGNED);
        // An unsigned header with a signature part is no JWT at all.
        assertRefused(header + "." + claims + "." + Base64URL.encode("sig"), Reason.MALFORMED);
        // Spelling variants of none are just algorithms nobody allowed.
        String none = Base64URL.encode("{\"alg\":\"None\"}").toString();
        assertRefused(none + "." + claims + "." + Base64URL.encode("sig"), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesHmacSignedWithThePublicKey() throws Exception {
        // Key confusion: an attacker signs with the RSA public key (public, after all) as the HMAC secret.
        byte[] secret = rsa.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), valid().build());
        jwt.sign(new MACSigner(secret));
        assertRefused(jwt.serialize(), Reason.ALGORITHM_NOT_ALLOWED);

        SignedJWT pem = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), valid().build());
        pem.sign(new MACSigner(rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        assertRefused(pem.serialize(), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesAlgorithmOutsideAllowList() throws Exception {
        tokens = tokens(Map.of(BearerTokenConfig.ALGORITHMS, "RS256"));

        assertRefused(sign(rsa, JWSAlgorithm.RS512, "rsa-1", valid().build()), Reason.ALGORITHM_NOT_ALLOWED);
        assertRefused(sign(rsa, JWSAlgorithm.PS256, "rsa-1", valid().build()), Reason.ALGORITHM_NOT_ALLOWED);
        assertRefused(sign(ec, valid().build()), Reason.ALGORITHM_NOT_ALLOWED);
        assertThat(tokens.validate(sign(rsa, valid().build()), CLIENT).user()).isEqualTo("alice");
    }

    @Test
    void acceptsOtherAllowedAlgorithms() throws Exception {
        tokens = tokens(Map.of(BearerTokenConfig.ALGORITHMS, "RS512,PS256"));

        assertThat(tokens.validate(sign(rsa, JWSAlgorithm.RS512, "rsa-1", valid().build()), CLIENT)
                        .user())
                .isEqualTo("alice");
        assertThat(tokens.validate(sign(rsa, JWSAlgorithm.PS256, "rsa-1", valid().build()), CLIENT)
                        .user())
                .isEqualTo("alice");
    }

    @Test
    void acceptsEdDsaWithTheJdksEd25519() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        server.publish(
                rsa,
                new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                        .keyID("ed-1")
                        .build());
        tokens = tokens(Map.of(BearerTokenConfig.ALGORITHMS, "EdDSA"));

        String header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .keyID("ed-1")
                .build()
                .toBase64URL()
                .toString();
        String payload = Base64URL.encode(valid().build().toString()).toString();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        String signature = Base64URL.encode(signer.sign()).toString();

        assertThat(tokens.validate(header + "." + payload + "." + signature, CLIENT)
                        .user())
                .isEqualTo("alice");
        String forged = Base64URL.encode(new byte[64]).toString();
        assertRefused(header + "." + payload + "." + forged, Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesEncryptedToken() throws Exception {
        EncryptedJWT jwt =
                new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), valid().build());
        jwt.encrypt(new RSAEncrypter(rsa.toRSAPublicKey()));
        assertRefused(jwt.serialize(), Reason.ENCRYPTED);
    }

    static Stream<String> malformedTokens() throws JOSEException {
        return Stream.of(
                "",
                "   ",
                "garbage",
                "abc.def",
                "abc.def.ghi",
                "a.b.c.d",
                "a.b.c.d.e",
                "....",
                Base64URL.encode("{\"alg\":\"RS256\"}") + ".e30=.",
                Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}") + "." + Base64URL.encode("[1,2]") + ".c2ln",
                "x".repeat(BearerTokens.MAX_TOKEN_LENGTH + 1),
                "eyJ" + "A".repeat(100_000) + ".e30.c2ln",
                "\u0000\n.\r\n.\t");
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void refusesMalformedToken(String token) {
        assertThatThrownBy(() -> tokens.validate(token, CLIENT))
                .isInstanceOfSatisfying(InvalidBearerTokenException.class, e -> {
                    assertThat(e.reason())
                            .as(e.detail())
                            .isIn(Reason.MALFORMED, Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE);
                    assertThat(e).hasMessage(InvalidBearerTokenException.MESSAGE);
                });
    }

    @Test
    void refusesNullAndEmptyTokensAsMalformed() {
        assertRefused(null, Reason.MALFORMED);
        assertRefused("", Reason.MALFORMED);
        assertRefused("abc.def", Reason.MALFORMED);
        assertRefused("x".repeat(BearerTokens.MAX_TOKEN_LENGTH + 1), Reason.MALFORMED);
    }

    @Test
    void refusesTokenWithoutUserClaim() {
        assertRefused(sign(rsa, valid().subject(null).build()), Reason.MISSING_USER_CLAIM);
        assertRefused(sign(rsa, valid().subject(" ").build()), Reason.MISSING_USER_CLAIM);
        tokens = tokens(Map.of(BearerTokenConfig.USER_CLAIM, "preferred_username"));
        assertRefused(sign(rsa, valid().build()), Reason.MISSING_USER_CLAIM);
        assertRefused(sign(rsa, valid().claim("preferred_username", 42).build()), Reason.MISSING_USER_CLAIM);
        assertRefused(
                sign(rsa, valid().claim("preferred_username", List.of("a")).build()), Reason.MISSING_USER_CLAIM);
    }

    @Test
    void takesANumericSubjectAsString() throws Exception {
        // Nimbus parses a numeric sub into its string form; it is still the subject the issuer signed.
        assertThat(tokens.validate(
                                sign(rsa, valid().subject(null).claim("sub", 42).build()), CLIENT)
                        .user())
                .isEqualTo("42");
    }

    @Test
    void refusesUnknownKey() {
        assertRefused(sign(TestTokens.rsaKey("nobody"), valid().build()), Reason.UNKNOWN_KEY);
    }

    @Test
    void logsWhatFailedButTellsClientsOneThing() {
        InvalidBearerTokenException expired = refusal(sign(
                rsa,
                valid().expirationTime(Date.from(clock.instant().minus(Duration.ofHours(1))))
                        .build()));
        InvalidBearerTokenException forged = refusal(sign(TestTokens.rsaKey("rsa-1"), valid().build()));
        InvalidBearerTokenException audience =
                refusal(sign(rsa, valid().audience("spark").build()));

        assertThat(List.of(expired, forged, audience))
                .extracting(Throwable::getMessage)
                .containsOnly(InvalidBearerTokenException.MESSAGE);
        assertThat(expired.detail()).contains("expired at");
        assertThat(forged.detail()).contains("invalid signature", "rsa-1");
        assertThat(audience.detail()).contains("spark", "kyuubi");
    }

    private InvalidBearerTokenException refusal(String token) {
        try {
            tokens.validate(token, CLIENT);
        } catch (InvalidBearerTokenException e) {
            return e;
        }
        throw new AssertionError("token accepted");
    }
}
