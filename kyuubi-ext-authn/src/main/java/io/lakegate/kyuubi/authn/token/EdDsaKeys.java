package io.lakegate.kyuubi.authn.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * EdDSA (Ed25519) with the JDK's own implementation. Nimbus verifies EdDSA only with Google Tink, an optional
 * dependency Kyuubi does not ship: its default verifier factory has no EdDSA, and its key selector cannot turn OKP
 * keys into Java keys. Ed448 is not accepted (RFC 8037 allows it; identity providers sign with Ed25519).
 */
final class EdDsaKeys {
    // SubjectPublicKeyInfo of an Ed25519 key (RFC 8410) up to its 32 bytes.
    private static final byte[] ED25519_KEY_INFO_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private EdDsaKeys() {}

    static List<PublicKey> select(JWSHeader header, JWKSource<SecurityContext> source, SecurityContext context)
            throws KeySourceException {
        List<PublicKey> keys = new ArrayList<>();
        for (JWK jwk : source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context)) {
            if (jwk instanceof OctetKeyPair pair && Curve.Ed25519.equals(pair.getCurve())) {
                keys.add(toPublicKey(pair.getDecodedX()));
            }
        }
        return keys;
    }

    private static PublicKey toPublicKey(byte[] x) throws KeySourceException {
        if (x.length != 32) {
            throw new KeySourceException("Ed25519 key of " + x.length + " bytes in the JWKS");
        }
        byte[] encoded = new byte[ED25519_KEY_INFO_PREFIX.length + x.length];
        System.arraycopy(ED25519_KEY_INFO_PREFIX, 0, encoded, 0, ED25519_KEY_INFO_PREFIX.length);
        System.arraycopy(x, 0, encoded, ED25519_KEY_INFO_PREFIX.length, x.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("invalid Ed25519 key in the JWKS: " + e.getMessage(), e);
        }
    }

    /** Nimbus' verifiers, and the JDK's Ed25519 for EdDSA. */
    static final class VerifierFactory implements JWSVerifierFactory {
        private final DefaultJWSVerifierFactory standard = new DefaultJWSVerifierFactory();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                if (!(key instanceof PublicKey publicKey) || !key.getAlgorithm().matches("(?i)EdDSA|Ed25519")) {
                    throw new JOSEException("EdDSA needs an Ed25519 public key, not " + key.getAlgorithm());
                }
                return new Ed25519Verifier(publicKey);
            }
            return standard.createJWSVerifier(header, key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            Set<JWSAlgorithm> algorithms = new java.util.HashSet<>(standard.supportedJWSAlgorithms());
            algorithms.add(JWSAlgorithm.EdDSA);
            return algorithms;
        }

        @Override
        public JCAContext getJCAContext() {
            return standard.getJCAContext();
        }
    }

    private static final class Ed25519Verifier implements JWSVerifier {
        private final PublicKey key;
        private final JCAContext context = new JCAContext();

        Ed25519Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 verification failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
