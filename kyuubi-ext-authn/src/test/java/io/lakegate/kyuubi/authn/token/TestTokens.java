package io.lakegate.kyuubi.authn.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keys, tokens and settings of the tests, signed with nimbus as an identity provider would. */
final class TestTokens {
    static final String AUDIENCE = "kyuubi";

    private TestTokens() {}

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid claims at {@code now}: issued now, valid from a minute ago, for ten minutes. */
    static JWTClaimsSet.Builder claims(String issuer, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject("alice")
                .claim("groups", List.of("analysts", "etl"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    static String sign(JWK key, JWTClaimsSet claims) {
        return sign(key, key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256, key.getKeyID(), claims);
    }

    static String sign(JWK key, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(algorithm)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> jwksSettings(JwksServer server, String issuer) {
        Map<String, String> settings = new HashMap<>();
        settings.put(BearerTokenConfig.JWKS_URL, server.jwksUrl());
        settings.put(BearerTokenConfig.ISSUER, issuer);
        settings.put(BearerTokenConfig.AUDIENCE, AUDIENCE);
        return settings;
    }

    static AuthnSettings settings(Map<String, String> values) {
        return AuthnSettings.of(values);
    }
}
